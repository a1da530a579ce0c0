using McMaster.Extensions.CommandLineUtils;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// "Did you mean this?" for a mistyped command or flag, as cobra gives it (spf13/cobra
/// command.go: <c>findSuggestions</c>, <c>SuggestionsFor</c>; <c>ld</c> in cobra.go): a name
/// within Levenshtein distance 2 of the typed word, case ignored, or one the word is a prefix of,
/// in declaration order. Cobra suggests commands only; flags get the same rule here.
/// </summary>
public static class Suggestions
{
    /// <summary>Cobra's <c>SuggestionsMinimumDistance</c> default.</summary>
    private const int MaximumDistance = 2;

    /// <summary>Visible subcommands of <paramref name="command"/> that <paramref name="typed"/> may have meant.</summary>
    public static IReadOnlyList<string> ForCommand(CommandLineApplication command, string typed) =>
        Matching(typed, command.Commands.Where(c => c.ShowInHelpText && c.Name is not null).Select(c => c.Name!));

    /// <summary>
    /// Visible long options (inherited ones included) that <paramref name="typed"/> (<c>--timout</c>
    /// or <c>--timout=5s</c>) may have meant, with their dashes. Short flags get none: every
    /// short name is within distance 2 of every other.
    /// </summary>
    public static IReadOnlyList<string> ForFlag(CommandLineApplication command, string typed)
    {
        if (!typed.StartsWith("--", StringComparison.Ordinal)) return [];
        var name = typed[2..].Split('=', 2)[0];
        if (name.Length == 0) return [];
        var names = command.GetOptions().Where(o => o.ShowInHelpText && o.LongName is not null).Select(o => o.LongName!);
        return Matching(name, names).Select(n => "--" + n).ToList();
    }

    /// <summary>
    /// What follows the error line: cobra's "\nDid you mean this?\n\t…\n" block when there is a
    /// suggestion, then the usage line.
    /// </summary>
    public static string Hint(IReadOnlyList<string> suggestions, string usage) =>
        suggestions.Count == 0
            ? usage
            : "\nDid you mean this?\n" + string.Concat(suggestions.Select(s => $"\t{s}\n")) + "\n" + usage;

    private static List<string> Matching(string typed, IEnumerable<string> names) =>
        names.Distinct(StringComparer.Ordinal)
            .Where(n => Distance(typed, n) <= MaximumDistance || n.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .ToList();

    /// <summary>Levenshtein distance, case ignored, as cobra's <c>ld(s, t, true)</c>.</summary>
    public static int Distance(string s, string t)
    {
        s = s.ToLowerInvariant();
        t = t.ToLowerInvariant();
        var previous = new int[t.Length + 1];
        var current = new int[t.Length + 1];
        for (var j = 0; j <= t.Length; j++) previous[j] = j;
        for (var i = 1; i <= s.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= t.Length; j++)
            {
                var cost = s[i - 1] == t[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[t.Length];
    }
}
