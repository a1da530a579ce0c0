using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Site.Options;

/// <summary>
/// One example of a command's help: what it does, the command line without the invocation name,
/// and what it prints, as the Skupper command reference shows it (shared/reference/cli/site.yaml).
/// </summary>
internal sealed record HelpExample(string Comment, string CommandLine, string? Output = null);

/// <summary>
/// The help sections of a site command: what it waits for (the reference's <c>wait</c>) and examples
/// that start with the name the user invoked (<c>kubectl skupper</c> or <c>skupper</c>), so that each
/// can be pasted as it stands. The host lays them out, with the platforms, as for every command.
/// </summary>
internal static class SiteHelp
{
    public static void Declare(ICommandDeclaration command, string? waitsFor, params HelpExample[] examples)
    {
        command.WaitsFor = waitsFor;
        command.Examples = string.Join("\n\n", examples.Select(e =>
            $"# {e.Comment}\n$ {command.InvocationName} {e.CommandLine}" + (e.Output is null ? "" : "\n" + e.Output)));
    }
}
