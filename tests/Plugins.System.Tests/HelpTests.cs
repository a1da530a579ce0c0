using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.System.Tests;

/// <summary>
/// Every system command's help ends with its examples as the user would type them: a comment, the command line starting
/// with the name they invoked (also inside a pipe) and what it prints, then the pointer to the global options.
/// </summary>
public sealed class HelpTests : IDisposable
{
    private readonly TestHome _home = new();

    /// <summary>Each command's help from "Examples:" to its last line, the invocation name as {0}.</summary>
    public static TheoryData<string, string> Examples => new()
    {
        { "apply", """
            Examples:
              # Add a site and a listener to the default namespace
              $ {0} system apply -f ~/my-site.yaml --platform podman
              Site "west" is applied: /home/me/.local/share/skupper/namespaces/default/input/resources/Site-west.yaml
              Listener "db" is applied: /home/me/.local/share/skupper/namespaces/default/input/resources/Listener-db.yaml

              # Take a link generated elsewhere from standard input
              $ {0} link generate | {0} system apply -f - --platform podman
            """ },
        { "delete", """
            Examples:
              # Remove the resources a file names from the default namespace
              $ {0} system delete -f ~/my-site.yaml --platform podman
              Site "west" is deleted: /home/me/.local/share/skupper/namespaces/default/input/resources/Site-west.yaml
            """ },
        { "start", """
            Examples:
              # Start the site of namespace "west" on Podman
              $ {0} system start -n west --platform podman
              Site "west" has been created on namespace "west"
              Platform: podman
              Definition is available at: /home/me/.local/share/skupper/namespaces/west/input/resources
            """ },
        { "stop", """
            Examples:
              # Stop the site of namespace "west" and remove its files
              $ {0} system stop -n west --platform podman
              Namespace "west" has been removed
            """ },
        { "reload", """
            Examples:
              # Render the site of namespace "west" again after changing its input resources
              $ {0} system reload -n west --platform podman
              Sources will be consumed from namespace "west"
              Site "west" has been created on namespace "west"
              Platform: podman
              Definition is available at: /home/me/.local/share/skupper/namespaces/west/input/resources
            """ },
        { "generate-bundle", """
            Examples:
              # A self-extracting installer of the site of namespace "west"
              $ {0} system generate-bundle west-site --type shell-script -n west --platform podman
              Site "west" has been created (as a distributable bundle)
              Installation bundle available at: /home/me/.local/share/skupper/bundles/west-site.sh
              Default namespace: west
              Default platform: podman
            """ },
        { "install", """
            Examples:
              # Run the system controller on Podman, reloading sites when their input changes
              $ {0} system install --platform podman --reload-type auto
              Platform podman is now configured for Skupper
            """ },
        { "uninstall", """
            Examples:
              # Remove the system controller, and every site of the data home with it
              $ {0} system uninstall --platform podman --force
              Platform podman infrastructure for Skupper is now uninstalled
            """ },
    };

    private static string Tail(string help) => help[help.IndexOf("Examples:", StringComparison.Ordinal)..];

    private static string Expected(string examples, string cli) =>
        string.Format(examples, cli) + $"\n\nUse \"{cli} options\" for a list of global command-line options (applies to all commands).\n";

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Help_shows_the_examples_with_kubectl_skupper(string command, string examples)
    {
        var r = await ProcessRunner.KubectlSkupper(_home, "system", command, "--help");

        r.ExitCode.ShouldBe(0, r.ToString());
        Tail(r.Out).ShouldBe(Expected(examples, "kubectl skupper"));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Help_when_installed_as_skupper_says_skupper(string command, string examples)
    {
        var bin = Path.Combine(_home.Root, "bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "skupper"), ProcessRunner.HostExe);

        var r = await ProcessRunner.Run(Path.Combine(bin, "skupper"), ["system", command, "-h"], _home);

        r.ExitCode.ShouldBe(0, r.ToString());
        Tail(r.Out).ShouldBe(Expected(examples, "skupper"));
    }

    public void Dispose() => _home.Dispose();
}
