using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// The words McMaster's parse left over, read as cobra reads a command line. McMaster stops at the first word it
/// cannot place (an unknown flag, a word past the last argument, the <c>--</c> marker) and keeps that word and
/// every later one in <see cref="CommandLineApplication.RemainingArguments"/>, so they are always the tail of argv.
/// Cobra (through pflag) instead ends the options at <c>--</c> and takes every later word as a positional argument,
/// and names a word that fits no argument as an extra one; this class gives that reading and its messages, each
/// one <see cref="SkupperException.Usage"/> line with the usage hint. It runs once the parse is complete, before
/// any command's code sees its arguments.
/// </summary>
public sealed class LeftoverWords(IReadOnlyList<string> argv, string invocationName)
{
    /// <summary>
    /// Places the words after <c>--</c> into <paramref name="command"/>'s arguments; throws the usage error for any
    /// other leftover word. Run on the command the parse selected.
    /// </summary>
    public void Check(CommandLineApplication command)
    {
        var rest = command.RemainingArguments;
        if (command.IsShowingInformation || rest.Count == 0) return;
        if (rest[0] == "--")
        {
            // pflag's parseArgs: '"--" terminates the flags' and the words after it are arguments.
            var positionals = rest.Skip(1).ToList();
            rest.Clear();
            var extra = Place(command, positionals);
            if (extra is not null) throw Unexpected(command, extra, afterDashes: true, previous: null);
            return;
        }
        var before = argv.Count - rest.Count - 1;
        throw Unexpected(command, rest[0], afterDashes: false, before >= 0 ? argv[before] : null);
    }

    /// <summary>
    /// The usage error for <paramref name="word"/>, which no option or argument of <paramref name="command"/> took;
    /// <paramref name="previous"/> is the word before it on the command line, when known.
    /// </summary>
    private SkupperException Unexpected(CommandLineApplication command, string word, bool afterDashes, string? previous)
    {
        var path = CommandRegistrar.PathOf(command);
        var full = path.Length == 0 ? invocationName : $"{invocationName} {path}";
        var usage = $"Run '{full} --help' for usage.";
        if (!afterDashes && word.StartsWith('-') && word != "-")
            return SkupperException.Usage(UnknownFlag(command, word), Suggestions.Hint(Suggestions.ForFlag(command, word), usage));
        // A group's words are command names (cobra's legacyArgs: "unknown command"), as a mistyped one usually is;
        // a command's own name after "--" is not suggested back.
        if (command.Commands.Count > 0)
            return SkupperException.Usage($"unknown command \"{word}\" for \"{full}\"",
                Suggestions.Hint(Suggestions.ForCommand(command, word).Where(s => s != word).ToList(), usage));
        var unexpected = $"unexpected argument \"{word}\" for \"{full}\"";
        // "--enable-link-access true": the word was meant as the switch's value, which only "=" attaches.
        if (previous is not null && Switch(command, previous) is { } option)
            return SkupperException.Usage(option.OptionType == CommandOptionType.NoValue
                ? $"{unexpected}: {previous} takes no value"
                : $"{unexpected}: to set {previous}, write {previous}={word}", usage);
        var names = command.Arguments.Where(a => a.ShowInHelpText).Select(a => a.Name).ToList();
        return SkupperException.Usage(names.Count == 0
            ? $"{unexpected}: it takes no arguments"
            : $"{unexpected}: it takes at most {names.Count} argument{(names.Count == 1 ? "" : "s")} ({string.Join(", ", names)})", usage);
    }

    /// <summary>
    /// pflag's NotExistError (spf13/pflag errors.go): "unknown flag: --%s" names the flag without its value (which
    /// may be a secret), "unknown shorthand flag: %q in -%s" the first unknown letter and the letters from it on.
    /// </summary>
    private static string UnknownFlag(CommandLineApplication command, string word)
    {
        var name = word.Split('=', 2)[0];
        if (name.StartsWith("--", StringComparison.Ordinal)) return $"unknown flag: {name}";
        var options = command.GetOptions().ToList();
        for (var i = 1; i < name.Length; i++)
            if (!options.Any(o => o.ShortName == name[i..(i + 1)] || o.SymbolName == name[i..(i + 1)]))
                return $"unknown shorthand flag: '{name[i]}' in -{name[i..]}";
        return $"unknown flag: {name}";
    }

    /// <summary>
    /// Puts <paramref name="words"/> into the arguments the parse had not filled yet, as McMaster fills them (a
    /// last argument with multiple values takes all the rest); returns the first word that fits none, else null.
    /// </summary>
    private static string? Place(CommandLineApplication command, IReadOnlyList<string> words)
    {
        var arguments = command.Arguments;
        var filled = arguments.FindLastIndex(a => a.Values.Count > 0);
        var next = filled >= 0 && arguments[filled].MultipleValues ? filled : filled + 1;
        foreach (var word in words)
        {
            if (next >= arguments.Count || command.Commands.Count > 0) return word;
            arguments[next].Values.Add(word);
            if (!arguments[next].MultipleValues) next++;
        }
        return null;
    }

    /// <summary>The option <paramref name="word"/> names when it is a switch written without a value.</summary>
    private static CommandOption? Switch(CommandLineApplication command, string word) =>
        FlagWord.Read(command, word) is { Value: null, TakesValue: false } flag && flag.Option != command.OptionHelp ? flag.Option : null;
}
