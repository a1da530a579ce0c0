using McMaster.Extensions.CommandLineUtils;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// One flag word of a command line as the parser reads it against a command (inherited options included):
/// <c>--output</c>, <c>--output=json</c>, <c>-o</c>, <c>-ojson</c>, <c>-o=json</c>, or a cluster of short switches
/// ending in one (<c>-xo</c>). <see cref="Option"/> is the option the word ends with, <see cref="Name"/> how pflag
/// names it in messages (<c>--output</c>; for a shorthand, <c>-</c> and the letters from its own on), and
/// <see cref="Value"/> the value written in the word itself (null when it is not; then it comes from the next word
/// if the option takes one).
/// </summary>
public readonly record struct FlagWord(CommandOption Option, string Name, string? Value)
{
    /// <summary>Whether the option's value is its own word: <c>--output json</c>, but not <c>--wait</c>'s.</summary>
    public bool TakesValue => Option.OptionType is CommandOptionType.SingleValue or CommandOptionType.MultipleValue;

    /// <summary>The flag <paramref name="word"/> names on <paramref name="command"/>; null for a word that is no known flag.</summary>
    public static FlagWord? Read(CommandLineApplication command, string word)
    {
        if (word.Length < 2 || word[0] != '-' || word == "--") return null;
        // McMaster splits a flag from its value at the first '=' or ':'.
        var split = word.IndexOfAny(['=', ':']);
        var name = split >= 0 ? word[..split] : word;
        var value = split >= 0 ? word[(split + 1)..] : null;
        var options = command.GetOptions().ToList();
        if (name.StartsWith("--", StringComparison.Ordinal))
            return options.FirstOrDefault(o => o.LongName == name[2..]) is { } named ? new FlagWord(named, name, value) : null;
        // A short name longer than one letter is matched whole (McMaster then reads no clusters).
        if (options.FirstOrDefault(o => o.ShortName == name[1..] || o.SymbolName == name[1..]) is { } whole)
            return new FlagWord(whole, name, value);
        for (var i = 1; i < name.Length; i++)
        {
            var letter = name[i..(i + 1)];
            if (options.FirstOrDefault(o => o.ShortName == letter || o.SymbolName == letter) is not { } option) return null;
            var read = new FlagWord(option, "-" + name[i..], value);
            if (i == name.Length - 1) return read;
            if (read.TakesValue) return read with { Name = "-" + letter, Value = name[(i + 1)..] };
        }
        return null;
    }
}
