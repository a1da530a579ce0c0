using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.System.Tests;

/// <summary>
/// <c>system start</c> with an AccessToken in the input, as a user gets one: issued on a Kubernetes site (the sandbox, whose
/// grant server answers over HTTPS) and applied with <c>system apply</c>. The start claims it, as the Go CLI's RedeemClaims
/// does, and the router on the real Podman gets a connector to the issuing site.
/// </summary>
[Collection(PodmanCollection.Name)]
public sealed class RedeemOnStartTests(PodmanEngine podman, InstantSandbox sandbox)
    : SandboxTestBase(sandbox.Server), IClassFixture<InstantSandbox>
{
    private (TestHome Home, string Data) NewPodmanHome()
    {
        var home = NewHome();
        podman.Use(home);
        return (home, home.SkupperData);
    }

    /// <summary>A token issued by a ready site with link access; the token file and the grant's name.</summary>
    private async Task<(string File, string Grant, string Namespace)> IssueAsync(TestHome home)
    {
        var west = await SiteAsync("west", linkAccess: true);
        var file = Path.Combine(home.Root, "token.yaml");
        var issue = await Skupper(home, "token", "issue", file, "-n", west);
        issue.ExitCode.ShouldBe(0, issue.ToString());
        return (file, List("accessgrants", west).Single()["metadata"]!["name"]!.GetValue<string>(), west);
    }

    private async Task ApplyAsync(TestHome home, string ns, string token)
    {
        (await Skupper(home, "site", "create", "east", "-n", ns, "--platform", "podman")).ExitCode.ShouldBe(0);
        var apply = await Skupper(home, "system", "apply", "-f", token, "-n", ns, "--platform", "podman");
        apply.ExitCode.ShouldBe(0, apply.ToString());
    }

    [PodmanFact]
    public async Task Start_redeems_the_access_token_and_the_router_connects_to_the_issuing_site()
    {
        var (home, data) = NewPodmanHome();
        var (token, grant, west) = await IssueAsync(home);
        await ApplyAsync(home, "redeem-east", token);

        var r = await Skupper(home, "system", "start", "-n", "redeem-east", "--platform", "podman");

        r.ExitCode.ShouldBe(0, r.ToString());
        var ns = Path.Combine(data, "namespaces", "redeem-east");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(ns, "runtime", "router", "skrouterd.json")))!.AsArray();
        var connector = config.Single(e => e![0]!.GetValue<string>() == "connector")![1]!;
        connector["name"]!.GetValue<string>().ShouldBe(grant);
        connector["host"]!.GetValue<string>().ShouldBe("127.0.0.1");
        connector["port"]!.GetValue<string>().ShouldBe("55671");
        connector["sslProfile"]!.GetValue<string>().ShouldBe($"{grant}-profile");
        File.Exists(Path.Combine(ns, "runtime", "certs", $"{grant}-profile", "tls.crt")).ShouldBeTrue();
        // The grant counts the redemption; the input still holds the token, as Go's does, and no Link of its own.
        Get("accessgrants", west, grant)!["status"]!["redemptions"]!.GetValue<long>().ShouldBe(1);
        Directory.GetFiles(Path.Combine(ns, "input", "resources")).Select(Path.GetFileName).Order()
            .ShouldBe([$"AccessToken-{grant}.yaml", "Site-east.yaml"]);
        (await podman.InspectAsync("redeem-east-skupper-router")).ShouldNotBeNull();

        (await Skupper(home, "system", "stop", "-n", "redeem-east", "--platform", "podman")).ExitCode.ShouldBe(0);
    }

    [PodmanFact]
    public async Task A_used_up_token_fails_the_start_in_one_line_and_leaves_no_runtime_and_no_container()
    {
        var (home, data) = NewPodmanHome();
        var (token, grant, _) = await IssueAsync(home);
        (await Skupper(home, "token", "redeem", token, "-n", "elsewhere", "--platform", "podman")).ExitCode.ShouldBe(0);
        await ApplyAsync(home, "spent-east", token);

        var r = await Skupper(home, "system", "start", "-n", "spent-east", "--platform", "podman");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith("Error: the token was not redeemed: ");
        r.Err.ShouldContain("the grant's redemptions are used up");
        r.Err.ShouldNotContain("   at ");
        var ns = Path.Combine(data, "namespaces", "spent-east");
        Directory.Exists(Path.Combine(ns, "runtime")).ShouldBeFalse();
        File.Exists(Path.Combine(ns, "input", "resources", $"AccessToken-{grant}.yaml")).ShouldBeTrue();
        (await podman.InspectAsync("spent-east-skupper-router")).ShouldBeNull();
    }
}
