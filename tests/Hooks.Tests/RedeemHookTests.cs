using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Cli.Hooks.Tests;

/// <summary>token.redeem.before / token.redeem.after run by the real CLI against the sandbox (issue 15: no test ran them).</summary>
public sealed class RedeemHookTests(FastSandbox fixture) : EndToEndBase(fixture.Server), IClassFixture<FastSandbox>
{
    /// <summary>Issues a token (no hooks yet) in a fresh site; returns the home, its hooks folder, the token file and a second site's namespace.</summary>
    private async Task<(TestHome Home, string Hooks, string File, string Remote)> IssuedAsync()
    {
        var (home, hooks) = NewHome();
        var ns = await ReadySiteAsync();
        var file = Path.Combine(home.Home, "token.yaml");
        var issued = await Skupper(home, "token", "issue", file, "-n", ns, "--cost", "4");
        issued.ExitCode.ShouldBe(0, issued.ToString());
        return (home, hooks, file, await ReadySiteAsync("east"));
    }

    private IReadOnlyList<JsonObject> List(string plural, string ns) =>
        Server.List(SandboxServer.SkupperGroup, SandboxServer.SkupperVersion, plural, ns);

    [Fact]
    public async Task A_before_hook_sets_the_link_cost_and_the_token_labels()
    {
        var (home, hooks, file, remote) = await IssuedAsync();
        Install(hooks, "policy.js", """
            export function beforeTokenRedeem(ctx) {
              ctx.linkCost = ctx.linkCost + 3;
              ctx.labels["example.com/redeemed-by"] = "policy";
            }
            """);

        var r = await Skupper(home, "token", "redeem", file, "-n", remote);

        r.ExitCode.ShouldBe(0, r.ToString());
        var token = List("accesstokens", remote).Single();
        Str(token["metadata"]!["labels"]!["example.com/redeemed-by"]).ShouldBe("policy");
        var link = List("links", remote).Single();
        link["spec"]!["cost"]!.GetValue<long>().ShouldBe(7);
    }

    [Fact]
    public async Task A_refusing_before_hook_stops_the_redeem_before_anything_is_created()
    {
        var (home, hooks, file, remote) = await IssuedAsync();
        var hook = Install(hooks, "policy.js", """export function beforeTokenRedeem(ctx) { refuse("links from " + ctx.namespace + " need approval"); }""");

        var r = await Skupper(home, "token", "redeem", file, "-n", remote);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: hook {hook} refused: links from {remote} need approval\n");
        r.Out.ShouldBeEmpty();
        List("accesstokens", remote).ShouldBeEmpty();
        List("links", remote).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failing_after_hook_exits_3_with_the_link_made()
    {
        var (home, hooks, file, remote) = await IssuedAsync();
        var hook = Install(hooks, "notify.js", """export function afterTokenRedeem(ctx) { throw new Error("webhook down for " + ctx.remoteSite); }""");

        var r = await Skupper(home, "token", "redeem", file, "-n", remote);

        r.ExitCode.ShouldBe(3, r.ToString());
        r.Err.ShouldEndWith($"Error: hook {hook}:1:47: webhook down for west\n");
        var link = List("links", remote).Single();
        Str(link["status"]?["status"]).ShouldBe("Ready");
    }

    [Fact]
    public async Task An_after_hook_with_failure_policy_ignore_warns_and_exits_0()
    {
        var (home, hooks, file, remote) = await IssuedAsync();
        var hook = Install(hooks, "notify.js", "export const failurePolicy = 'Ignore';\nexport function afterTokenRedeem(ctx) { throw new Error('webhook down'); }");

        var r = await Skupper(home, "token", "redeem", file, "-n", remote);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldContain($"Warning: hook {hook}:2:47: webhook down (ignored: the hook's failurePolicy is Ignore)\n");
        List("links", remote).Single();
    }
}
