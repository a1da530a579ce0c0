using System.Text;
using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

public sealed class RedeemTests(FastSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<FastSandbox>
{
    /// <summary>Issues a token in a fresh namespace; returns its file and a second namespace with a site.</summary>
    private async Task<(TestHome Home, string File, string Grant, string Remote)> IssueAsync(params string[] extra)
    {
        var home = NewHome();
        var ns = NewNamespace("west");
        await ReadySiteAsync(ns);
        var file = Path.Combine(home.Home, "token.yaml");
        var r = await Skupper(home, ["token", "issue", file, "-n", ns, .. extra]);
        r.ExitCode.ShouldBe(0, r.ToString());
        var remote = NewNamespace("east");
        await ReadySiteAsync(remote, "east", linkAccess: null);
        return (home, file, List("accessgrants", ns).Single()["metadata"]!["name"]!.GetValue<string>(), remote);
    }

    [Fact]
    public async Task Redeems_into_a_ready_link_with_the_cost_of_the_token_or_of_link_cost()
    {
        var (home, file, grant, remote) = await IssueAsync("--cost", "4");
        var r = await Skupper(home, "token", "redeem", file, "-n", remote);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("Waiting for status...\n");
        r.Out.ShouldBe($"Link \"{grant}\" is active.\nYou can now safely delete {file}.\n");
        Server.GetSkupper("links", remote, grant)!["spec"]!["cost"]!.GetValue<long>().ShouldBe(4);

        var (home2, file2, grant2, remote2) = await IssueAsync("--cost", "4");
        (await Skupper(home2, "token", "redeem", file2, "-n", remote2, "--link-cost", "9")).ExitCode.ShouldBe(0);
        Server.GetSkupper("links", remote2, grant2)!["spec"]!["cost"]!.GetValue<long>().ShouldBe(9);
    }

    [Fact]
    public async Task A_timeout_under_10s_is_refused_before_anything_is_redeemed()
    {
        // As the Go CLI's token redeem (token/kube/token_redeem.go, NewTimeoutInSecondsValidator) and token issue.
        var (home, file, _, remote) = await IssueAsync();
        var r = await Skupper(home, "token", "redeem", file, "--timeout", "5s", "-n", remote);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe("Error: invalid value \"5s\" for --timeout: it must be at least 10s\n");
        List("accesstokens", remote).ShouldBeEmpty();
        File.Exists(file).ShouldBeTrue();
    }

    [Fact]
    public async Task After_double_dash_a_token_file_named_like_a_flag_is_redeemed()
    {
        var (home, file, grant, remote) = await IssueAsync();
        var weird = Path.Combine(home.Root, "-weird-file"); // the working directory of the CLI
        File.Move(file, weird);
        var r = await Skupper(home, "token", "redeem", "-n", remote, "--", "-weird-file");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe($"Link \"{grant}\" is active.\nYou can now safely delete {weird}.\n");
        Server.GetSkupper("links", remote, grant).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_token_in_the_go_cli_shape_redeems()
    {
        var (home, file, grant, remote) = await IssueAsync();
        var token = Server.GetSkupper("accessgrants", FindGrantNs(grant), grant);
        var status = token!["status"]!;
        var ca = string.Join("\n", Str(status["ca"])!.TrimEnd('\n').Split('\n').Select(l => "    " + l));
        var go = $"""
            apiVersion: skupper.io/v2alpha1
            kind: AccessToken
            metadata:
              creationTimestamp: null
              name: {grant}
            spec:
              ca: |
            {ca}
              code: {Str(status["code"])}
              linkCost: 1
              url: {Str(status["url"])}
            status: {"{}"}

            """;
        await File.WriteAllTextAsync(file, go);
        var r = await Skupper(home, "token", "redeem", file, "-n", remote);
        r.ExitCode.ShouldBe(0, r.ToString() + go);
        r.Out.ShouldStartWith($"Link \"{grant}\" is active.");
    }

    private string FindGrantNs(string grant) =>
        Server.List("", "v1", "namespaces", null).Select(n => n["metadata"]!["name"]!.GetValue<string>())
            .First(ns => Server.GetSkupper("accessgrants", ns, grant) is not null);

    [Fact]
    public async Task The_second_redemption_of_a_one_use_token_fails_fast_with_the_reason()
    {
        var (home, file, grant, remote) = await IssueAsync("--redemptions-allowed", "1");
        (await Skupper(home, "token", "redeem", file, "-n", remote)).ExitCode.ShouldBe(0);
        var third = NewNamespace("third");
        await ReadySiteAsync(third, "third", linkAccess: null);
        // The reason in the error (not "timed out") shows the failure ended the wait, so no clock is needed.
        var r = await Skupper(home, "token", "redeem", file, "-n", third);
        r.ExitCode.ShouldBe(1);
        r.Err.ShouldEndWith($"Error: the token was not redeemed: Controller got failed response: 404 (Not Found) No such access granted; the access token \"{grant}\" this command created was deleted\n");
        List("accesstokens", third).ShouldBeEmpty();
        List("links", third).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_expired_token_fails_with_the_reason()
    {
        // The shortest window token issue takes is 1m, as in the Go CLI; rather than wait a minute,
        // the grant's expiry (which the controller set from its window) is moved an hour back, as time would.
        var (home, file, grant, remote) = await IssueAsync("--expiration-window", "1m");
        var issuing = Server.Store.List(Server.Catalog.AccessGrants!, null, out _).Single(g => Str(g["metadata"]?["name"]) == grant);
        issuing["status"]!["expirationTime"] = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Server.PutSkupper("accessgrants", issuing["metadata"]!["namespace"]!.GetValue<string>(), issuing);
        var r = await Skupper(home, "token", "redeem", file, "-n", remote);
        r.ExitCode.ShouldBe(1);
        r.Err.ShouldContain("Error: the token was not redeemed: Controller got failed response: 404 (Not Found) No such claim;");
    }

    [Fact]
    public async Task A_token_already_in_the_namespace_is_named()
    {
        var (home, file, grant, remote) = await IssueAsync("--redemptions-allowed", "2");
        (await Skupper(home, "token", "redeem", file, "-n", remote)).ExitCode.ShouldBe(0);
        var r = await Skupper(home, "token", "redeem", file, "-n", remote);
        r.ExitCode.ShouldBe(1);
        r.Err.ShouldStartWith($"Error: an access token named \"{grant}\" already exists in namespace {remote}");
    }

    [Fact]
    public async Task Needs_a_site_in_the_namespace()
    {
        var (home, file, _, _) = await IssueAsync();
        var empty = NewNamespace();
        var r = await Skupper(home, "token", "redeem", file, "-n", empty);
        r.Err.ShouldBe($"Error: A site must exist in namespace {empty} before a token can be redeemed\n");
        List("accesstokens", empty).ShouldBeEmpty();
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "missing", "does not exist" },
        { "not yaml: [", "is not valid YAML" },
        { "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n", "is not a token file: it holds kind \"Secret\" of \"v1\", expected kind \"AccessToken\" of \"skupper.io/v2alpha1\"" },
        { "apiVersion: skupper.io/v2alpha1\nkind: AccessToken\nmetadata:\n  name: x\nspec:\n  url: https://a/b\n", "is not a complete token: spec.code, spec.ca are missing" },
        { "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n", "uses a YAML anchor (&a) at line 1: aliases and anchors are not allowed in token files" },
        { "big", "is larger than 1 MiB" },
        { "", "is empty" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Bad_token_files_are_refused_before_the_cluster_is_contacted(string content, string message)
    {
        var home = NewHome();
        var file = Path.Combine(home.Home, "token.yaml");
        if (content == "big") await File.WriteAllTextAsync(file, "a: " + new string('x', 1024 * 1024) + "\n");
        else if (content != "missing") await File.WriteAllTextAsync(file, content);
        var ns = NewNamespace();
        Server.Requests.Clear();
        var r = await Skupper(home, "token", "redeem", file, "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith($"Error: token file \"{file}\" ");
        r.Err.ShouldContain(message);
        r.Err.Split('\n').Length.ShouldBe(2, r.Err);
        Server.Requests.Entries.Where(e => e.Path.Contains(ns)).ShouldBeEmpty();
    }
}
