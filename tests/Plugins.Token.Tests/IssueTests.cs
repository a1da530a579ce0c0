using System.Text.RegularExpressions;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

public sealed class IssueTests(DefaultSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<DefaultSandbox>
{
    [Fact]
    public async Task Kubectl_plugin_issues_a_token_and_the_other_namespace_redeems_it_into_a_ready_link()
    {
        var home = NewHome();
        await ReadySiteAsync("west", "west");
        var file = Path.Combine(home.Home, "token.yaml");

        var issue = await ProcessRunner.Kubectl(home, "skupper", "token", "issue", file, "--context", "west");

        issue.ExitCode.ShouldBe(0, issue.ToString());
        issue.Err.ShouldBe("Waiting for status...\n");
        var grant = Regex.Match(issue.Out, "^Access grant \"(west-[a-z0-9]{5})\" is ready\\.\n").Groups[1].Value;
        grant.ShouldNotBeEmpty(issue.ToString());
        issue.Out.ShouldBe($"""
            Access grant "{grant}" is ready.
            Token file {file} created.

            Transfer this file to a remote site. At the remote site,
            create a link to this site using the 'kubectl skupper token
            redeem' command:

                $ kubectl skupper token redeem <file>

            The token expires after 1 use or after 15 minutes.

            """);
        File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var yaml = await File.ReadAllTextAsync(file);
        yaml.ShouldStartWith($"apiVersion: skupper.io/v2alpha1\nkind: AccessToken\nmetadata:\n  name: {grant}\nspec:\n  url: ");
        var status = Server.GetSkupper("accessgrants", "west", grant)!["status"]!;
        yaml.ShouldContain($"  code: {Str(status["code"])}\n");
        yaml.ShouldContain("  linkCost: 1\n");
        var spec = Server.GetSkupper("accessgrants", "west", grant)!["spec"]!;
        spec["redemptionsAllowed"]!.GetValue<long>().ShouldBe(1);
        Str(spec["expirationWindow"]).ShouldBe("15m0s");

        // The other site redeems it through kubectl too.
        await ReadySiteAsync("east", "east", linkAccess: null);
        var redeem = await ProcessRunner.Kubectl(home, "skupper", "token", "redeem", file, "--context", "east");
        redeem.ExitCode.ShouldBe(0, redeem.ToString());
        redeem.Out.ShouldBe($"Link \"{grant}\" is active.\nYou can now safely delete {file}.\n");
        var link = Server.GetSkupper("links", "east", grant)!;
        Str(link["status"]!["status"]).ShouldBe("Ready");
        var links = await ProcessRunner.Kubectl(home, "get", "links", "-n", "east", "--context", "east");
        links.Out.ShouldContain(grant);
    }

    [Fact]
    public async Task Uses_at_most_four_api_requests_one_of_them_a_watch()
    {
        var home = NewHome();
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        Server.Requests.Clear();
        // The grant gets its status only once the command watches for it: the path with a watch, every time. (With
        // the controller running, a loaded machine let the grant be Ready at the first read: 3 requests, no watch.)
        Server.Controller.Enabled = false;
        RunResult r;
        try
        {
            r = await RunAndThen(home, ["token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns],
                log => For(log, "accessgrants", ns).Any(e => e.IsWatch), "the wait's watch", _ => Server.Controller.Enabled = true);
        }
        finally { Server.Controller.Enabled = true; }
        r.ExitCode.ShouldBe(0, r.ToString());
        var mine = Server.Requests.Entries.Where(e => e.Path.Contains($"/namespaces/{ns}/")).ToList();
        mine.Count.ShouldBeLessThanOrEqualTo(4, string.Join("\n", mine));
        mine.Count(e => e.IsWatch).ShouldBe(1, string.Join("\n", mine));
    }

    [Fact]
    public async Task Non_default_limits_and_cost_are_written_and_reported()
    {
        var home = NewHome();
        var ns = NewNamespace();
        await ReadySiteAsync(ns, "north");
        var file = Path.Combine(home.Home, "t.yaml");
        var r = await Skupper(home, "token", "issue", file, "-n", ns, "--expiration-window", "24h", "--redemptions-allowed", "3", "--cost", "7");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldEndWith("The token expires after 3 uses or after 24 hours.\n");
        var grant = List("accessgrants", ns).ShouldHaveSingleItem();
        grant["spec"]!["redemptionsAllowed"]!.GetValue<long>().ShouldBe(3);
        Str(grant["spec"]!["expirationWindow"]).ShouldBe("24h0m0s");
        Str(grant["metadata"]!["name"])!.ShouldMatch("^north-[a-z0-9]{5}$");
        (await File.ReadAllTextAsync(file)).ShouldContain("  linkCost: 7\n");
    }

    [Fact]
    public async Task A_site_that_is_still_starting_is_waited_for_within_the_timeout()
    {
        var home = NewHome();
        var ns = NewNamespace();
        Server.Controller.SiteDelay = TimeSpan.FromSeconds(1);
        try
        {
            Server.PutSkupper("sites", ns, SiteObject("slow"));
            var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns);
            r.ExitCode.ShouldBe(0, r.ToString());
            r.Out.ShouldStartWith("Access grant \"slow-");
        }
        finally
        {
            Server.Controller.SiteDelay = TimeSpan.FromMilliseconds(200);
        }
    }

    [Fact]
    public async Task An_existing_grant_is_used_unchanged_and_never_deleted()
    {
        var home = NewHome();
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        Server.PutSkupper("accessgrants", ns, new()
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "AccessGrant",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "west-1" },
            ["spec"] = new System.Text.Json.Nodes.JsonObject { ["redemptionsAllowed"] = 5, ["expirationWindow"] = "1h" },
        });
        var before = await Server.WaitForStatusAsync("accessgrants", ns, "west-1");
        var file = Path.Combine(home.Home, "t.yaml");

        var r = await Skupper(home, "token", "issue", file, "-n", ns, "--grant", "west-1");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldStartWith("Access grant \"west-1\" is ready.\n");
        r.Out.ShouldContain("The token expires after 5 uses or at ");
        var after = Server.GetSkupper("accessgrants", ns, "west-1")!;
        Str(after["metadata"]!["resourceVersion"]).ShouldBe(Str(before["metadata"]!["resourceVersion"]));
        List("accessgrants", ns).Count.ShouldBe(1);
        (await File.ReadAllTextAsync(file)).ShouldContain("  name: west-1\n");
    }

    [Fact]
    public async Task A_missing_grant_is_named_with_its_namespace()
    {
        var home = NewHome();
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var file = Path.Combine(home.Home, "t.yaml");
        var r = await Skupper(home, "token", "issue", file, "-n", ns, "--grant", "nope");
        r.ExitCode.ShouldBe(1);
        r.Err.ShouldBe($"Error: access grant \"nope\" does not exist in namespace {ns}\n");
        File.Exists(file).ShouldBeFalse();
    }

    [Fact]
    public async Task Help_describes_every_option_with_its_default_and_the_examples()
    {
        var r = await Skupper(NewHome(), "token", "issue", "--help");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("--timeout <DURATION>");
        r.Out.ShouldContain("(default 60s)");
        r.Out.ShouldContain("(default 15m)");
        r.Out.ShouldContain("--redemptions-allowed <INTEGER>");
        r.Out.ShouldContain("(default 1)");
        r.Out.ShouldContain("--grant <NAME>");
        r.Out.ShouldContain("--cost <INTEGER>");
        r.Out.ShouldContain("$ kubectl skupper token issue ~/token.yaml --expiration-window 24h --redemptions-allowed 3");
        r.Out.ShouldContain("$ kubectl skupper token issue ~/token.yaml --grant west-1");
        // The spec's page (shared/spec/token-issue.md): its sentences as it words and breaks them, its
        // Platforms and Waits for lines, and its usage line, which says the file is required.
        r.Out.Split("\n\nArguments:")[0].ShouldBe("""
            Issue a token file redeemable for a link to the current site.

            This command first creates an access grant in order to issue
            the token.

            Issuing a token requires a site with link access enabled.
            The command waits for the site to enter the ready state
            before producing the token.

            Platforms: Kubernetes
            Waits for: Ready

            Usage: kubectl skupper token issue <file> [options]
            """);
    }

    [Fact]
    public async Task Redeem_help_and_group_help_read_as_the_reference()
    {
        var home = NewHome();
        var redeem = await Skupper(home, "token", "redeem", "--help");
        redeem.ExitCode.ShouldBe(0, redeem.ToString());
        redeem.Out.Split("\n\nArguments:")[0].ShouldBe("""
            Redeem a token file in order to create a link to a remote site.

            The token file is an AccessToken resource written by "kubectl skupper token issue"
            (or by the Skupper CLI). Redeeming it creates a link to the site that issued it.

            Platforms: Kubernetes, Docker, Podman, Linux
            Waits for: Ready (Kubernetes)

            Usage: kubectl skupper token redeem <file> [options]
            """);
        redeem.Out.ShouldContain("Examples:\n  # Redeem an access token\n  $ kubectl skupper token redeem ~/token.yaml\n");

        var group = await Skupper(home, "token", "--help");
        group.ExitCode.ShouldBe(0, group.ToString());
        group.Out.ShouldContain("Usage: kubectl skupper token [options] [command]\n");
        group.Out.ShouldEndWith("Run 'kubectl skupper token [command] --help' for more information about a command.\n" +
            "Use \"kubectl skupper options\" for a list of global command-line options (applies to all commands).\n");
    }

    [Fact]
    public async Task Other_platforms_are_refused_by_name()
    {
        var home = NewHome();
        var file = Path.Combine(home.Home, "t.yaml");
        var r = await Skupper(home, "token", "issue", file, "--platform", "podman");
        r.ExitCode.ShouldBe(1);
        r.Err.ShouldBe("Error: \"kubectl skupper token issue\" is not supported on platform \"podman\"; it is supported on Kubernetes\n");
        File.Exists(file).ShouldBeFalse();
    }

    [Fact]
    public async Task Invoked_as_skupper_the_text_and_hints_say_skupper()
    {
        var home = NewHome();
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var bin = Path.Combine(home.Root, "bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "skupper"), ProcessRunner.HostExe);
        var file = Path.Combine(home.Home, "t.yaml");

        var r = await ProcessRunner.Run(Path.Combine(bin, "skupper"), ["token", "issue", file, "-n", ns], home);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("create a link to this site using the 'skupper token\nredeem' command:\n\n    $ skupper token redeem <file>\n");

        var noAccess = NewNamespace();
        await ReadySiteAsync(noAccess, linkAccess: null);
        var refused = await ProcessRunner.Run(Path.Combine(bin, "skupper"), ["token", "issue", file + "2", "-n", noAccess], home);
        refused.Err.ShouldBe("Error: Link access is not enabled\nYou can use \"skupper site update --enable-link-access\" to enable it.\n");
    }
}
