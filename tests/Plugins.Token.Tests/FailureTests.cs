using Skupper.Cli.TestSupport;
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

    [Fact]
    public async Task A_site_refusal_no_retry_changes_ends_the_site_wait_at_once_and_creates_no_grant()
    {
        // Issue 35's mutation re-check: token issue waits for a site with link access that is still starting, but a
        // refusal the controller will not get past (ControllerRefusals) ends that wait at once, before any grant.
        var ns = NewNamespace();
        Server.PutSkupper("sites", ns, SiteObject("west"));
        var home = NewHome();
        var file = Path.Combine(home.Root, "token.yaml");
        const string refusal = "Edge sites cannot accept incoming links from remote sites";

        var r = await RunAndThen(home, ["token", "issue", file, "--timeout", "5m", "-n", ns],
            log => For(log, "sites", ns).Any(e => e.IsWatch), "the wait for the site",
            _ =>
            {
                var site = Server.GetSkupper("sites", ns, "west")!;
                site["status"] = new JsonObject { ["status"] = "Error", ["message"] = refusal };
                Server.PutSkupper("sites", ns, site);
            });

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldContain(refusal);
        r.Err.ShouldNotContain("timed out");
        List("accessgrants", ns).ShouldBeEmpty();
        File.Exists(file).ShouldBeFalse();
    }

    private void SetGrantStatus(string ns, string status, string message)
    {
        var grant = List("accessgrants", ns).Single();
        grant["status"] = new JsonObject { ["status"] = status, ["message"] = message };
        Server.PutSkupper("accessgrants", ns, grant);
    }

    /// <summary>The status the controller writes for a Ready grant (SkupperController.ReconcileGrant), minus <paramref name="without"/>.</summary>
    private void SetGrantReady(string ns, string? without = null)
    {
        var grant = List("accessgrants", ns).Single();
        var status = new JsonObject
        {
            ["status"] = "Ready", ["message"] = "OK",
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = "True", ["reason"] = "Ready", ["message"] = "OK", ["lastTransitionTime"] = "2025-01-01T00:00:00Z",
            }),
            ["url"] = "https://127.0.0.1:9090/grants/x/y", ["code"] = "c0deFORtheTEST", ["ca"] = Server.CaPem, // a real PEM: token issue refuses a CA the controller could not use
            ["expirationTime"] = DateTime.UtcNow.AddMinutes(15).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), ["redemptions"] = 0,
        };
        if (without != null) status.Remove(without);
        grant["status"] = status;
        Server.PutSkupper("accessgrants", ns, grant);
    }

    [Theory]
    [InlineData("url")]
    [InlineData("code")]
    [InlineData("ca")]
    public async Task A_ready_grant_without_url_code_or_ca_fails_and_is_deleted(string missing)
    {
        var ns = ReadySiteByHand();
        var home = NewHome();
        var file = Path.Combine(home.Home, "t.yaml");

        var r = await RunAndThen(home, ["token", "issue", file, "-n", ns, "--timeout", "10m"],
            log => For(log, "accessgrants", ns).Any(e => e.IsWatch), "the wait's watch", _ => SetGrantReady(ns, without: missing));

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldMatch("^Waiting for status...\nError: access grant \"(west-[a-z0-9]{5})\" is ready but its status lacks the url, code or ca a token needs; " +
                          "the access grant \"\\1\" this command created was deleted\n$");
        List("accessgrants", ns).ShouldBeEmpty();
        Directory.GetFileSystemEntries(home.Home).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_token_file_that_cannot_be_written_undoes_the_grant_and_keeps_the_old_file()
    {
        var ns = ReadySiteByHand();
        var home = NewHome();
        var folder = Path.Combine(home.Home, "tokens");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "t.yaml");
        await File.WriteAllTextAsync(file, "old content\n");
        ReadOnlyFolder? readOnly = null;
        try
        {
            // The folder passes validation (it is writable when the command starts) and turns read-only during the wait.
            var r = await RunAndThen(home, ["token", "issue", file, "-n", ns, "--timeout", "10m"],
                log => For(log, "accessgrants", ns).Any(e => e.IsWatch), "the wait's watch", _ =>
                {
                    readOnly = new ReadOnlyFolder(folder);
                    SetGrantReady(ns);
                });

            r.ExitCode.ShouldBe(1, r.ToString());
            r.Err.ShouldMatch($"^Waiting for status...\\nError: cannot write token file \"{System.Text.RegularExpressions.Regex.Escape(file)}\": .+; " +
                              "the access grant \"west-[a-z0-9]{5}\" this command created was deleted\\n$");
            r.Err.ShouldNotContain("c0deFORtheTEST");
            List("accessgrants", ns).ShouldBeEmpty();
        }
        finally
        {
            readOnly?.Dispose();
        }
        (await File.ReadAllTextAsync(file)).ShouldBe("old content\n");
        Directory.GetFileSystemEntries(folder).ShouldBe([file]);
    }

    [Fact]
    public async Task Timeout_deletes_the_grant_shows_the_last_status_and_keeps_the_old_file()
    {
        var ns = ReadySiteByHand();
        var home = NewHome();
        var file = Path.Combine(home.Home, "t.yaml");
        await File.WriteAllTextAsync(file, "old content\n");
        var statusWritten = false;

        // The status is written once the wait watches, so the watch delivers it well within the timeout.
        var r = await RunAndThen(home, ["token", "issue", file, "-n", ns, "--timeout", "10s"],
            log => For(log, "accessgrants", ns).Any(e => e.IsWatch), "the wait's watch",
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

        // A 10-minute timeout: the error below (the grant's reason, not "timed out") shows the Error status ended the wait.
        var r = await RunAndThen(home, ["token", "issue", file, "-n", ns, "--timeout", "10m"],
            log => For(log, "accessgrants", ns).Any(e => e.IsWatch), "the wait's watch",
            _ => SetGrantStatus(ns, "Error", "Invalid duration \"5q\": time: unknown unit \"q\" in duration \"5q\""));

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

        var r = await RunAndThen(home, ["token", "issue", file, "-n", ns, "--timeout", "10m"],
            log => For(log, "accessgrants", ns).Any(e => e.IsWatch), "the wait's watch",
            p => Signal(p, signal));

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
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns, "--grant", "mine", "--timeout", "10s");
        r.ExitCode.ShouldBe(1);
        r.Err.ShouldContain("Error: access grant \"mine\" is not ready yet: timed out; last status: Not yet; the access grant \"mine\" was left unchanged");
        Server.GetSkupper("accessgrants", ns, "mine").ShouldNotBeNull();
    }
}
