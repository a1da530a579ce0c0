using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Cli.TestSupport.Unit;
using Xunit;

namespace Skupper.Plugins.Token.Tests.Unit;

/// <summary>
/// <c>token issue</c>'s options as the AccessGrant and the token file carry them, and its refusals, through the host's
/// parser with an in-memory cluster whose "controller" makes each grant Ready at once: milliseconds a case.
/// </summary>
public sealed class TokenIssueOptionsTests : IDisposable
{
    private readonly UnitCli _cli = new(new TokenPlugin());

    public TokenIssueOptionsTests()
    {
        _cli.Cluster.Put("sites", Ready(new JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Site",
            ["metadata"] = new JsonObject { ["name"] = "west" }, ["spec"] = new JsonObject { ["linkAccess"] = "default" },
        }));
        var ca = TokenFileTests.CaPem();
        _cli.Cluster.OnCreate = (plural, grant) =>
        {
            if (plural != "accessgrants") return;
            var name = grant["metadata"]!["name"]!.GetValue<string>();
            Ready(grant)["status"]!.AsObject().Add("url", $"https://grants.example:9090/west/{name}");
            grant["status"]!["code"] = "unit-code-0123456789";
            grant["status"]!["ca"] = ca;
        };
    }

    public void Dispose() => _cli.Dispose();

    private static JsonObject Ready(JsonObject resource)
    {
        resource["status"] = new JsonObject
        {
            ["status"] = "Ready", ["message"] = "OK",
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "Ready", ["message"] = "OK" }),
        };
        return resource;
    }

    private string TokenPath => Path.Combine(_cli.DataHome, "..", "token.yaml");

    [Fact]
    public async Task Options_reach_the_grant_and_the_token_file()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TokenPath)!);
        var r = await _cli.RunAsync("token", "issue", TokenPath, "--expiration-window", "30m", "--redemptions-allowed", "3", "--cost", "4");
        r.ExitCode.ShouldBe(0, r.ToString());
        var grant = _cli.Cluster.Objects("accessgrants").ShouldHaveSingleItem();
        grant["spec"]!["expirationWindow"]!.GetValue<string>().ShouldBe("30m0s"); // Go's time.Duration.String(), as the Go CLI sends it
        grant["spec"]!["redemptionsAllowed"]!.GetValue<int>().ShouldBe(3);
        var token = File.ReadAllText(TokenPath);
        token.ShouldContain("linkCost: 4");
        token.ShouldContain("code: unit-code-0123456789");
        r.Out.ShouldContain("The token expires after 3 uses or after 30 minutes.");
    }

    [Theory]
    [InlineData("--redemptions-allowed", "0", "--redemptions-allowed")]
    [InlineData("--expiration-window", "5x", "--expiration-window")]
    [InlineData("--cost", "-1", "--cost")]
    [InlineData("--timeout", "5s", "--timeout")]
    public async Task A_bad_value_is_a_usage_error_and_creates_nothing(string option, string value, string named)
    {
        var r = await _cli.RunAsync("token", "issue", TokenPath, option, value);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldStartWith("Error: ");
        r.Err.ShouldContain(named);
        _cli.Cluster.Objects("accessgrants").ShouldBeEmpty();
        File.Exists(TokenPath).ShouldBeFalse();
    }
}
