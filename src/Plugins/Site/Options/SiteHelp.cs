using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Site.Options;

/// <summary>One example of a command's help: what it does, and the command line without the invocation name.</summary>
internal sealed record HelpExample(string Comment, string CommandLine);

/// <summary>
/// The text under a site command's options, shaped as the Skupper command reference shapes a page
/// (/work/shared/reference/cli/site.yaml): the platforms it works on, what it waits for (the
/// reference's <c>wait</c>), and examples that start with the name the user invoked
/// (<c>kubectl skupper</c> or <c>skupper</c>), so that each can be pasted as it stands.
/// </summary>
internal static class SiteHelp
{
    public static string Text(string invocationName, IReadOnlyList<Platform> platforms, string? waitsFor, params HelpExample[] examples)
    {
        var lines = new List<string> { "", $"Platforms: {string.Join(", ", platforms)}" };
        if (waitsFor is not null) lines.Add($"Waits for: {waitsFor}");
        lines.Add("");
        lines.Add("Examples:");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0) lines.Add("");
            lines.Add($"  # {examples[i].Comment}");
            lines.Add($"  {invocationName} {examples[i].CommandLine}");
        }
        return string.Join('\n', lines);
    }
}
