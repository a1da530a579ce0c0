using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// What McMaster's parser refuses (it throws <see cref="CommandParsingException"/> in its own words, such as
/// "Missing value for option 'o'"), said again in the house's words: pflag's where cobra has one, the house's
/// <c>invalid value</c> form otherwise, with the usage line of the command the parse had reached. The refused word
/// is found again in argv, so no McMaster message text is relied on.
/// </summary>
public static class ParseRefusals
{
    public static SkupperException Reword(CommandParsingException refusal, IReadOnlyList<string> argv, string invocationName)
    {
        var command = refusal.Command;
        var path = CommandRegistrar.PathOf(command);
        var usage = $"Run '{invocationName}{(path.Length > 0 ? " " + path : "")} --help' for usage.";
        return SkupperException.Usage(Refused(command, argv) ?? refusal.Message, usage);
    }

    /// <summary>The first flag word of argv the parser cannot take, walking it as the parser does.</summary>
    private static string? Refused(CommandLineApplication command, IReadOnlyList<string> argv)
    {
        for (var i = 0; i < argv.Count; i++)
        {
            if (argv[i] == "--") return null;
            if (FlagWord.Read(command, argv[i]) is not { } flag) continue;
            if (flag.Value is not null && flag.Option.OptionType == CommandOptionType.NoValue)
                return $"invalid value \"{flag.Value}\" for {flag.Name}: it takes no value (give {flag.Name} alone)";
            if (flag.Value is not null || !flag.TakesValue) continue;
            // pflag's ValueRequiredError (spf13/pflag errors.go, raised by parseLongArg and parseSingleShortArg in
            // flag.go): "flag needs an argument: --%s" for a long flag; "flag needs an argument: %q in -%s" for a
            // shorthand, the letter quoted as Go quotes a rune ('o') and then the shorthands from it on (-o).
            if (i == argv.Count - 1)
                return flag.Name.StartsWith("--", StringComparison.Ordinal)
                    ? $"flag needs an argument: {flag.Name}"
                    : $"flag needs an argument: '{flag.Name[1]}' in {flag.Name}";
            i++; // its value, whatever it looks like, as the parser takes it
        }
        return null;
    }
}
