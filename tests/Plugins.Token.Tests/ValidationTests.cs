using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

/// <summary>Every refusal names what was wrong, and nothing is created in the cluster or on disk.</summary>
public sealed class ValidationTests(FastSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<FastSandbox>
{
    /// <summary>
    /// Runs <c>token issue</c> in-process (a matrix of refusals: milliseconds a case, not a process
    /// start); "t.yaml" is the home's, since relative paths would resolve in the test's folder.
    /// </summary>
    private async Task<(string Err, int Exit)> Refused(string ns, params string[] args)
    {
        var home = NewHome();
        var r = await InProcess.KubectlSkupper(home, ["token", "issue", .. args.Select(a => a == "t.yaml" ? Path.Combine(home.Root, a) : a), "-n", ns]);
        r.ExitCode.ShouldNotBe(0, r.ToString());
        r.Out.ShouldBeEmpty();
        List("accessgrants", ns).ShouldBeEmpty();
        return (r.Err, r.ExitCode);
    }

    [Fact]
    public async Task Missing_file_argument()
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        (await Refused(ns)).Err.ShouldBe("Error: a token file must be given: kubectl skupper token issue <file>\n");
    }

    [Fact]
    public async Task A_bad_kubeconfig_is_reported_together_with_the_other_problems()
    {
        var home = NewHome();
        var missing = Path.Combine(home.Root, "nope.kubeconfig");
        var issue = await InProcess.KubectlSkupper(home, "token", "issue", "--redemptions-allowed", "0", "--kubeconfig", missing);
        issue.ExitCode.ShouldBe(2, issue.ToString());
        issue.Err.ShouldBe(
            "Error: a token file must be given: kubectl skupper token issue <file>\n" +
            "Error: invalid value \"0\" for --redemptions-allowed: it must be at least 1\n" +
            $"Error: kubeconfig file \"{missing}\" (from --kubeconfig) does not exist\n");

        var redeem = await InProcess.KubectlSkupper(home, "token", "redeem", "--timeout", "soon", Path.Combine(home.Root, "t.yaml"), "--kubeconfig", missing);
        redeem.ExitCode.ShouldBe(2, redeem.ToString()); // --timeout is a usage error
        redeem.Err.ShouldContain("does not exist"); // the token file: a bad file is reported before any kubeconfig is read
        redeem.Err.ShouldContain("--timeout");
    }

    [Fact]
    public async Task Empty_file_argument()
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        (await Refused(ns, "")).Err.ShouldContain("Error: the token file name must not be empty");
    }

    [Fact]
    public async Task More_than_one_file()
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        (await Refused(ns, "a.yaml", "b.yaml")).Err.ShouldBe("Error: only one token file can be given, not 2: a.yaml b.yaml\n");
    }

    [Fact]
    public async Task A_directory_or_a_folder_that_does_not_exist()
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var dir = Directory.CreateTempSubdirectory("tok-").FullName;
        try
        {
            (await Refused(ns, dir)).Err.ShouldBe($"Error: token file \"{dir}\" is a directory: give the path of a file to create\n");
            (await Refused(ns, Path.Combine(dir, "no", "t.yaml"))).Err
                .ShouldBe($"Error: cannot create token file \"{dir}/no/t.yaml\": folder \"{dir}/no\" does not exist\n");
            Directory.GetFileSystemEntries(dir).ShouldBeEmpty();
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task Bad_numbers_and_durations_and_grant_combinations_are_reported_together()
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var (err, exit) = await Refused(ns, "t.yaml", "--redemptions-allowed", "0", "--expiration-window", "-5m",
            "--timeout", "soon", "--cost", "x", "--grant", "g1");
        exit.ShouldBe(2); // bad flags make it a usage error, even with a precondition unmet too
        err.ShouldContain("Error: invalid value \"soon\" for --timeout: invalid duration \"soon\"");
        err.ShouldContain("Error: invalid value \"-5m\" for --expiration-window: it must be at least 1m0s\n");
        err.ShouldContain("Error: invalid value \"0\" for --redemptions-allowed: it must be at least 1\n");
        err.ShouldContain("Error: invalid value \"x\" for --cost: it must be a whole number\n");
        err.ShouldContain("Error: --grant cannot be combined with --expiration-window or --redemptions-allowed");
        err.ShouldContain($"Error: access grant \"g1\" does not exist in namespace {ns}\n");
    }

    [Fact]
    public async Task The_go_cli_minimums_apply_a_timeout_under_10s_and_a_window_under_1m_are_refused_and_cost_0_is_allowed()
    {
        // As the Go CLI (shared reference: expiration window < 1m and timeout < 10s refused; cost 0 allowed).
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var (err, exit) = await Refused(ns, "t.yaml", "--timeout", "9s", "--expiration-window", "59s", "--cost", "0");
        exit.ShouldBe(2);
        err.ShouldBe(
            "Error: invalid value \"9s\" for --timeout: it must be at least 10s\n" +
            "Error: invalid value \"59s\" for --expiration-window: it must be at least 1m0s\n");
    }

    [Fact]
    public async Task No_site_in_the_namespace()
    {
        var ns = NewNamespace();
        (await Refused(ns, "t.yaml")).Err.ShouldBe($"Error: A site must exist in namespace {ns} before a token can be created\n");
    }

    [Fact]
    public async Task An_edge_site()
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns, "edgy", edge: true);
        (await Refused(ns, "t.yaml")).Err.ShouldStartWith("Error: Edge sites cannot accept incoming links from remote sites");
    }

    [Fact]
    public async Task Link_access_not_enabled_comes_with_the_hint()
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns, linkAccess: null);
        (await Refused(ns, "t.yaml")).Err.ShouldBe(
            "Error: Link access is not enabled\nYou can use \"kubectl skupper site update --enable-link-access\" to enable it.\n");
    }

    [Fact]
    public async Task File_problems_and_cluster_problems_are_reported_at_once()
    {
        var ns = NewNamespace();
        var (err, _) = await Refused(ns, "/nonexistent-folder/t.yaml", "--redemptions-allowed", "0");
        err.ShouldBe(
            "Error: cannot create token file \"/nonexistent-folder/t.yaml\": folder \"/nonexistent-folder\" does not exist\n" +
            "Error: invalid value \"0\" for --redemptions-allowed: it must be at least 1\n" +
            $"Error: A site must exist in namespace {ns} before a token can be created\n");
    }

    [Fact]
    public async Task Forbidden_names_the_verb_and_the_resource()
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        Server.Rbac.Deny("create", "accessgrants", ns);
        (await Refused(ns, "t.yaml")).Err.ShouldStartWith(
            $"Error: forbidden: you are not allowed to create accessgrants.skupper.io in namespace \"{ns}\"");
        var other = NewNamespace();
        await ReadySiteAsync(other);
        Server.Rbac.Deny("list", "sites", other);
        (await Refused(other, "t.yaml")).Err.ShouldStartWith(
            $"Error: forbidden: you are not allowed to list sites.skupper.io in namespace \"{other}\"");
    }
}

public sealed class NoSkupperSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new() { InstallSkupper = false };
}

public sealed class NotInstalledTests(NoSkupperSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<NoSkupperSandbox>
{
    [Fact]
    public async Task Says_skupper_is_not_installed_without_a_404_dump()
    {
        var home = NewHome();
        var file = Path.Combine(home.Home, "t.yaml");
        var r = await Skupper(home, "token", "issue", file);
        r.ExitCode.ShouldBe(1);
        r.Err.ShouldBe($"Error: Skupper is not installed in the cluster at {Server.Url}: the skupper.io/v2alpha1 API is not available. Install Skupper v2 first.\n");
        File.Exists(file).ShouldBeFalse();
    }
}
