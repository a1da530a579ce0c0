using System.Text;
using System.Text.RegularExpressions;

namespace Skupper.Cli.Host.Hooks;

/// <summary>
/// How an event name maps to the function a hook module exports for it: the last segment first,
/// then the others, in camelCase (<c>token.issue.before</c> → <c>beforeTokenIssue</c>,
/// <c>link.delete.after</c> → <c>afterLinkDelete</c>, <c>site-link.create.before</c> →
/// <c>beforeSiteLinkCreate</c>). The same rule for every plugin's events.
/// </summary>
public static partial class HookEvents
{
    public static string ExportName(string eventName)
    {
        var parts = eventName.Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return "";
        IEnumerable<string> ordered = parts.Length == 1 ? parts : parts[^1..].Concat(parts[..^1]);
        var words = ordered.SelectMany(p => p.Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries)).ToList();
        var sb = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i].ToLowerInvariant();
            sb.Append(i == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The event an export name stands for, where it follows the rule (<c>beforeTokenIssue</c> →
    /// <c>token.issue.before</c>); null for other exports. Used only to show what a hook handles.
    /// </summary>
    public static string? EventName(string exportName)
    {
        var m = EventExport().Match(exportName);
        if (!m.Success) return null;
        var words = CamelWords().Matches(m.Groups[2].Value).Select(w => w.Value.ToLowerInvariant());
        return string.Join('.', words.Append(m.Groups[1].Value));
    }

    public static bool IsAfter(string eventName) => eventName.EndsWith(".after", StringComparison.Ordinal);

    [GeneratedRegex("^(before|after)([A-Z][A-Za-z0-9]*)$")]
    private static partial Regex EventExport();

    [GeneratedRegex("[A-Z][a-z0-9]*")]
    private static partial Regex CamelWords();
}
