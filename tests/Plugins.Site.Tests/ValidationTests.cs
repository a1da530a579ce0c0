using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Site.Tests;

/// <summary>
/// Bad input is reported, all of it at once, and nothing in the cluster changes; run in-process
/// (<see cref="InProcess"/>), the end-to-end path being covered by the other classes.
/// </summary>
public sealed class ValidationTests(FastSandbox fixture) : SiteTestBase(fixture.Server), IClassFixture<FastSandbox>
{
    private const string NameRule = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')";

    [Theory]
    [InlineData("West", "\"West\" is not a valid name: " + NameRule)]
    [InlineData("west-", "\"west-\" is not a valid name: " + NameRule)]
    [InlineData("west_1", "\"west_1\" is not a valid name: " + NameRule)]
    public async Task Invalid_names_give_the_rule(string name, string rule)
    {
        var ns = NewNamespace();
        var home = NewHome();

        var r = await InProcess.KubectlSkupper(home, "site", "create", name, "-n", ns);

        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe($"Error: invalid site name: {rule}\n");
        List("sites", ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_too_long_name_is_refused()
    {
        var ns = NewNamespace();
        var name = new string('a', 254);
        var r = await InProcess.KubectlSkupper(NewHome(), "site", "create", name, "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe($"Error: invalid site name: \"{name}\" is longer than 253 characters\n");
        List("sites", ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_missing_name_is_a_usage_error()
    {
        var ns = NewNamespace();
        var r = await InProcess.KubectlSkupper(NewHome(), "site", "create", "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe("Error: a site name is required: kubectl skupper site create <name>\n");
        List("sites", ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_problem_is_reported_together_and_nothing_is_created()
    {
        var ns = NewNamespace();
        var home = NewHome();

        var r = await InProcess.KubectlSkupper(home, "site", "create", "west", "--wait", "forever", "--link-access-type", "nodeport",
            "--timeout", "soon", "--enable-ha=maybe", "-n", ns);

        r.ExitCode.ShouldBe(2, r.ToString());
        r.Out.ShouldBeEmpty();
        r.Err.ShouldBe(
            "Error: invalid value \"nodeport\" for --link-access-type: choose default, route or loadbalancer\n" +
            "Error: --link-access-type needs link access: add --enable-link-access\n" +
            "Error: invalid value \"maybe\" for --enable-ha: use true or false\n" +
            "Error: invalid value \"forever\" for --wait: choose none, configured or ready\n" +
            "Error: invalid value \"soon\" for --timeout: invalid duration \"soon\": use a number and a unit, such as 90s, 15m, 1h30m or 500ms\n");
        List("sites", ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task Input_problems_and_an_existing_site_are_reported_together()
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns, "first");

        var r = await InProcess.KubectlSkupper(NewHome(), "site", "create", "second", "--timeout", "0s", "-n", ns);

        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe(
            "Error: invalid value \"0s\" for --timeout: it must be at least 10s\n" +
            $"Error: A site resource already exists in namespace \"{ns}\": \"first\"; change it with \"kubectl skupper site update\"\n");
    }

    [Fact]
    public async Task A_timeout_under_10s_is_refused_by_create_update_and_delete_through_the_built_cli()
    {
        // The Go CLI's NewTimeoutInSecondsValidator, for every command that waits.
        var ns = NewNamespace();
        var home = NewHome();
        var create = await Skupper(home, "site", "create", "second", "--timeout", "5s", "-n", ns);
        create.ExitCode.ShouldBe(2, create.ToString());
        create.Err.ShouldBe("Error: invalid value \"5s\" for --timeout: it must be at least 10s\n");
        List("sites", ns).ShouldBeEmpty();
        await ReadySiteAsync(ns, "first");
        foreach (var args in new[] { new[] { "site", "update", "--enable-link-access" }, ["site", "delete"] })
        {
            var r = await Skupper(home, [.. args, "--timeout", "9s", "-n", ns]);
            r.ExitCode.ShouldBe(2, r.ToString());
            r.Err.ShouldBe("Error: invalid value \"9s\" for --timeout: it must be at least 10s\n");
        }
        Site(ns, "first")!["spec"]!["linkAccess"].ShouldBeNull();
        (await Skupper(home, "site", "update", "--enable-link-access", "--timeout", "10s", "-n", ns)).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_flag_or_extra_argument_is_a_usage_error()
    {
        var ns = NewNamespace();
        var flag = await InProcess.KubectlSkupper(NewHome(), "site", "create", "west", "--link-access", "-n", ns);
        flag.ExitCode.ShouldBe(2, flag.ToString());
        flag.Err.ShouldStartWith("Error: unknown flag: --link-access\n");

        var extra = await InProcess.KubectlSkupper(NewHome(), "site", "create", "west", "east", "-n", ns);
        extra.ExitCode.ShouldBe(2, extra.ToString());
        extra.Err.ShouldStartWith("Error: unexpected argument \"east\" for \"kubectl skupper site create\": it takes at most 1 argument (name)\n");
        List("sites", ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task Forbidden_create_names_the_verb_and_the_resource()
    {
        var ns = NewNamespace();
        Server.Rbac.Deny("create", "sites", ns);
        try
        {
            var r = await InProcess.KubectlSkupper(NewHome(), "site", "create", "west", "-n", ns);

            r.ExitCode.ShouldBe(1, r.ToString());
            r.Err.ShouldStartWith($"Error: forbidden: you are not allowed to create sites.skupper.io in namespace \"{ns}\"");
            r.Err.ShouldNotContain("   at ");
            List("sites", ns).ShouldBeEmpty();
        }
        finally
        {
            Server.Rbac.Allow("create", "sites", ns);
        }
    }

    [Fact]
    public async Task Forbidden_list_stops_create_before_anything_is_created()
    {
        var ns = NewNamespace();
        Server.Rbac.Deny("list", "sites", ns);
        try
        {
            var r = await InProcess.KubectlSkupper(NewHome(), "site", "create", "west", "-n", ns);

            r.ExitCode.ShouldBe(1, r.ToString());
            r.Err.ShouldStartWith($"Error: forbidden: you are not allowed to list sites.skupper.io in namespace \"{ns}\"");
            List("sites", ns).ShouldBeEmpty();
        }
        finally
        {
            Server.Rbac.Allow("list", "sites", ns);
        }
    }

    [Fact]
    public async Task Kubernetes_without_a_kubeconfig_says_so()
    {
        var r = await InProcess.KubectlSkupper(NewHome(kubeconfig: false), "site", "status");
        r.ExitCode.ShouldNotBe(0, r.ToString());
        r.Err.ShouldStartWith("Error: no kubeconfig found");
    }
}

public sealed class NotInstalledTests(NoSkupperSandbox fixture) : SiteTestBase(fixture.Server), IClassFixture<NoSkupperSandbox>
{
    [Theory]
    [InlineData("create", "west")]
    [InlineData("update", "--enable-link-access")]
    [InlineData("delete")]
    [InlineData("status")]
    public async Task Every_command_says_Skupper_is_not_installed(string command, string? arg = null)
    {
        var args = new List<string> { "site", command };
        if (arg is not null) args.Add(arg);
        var r = await InProcess.KubectlSkupper(NewHome(), [.. args]);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith($"Error: Skupper is not installed in the cluster at {Server.Url}");
        r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1, r.ToString());
    }
}
