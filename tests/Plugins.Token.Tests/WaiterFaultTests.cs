using Shouldly;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

/// <summary>A controller slow enough that the wait is a watch, on which the faults act.</summary>
public sealed class SlowGrantSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new() { SiteDelay = TimeSpan.Zero, GrantDelay = TimeSpan.FromSeconds(1.5) };
}

/// <summary>
/// The shared Ready waiter under faults injected while token issue waits; the tests in this class
/// run one after another, so each owns the sandbox's fault switches while it runs.
/// </summary>
public sealed class WaiterFaultTests(SlowGrantSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<SlowGrantSandbox>
{
    private async Task IssueWith(Action<FaultSettings> fault, Func<IReadOnlyList<Skupper.Sandbox.RequestLogEntry>, bool>? check = null)
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var home = NewHome();
        var file = Path.Combine(home.Home, "t.yaml");
        Server.Requests.Clear();
        try
        {
            var r = await RunAndThen(home, ["token", "issue", file, "-n", ns, "--timeout", "20s"],
                () => List("accessgrants", ns).Count == 1, _ => fault(Server.Faults));
            r.ExitCode.ShouldBe(0, r.ToString());
            r.Out.ShouldStartWith("Access grant \"west-");
            File.Exists(file).ShouldBeTrue();
            var mine = Server.Requests.Entries.Where(e => e.Path.Contains(ns)).ToList();
            if (check is not null) check(mine).ShouldBeTrue(string.Join("\n", mine));
        }
        finally
        {
            Server.Faults.Reset();
        }
    }

    [Fact]
    public Task Dropped_watches_are_resumed() =>
        IssueWith(f => f.WatchMaxDuration = TimeSpan.FromMilliseconds(200),
            log => log.Count(e => e.IsWatch) >= 2 && log.Count(e => !e.IsWatch && e.Method == "GET" && e.Path.EndsWith("accessgrants")) == 1);

    [Fact]
    public Task Server_errors_during_the_wait_are_retried() =>
        IssueWith(f => { f.ErrorCode = 503; f.ErrorRate = 1; _ = Task.Delay(800).ContinueWith(_ => f.ErrorRate = 0); },
            log => log.Any(e => e.Status >= 500));

    [Fact]
    public Task Gone_relists_and_watches_again() =>
        IssueWith(f => { f.GoneOnNextWatch = true; },
            log => log.Count(e => !e.IsWatch && e.Method == "GET" && e.Path.EndsWith("accessgrants")) >= 2);

    [Fact]
    public async Task The_wait_never_polls_on_an_interval()
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var home = NewHome();
        Server.Requests.Clear();
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        Server.Requests.Entries.Count(e => e.Path.Contains(ns)).ShouldBeLessThanOrEqualTo(4);
    }
}
