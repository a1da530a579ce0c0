using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Link.Tests;

/// <summary>The link commands' help: examples that start with the name the user invoked, so that each can be pasted as it stands.</summary>
public sealed class HelpTests(InstantSandbox fixture) : SandboxTestBase(fixture.Server), IClassFixture<InstantSandbox>
{
    [Fact]
    public async Task Examples_name_the_cli_as_invoked_inside_the_umask_line_too()
    {
        var home = NewHome();
        var bin = Path.Combine(home.Root, "bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "skupper"), ProcessRunner.HostExe);

        var kubectl = await Kubectl(home, "skupper", "link", "generate", "--help");
        var skupper = await ProcessRunner.Run(Path.Combine(bin, "skupper"), ["link", "generate", "--help"], home);

        kubectl.ExitCode.ShouldBe(0, kubectl.ToString());
        kubectl.Out.ShouldContain("Examples:\n  # Generate a Link resource and print it to the console\n  $ kubectl skupper link generate\n" +
                                  "  apiVersion: skupper.io/v2alpha1\n");
        kubectl.Out.ShouldContain("  [...]\n\n  # Generate a Link resource into a file only you can read (it holds a private key)\n" +
                                  "  $ (umask 077; kubectl skupper link generate > link.yaml)\n");
        skupper.ExitCode.ShouldBe(0, skupper.ToString());
        skupper.Out.ShouldContain("  $ skupper link generate\n");
        skupper.Out.ShouldContain("  $ (umask 077; skupper link generate > link.yaml)\n");
    }

    [Fact]
    public async Task Status_examples_show_the_table_under_the_command_line()
    {
        var r = await Kubectl(NewHome(), "skupper", "link", "status", "--help");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("""
            Examples:
              # Show the status of all links in the current site
              $ kubectl skupper link status
              NAME          STATUS   COST   MESSAGE
              west-6bfn6    Ready    1      OK

              # Show the status of one link
              $ kubectl skupper link status west-6bfn6

            """);
    }
}
