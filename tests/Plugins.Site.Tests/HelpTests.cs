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

    /// <summary>The help from its "Platforms:" line on, with the invocation name written as {0}.</summary>
    public static TheoryData<string, string> Pages => new()
    {
        { "create", $$"""
            {{AllPlatforms}}
            Waits for: Ready

            Examples:
              # Create a site
              {0} site create west

              # Create a site that can accept links from remote sites
              {0} site create west --enable-link-access

            """ },
        { "update", $$"""
            {{AllPlatforms}}
            Waits for: Ready

            Examples:
              # Update the current site to accept links
              {0} site update --enable-link-access

              # Update multiple settings
              {0} site update --enable-link-access --enable-ha

              # Turn link access off
              {0} site update --disable-link-access

            """ },
        { "delete", $$"""
            {{AllPlatforms}}
            Waits for: Deletion

            Examples:
              # Delete the current site
              {0} site delete

              # Delete the current site and all of its associated Skupper resources
              {0} site delete --all

            """ },
        { "status", $$"""
            {{AllPlatforms}}

            Examples:
              # Show the status of the current site
              {0} site status

              # The whole resource, for scripts
              {0} site status -o json

            """ },
        { "generate", $$"""
            {{AllPlatforms}}

            Examples:
              # Generate a Site resource and print it to the console
              {0} site generate west --enable-link-access

              # Generate a Site resource and direct the output to a file
              {0} site generate east > east.yaml

              # Generate a Site resource and apply it
              {0} site generate east | kubectl apply -f -

            """ },
    };

    private static string From(string help, string marker) => help[help.IndexOf(marker, StringComparison.Ordinal)..];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Help_through_kubectl_names_platforms_wait_and_kubectl_skupper_examples(string command, string page)
    {
        var home = NewHome(kubeconfig: false);

        var r = await Kubectl(home, "skupper", "site", command, "--help");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain($"Usage: kubectl skupper site {command} ");
        r.Out.ShouldMatch(@"(?m)^\s+-h\|--help\s+Display help and exit\.$");
        From(r.Out, "Platforms:").ShouldBe(string.Format(page, "kubectl skupper"));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Help_when_installed_as_skupper_says_skupper(string command, string page)
    {
        var home = NewHome(kubeconfig: false);
        var bin = Path.Combine(home.Root, "bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "skupper"), ProcessRunner.HostExe);

        var r = await ProcessRunner.Run(Path.Combine(bin, "skupper"), ["site", command, "-h"], home);

        r.ExitCode.ShouldBe(0, r.ToString());
        From(r.Out, "Platforms:").ShouldBe(string.Format(page, "skupper"));
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
}
