using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// The global options are listed once, by <c>options</c> (kubectl's <c>kubectl options</c>); every help page shows
/// its own options and ends with kubectl's pointer to that command, in the name the CLI was invoked by.
/// </summary>
public class OptionsCommandTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    /// <summary>Every option the host takes on every command, as its help column shows it.</summary>
    private static readonly string[] Globals =
    [
        "-c|--context <NAME>", "--kubeconfig <FILE>", "-n|--namespace <NAME>", "-p|--platform <PLATFORM>", "--no-hooks",
        "--cluster <NAME>", "--user <NAME>", "-s|--server <URL>", "--token <TOKEN>", "--as <USER>", "--as-group <GROUP>",
        "--as-uid <UID>", "--certificate-authority <FILE>", "--client-certificate <FILE>", "--client-key <FILE>",
        "--tls-server-name <NAME>", "--insecure-skip-tls-verify", "--request-timeout <DURATION>", "-v|--v <LEVEL>",
    ];

    private const string Pointer = "Use \"{0} options\" for a list of global command-line options (applies to all commands).\n";

    [Fact]
    public async Task Kubectl_skupper_options_lists_every_global_option_with_its_description()
    {
        var r = await Kubectl(_home, "skupper", "options");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBeEmpty();
        var lines = r.Out.Split('\n');
        lines[0].ShouldBe("The following options can be passed to any command:");
        lines[1].ShouldBe("");
        var listed = lines[2..].Where(l => l.Length > 0).ToList();
        listed.Select(l => l.Trim().Split("  ")[0]).ShouldBe(Globals);
        listed.ShouldContain(l => l.StartsWith("  -n|--namespace <NAME>")
            && l.EndsWith("If present, the namespace scope for this CLI request."));
        listed.ShouldNotContain(l => l.Contains("--help"));
    }

    [Fact]
    public async Task Top_level_help_lists_the_options_command_and_no_global_option()
    {
        var r = await Kubectl(_home, "skupper", "--help");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("\n  options    Print the list of global command-line options (applies to all commands).\n");
        foreach (var global in Globals) r.Out.ShouldNotContain(global);
        r.Out.ShouldEndWith("Run 'kubectl skupper [command] --help' for more information about a command.\n" +
            string.Format(Pointer, "kubectl skupper"));
    }

    [Fact]
    public async Task A_commands_help_has_only_its_own_options_then_the_pointer()
    {
        var r = await KubectlSkupper(_home, "version", "--help");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("""
            Display the version of the CLI and of each plugin.

            Usage: kubectl skupper version [options]

            Options:
              -o|--output <FORMAT>  Output format: json or yaml (default: a plain listing).
              -h|--help             Display help and exit.


            """ + string.Format(Pointer, "kubectl skupper"));
    }

    [Fact]
    public async Task Invoked_as_skupper_the_pointer_and_the_listing_say_skupper()
    {
        var link = Path.Combine(_home.Root, "skupper");
        File.CreateSymbolicLink(link, HostExe);

        var help = await Run(link, ["plugin", "--help"], _home);
        help.ExitCode.ShouldBe(0, help.ToString());
        help.Out.ShouldEndWith(string.Format(Pointer, "skupper"));

        var options = await Run(link, ["options"], _home);
        options.ExitCode.ShouldBe(0, options.ToString());
        options.Out.ShouldContain("  --kubeconfig <FILE>");
    }

    [Fact]
    public async Task The_options_command_takes_no_argument()
    {
        var r = await KubectlSkupper(_home, "options", "all");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe("Error: unexpected argument \"all\" for \"kubectl skupper options\": it takes no arguments\n" +
            "Run 'kubectl skupper options --help' for usage.\n");
    }
}
