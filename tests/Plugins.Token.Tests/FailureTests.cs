using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

/// <summary>A controller that never answers: the test writes every status itself.</summary>
public sealed class ControllerOffSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new() { ControllerEnabled = false };
}

/// <summary>Failures after the grant was created: it is deleted, the error says so, no file is left.</summary>
public sealed class FailureTests(ControllerOffSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<ControllerOffSandbox>
{
    private string ReadySiteByHand()
    {
        var ns = NewNamespace();
        var site = SiteObject("west");
        site["status"] = new JsonObject
        {
            ["status"] = "Ready", ["message"] = "OK",
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = "True", ["reason"] = "Ready", ["message"] = "OK",
                ["lastTransitionTime"] = "2025-01-01T00:00:00Z",
            }),
            ["endpoints"] = new JsonArray(new JsonObject { ["name"] = "inter-router", ["host"] = "h", ["port"] = "55671" }),
        };
        Server.PutSkupper("sites", ns, site);
        return ns;
    }

    private void SetGrantStatus(string ns, string status, string message)
    {
        var grant = List("accessgrants", ns).Single();
        grant["status"] = new JsonObject { ["status"] = status, ["message"] = message };
        Server.PutSkupper("accessgrants", ns, grant);
    }

    [Fact]
    public async Task Timeout_deletes_the_grant_shows_the_last_status_and_keeps_the_old_file()
    {
        var ns = ReadySiteByHand();
        var home = NewHome();
        var file = Path.Combine(home.Home, "t.yaml");
        await File.WriteAllTextAsync(file, "old content\n");
        var statusWritten = false;

        var r = await RunAndThen(home, ["token", "issue", file, "-n", ns, "--timeout", "2s"],
            () => List("accessgrants", ns).Count == 1,
            _ => { SetGrantStatus(ns, "Pending", "Waiting for the router to start"); statusWritten = true; });

        statusWritten.ShouldBeTrue();
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldMatch("^Waiting for status...\nError: access grant \"west-[a-z0-9]{5}\" is not ready yet: timed out; " +
                          "last status: Waiting for the router to start; the access grant \"west-[a-z0-9]{5}\" this command created was deleted\n$");
        List("accessgrants", ns).ShouldBeEmpty();
        (await File.ReadAllTextAsync(file)).ShouldBe("old content\n");
        Directory.GetFiles(home.Home).ShouldBe([file]);
    }

    [Fact]
    public async Task A_grant_in_error_fails_at_once_and_is_deleted()
    {
        var ns = ReadySiteByHand();
        var home = NewHome();
        var file = Path.Combine(home.Home, "t.yaml");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var r = await RunAndThen(home, ["token", "issue", file, "-n", ns, "--timeout", "30s"],
            () => List("accessgrants", ns).Count == 1,
            _ => SetGrantStatus(ns, "Error", "Invalid duration \"5q\": time: unknown unit \"q\" in duration \"5q\""));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldContain("failed: Invalid duration \"5q\": time: unknown unit \"q\" in duration \"5q\"; the access grant \"west-");
        r.Err.ShouldContain("this command created was deleted");
        List("accessgrants", ns).ShouldBeEmpty();
        File.Exists(file).ShouldBeFalse();
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Interrupting_the_wait_deletes_the_grant(string signal)
    {
        var ns = ReadySiteByHand();
        var home = NewHome();
        var file = Path.Combine(home.Home, "t.yaml");

        var r = await RunAndThen(home, ["token", "issue", file, "-n", ns, "--timeout", "60s"],
            () => List("accessgrants", ns).Count == 1,
            p => { Thread.Sleep(300); Signal(p, signal); });

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldMatch("Error: interrupted; the access grant \"west-[a-z0-9]{5}\" this command created was deleted\n$");
        List("accessgrants", ns).ShouldBeEmpty();
        File.Exists(file).ShouldBeFalse();
    }

    [Fact]
    public async Task Timeout_on_a_given_grant_leaves_it_alone()
    {
        var ns = ReadySiteByHand();
        Server.PutSkupper("accessgrants", ns, new JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "AccessGrant",
            ["metadata"] = new JsonObject { ["name"] = "mine" }, ["spec"] = new JsonObject(),
            ["status"] = new JsonObject { ["status"] = "Pending", ["message"] = "Not yet" },
        });
        var home = NewHome();
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns, "--grant", "mine", "--timeout", "1s");
        r.ExitCode.ShouldBe(1);
        r.Err.ShouldContain("Error: access grant \"mine\" is not ready yet: timed out; last status: Not yet; the access grant \"mine\" was left unchanged");
        Server.GetSkupper("accessgrants", ns, "mine").ShouldNotBeNull();
    }
}
