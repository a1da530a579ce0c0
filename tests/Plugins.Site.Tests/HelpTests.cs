using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Site.Tests;

/// <summary>
/// Every site command's help says what the command reference says (reference/cli/site.yaml): its
/// platforms, what it waits for, and examples that start with the name the user invoked.
/// </summary>
public sealed class HelpTests() : SiteTestBase(null)
{
    private const string AllPlatforms = "Platforms: Kubernetes, Docker, Podman, Linux";

    /// <summary>kubectl's last line of help, for the invocation name {0}: the global options are listed apart.</summary>
    private const string OptionsPointer = "Use \"{0} options\" for a list of global command-line options (applies to all commands).\n";

    /// <summary>
    /// The help from its "Platforms:" line to its usage line, and from "Examples:" to the end, with the
    /// invocation name written as {0}: the host lays these out from each command's declarations.
    /// </summary>
    public static TheoryData<string, string, string> Pages => new()
    {
        { "create", $$"""
            {{AllPlatforms}}
            Waits for: Ready

            Usage: {0} site create <name> [options]
            """, """
            Examples:
              # Create a site
              $ {0} site create west
              Waiting for status...
              Site "west" is ready.

              # Create a site that can accept links from remote sites
              $ {0} site create west --enable-link-access

            """ },
        { "update", $$"""
            {{AllPlatforms}}
            Waits for: Ready

            Usage: {0} site update [name] [options]
            """, """
            Examples:
              # Update the current site to accept links
              $ {0} site update --enable-link-access
              Waiting for status...
              Site "west" is ready.

              # Update multiple settings
              $ {0} site update --enable-link-access --enable-ha

              # Turn link access off
              $ {0} site update --disable-link-access

            """ },
        { "delete", $$"""
            {{AllPlatforms}}
            Waits for: Deletion

            Usage: {0} site delete [name] [options]
            """, """
            Examples:
              # Delete the current site
              $ {0} site delete
              Waiting for deletion...
              Site "west" is deleted.

              # Delete the current site and all of its associated Skupper resources
              $ {0} site delete --all

            """ },
        { "status", $$"""
            {{AllPlatforms}}
            Waits for: nothing (it returns at once)

            Usage: {0} site status [name] [options]
            """, """
            Examples:
              # Show the status of the current site
              $ {0} site status

              # The whole resource, for scripts
              $ {0} site status -o json

            """ },
        { "generate", $$"""
            {{AllPlatforms}}
            Waits for: nothing (it returns at once)

            Usage: {0} site generate <name> [options]
            """, """
            Examples:
              # Generate a Site resource and print it to the console
              $ {0} site generate west --enable-link-access

              # Generate a Site resource and direct the output to a file
              $ {0} site generate east > east.yaml

              # Generate a Site resource and apply it
              $ {0} site generate east | kubectl apply -f -

            """ },
    };

    private static string From(string help, string marker) => help[help.IndexOf(marker, StringComparison.Ordinal)..];

    private static string Head(string help) => From(help, "Platforms:").Split("\n\nArguments:")[0];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Help_through_kubectl_names_platforms_wait_and_kubectl_skupper_examples(string command, string head, string examples)
    {
        var home = NewHome(kubeconfig: false);

        var r = await Kubectl(home, "skupper", "site", command, "--help");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldMatch(@"(?m)^\s+-h\|--help\s+Display help and exit\.$");
        Head(r.Out).ShouldBe(string.Format(head, "kubectl skupper"));
        From(r.Out, "Examples:").ShouldBe(string.Format(examples + "\n" + OptionsPointer, "kubectl skupper"));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Help_when_installed_as_skupper_says_skupper(string command, string head, string examples)
    {
        var home = NewHome(kubeconfig: false);
        var bin = Path.Combine(home.Root, "bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "skupper"), ProcessRunner.HostExe);

        var r = await ProcessRunner.Run(Path.Combine(bin, "skupper"), ["site", command, "-h"], home);

        r.ExitCode.ShouldBe(0, r.ToString());
        Head(r.Out).ShouldBe(string.Format(head, "skupper"));
        From(r.Out, "Examples:").ShouldBe(string.Format(examples + "\n" + OptionsPointer, "skupper"));
    }

    [Fact]
    public async Task Group_help_names_the_whole_command_in_its_trailer()
    {
        var home = NewHome(kubeconfig: false);

        var r = await Kubectl(home, "skupper", "site", "--help");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("Usage: kubectl skupper site [options] [command]");
        r.Out.ShouldEndWith("Run 'kubectl skupper site [command] --help' for more information about a command.\n" +
            string.Format(OptionsPointer, "kubectl skupper"));
    }

    [Fact]
    public async Task Site_help_lists_the_commands_and_create_help_its_options()
    {
        var home = NewHome(kubeconfig: false);

        var group = await Skupper(home, "site", "--help");
        group.ExitCode.ShouldBe(0, group.ToString());
        foreach (var c in new[] { "create", "update", "delete", "status", "generate" }) group.Out.ShouldContain(c);

        var create = await Skupper(home, "site", "create", "--help");
        create.ExitCode.ShouldBe(0, create.ToString());
        foreach (var o in new[] { "--enable-link-access", "--link-access-type", "--enable-ha", "--wait", "--timeout", "site create west --enable-link-access" })
            create.Out.ShouldContain(o);
    }

    [Fact]
    public async Task Create_help_fits_40_lines_with_its_own_options_and_defaults_and_no_global_option()
    {
        var home = NewHome(kubeconfig: false);

        var r = await Kubectl(home, "skupper", "site", "create", "--help");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.TrimEnd('\n').Split('\n').Length.ShouldBeLessThanOrEqualTo(40, r.Out);
        var options = r.Out.Split("\nOptions:\n")[1].Split("\n\n")[0].Split('\n');
        options.Select(l => l.Trim().Split("  ")[0]).ShouldBe(
            ["--enable-link-access", "--link-access-type <TYPE>", "--enable-ha", "--wait <STATUS>", "--timeout <DURATION>", "-h|--help"]);
        options.ShouldContain(l => l.StartsWith("  --link-access-type <TYPE>") && l.Contains("(default \"default\""));
        options.ShouldContain(l => l.StartsWith("  --wait <STATUS>") && l.Contains("(default \"ready\")"));
        options.ShouldContain(l => l.StartsWith("  --timeout <DURATION>") && l.Contains("(default 3m)"));
        foreach (var global in new[] { "--context", "--kubeconfig", "--namespace", "--platform", "--request-timeout", "--as-group" })
            r.Out.ShouldNotContain(global);
        r.Out.ShouldEndWith("\n\n" + string.Format(OptionsPointer, "kubectl skupper"));
    }
}
