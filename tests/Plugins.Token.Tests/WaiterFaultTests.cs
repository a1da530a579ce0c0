using Shouldly;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

/// <summary>A controller that answers at once once let go: the tests hold it (Enabled = false) while the faults act.</summary>
public sealed class HeldGrantSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new() { SiteDelay = TimeSpan.Zero, GrantDelay = TimeSpan.Zero };
}

/// <summary>
/// The shared Ready waiter under faults. Each fault is armed before the command starts and acts only on watches,
/// which the command opens only in its wait; the controller is held until the request log shows the fault acted,
/// so the grant cannot turn Ready before the wait is a watch, however loaded the machine (issue 15: a fault switched
/// on by a poller missed an already-open watch, and could leak into the next test). The tests in this class run one
/// after another, so each owns the sandbox's fault and controller switches while it runs, and restores them in finally.
/// </summary>
public sealed class WaiterFaultTests(HeldGrantSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<HeldGrantSandbox>
{
    // Generous: the tests wait on events, and this bound only ends a test that would otherwise hang.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static List<RequestLogEntry> Grants(IEnumerable<RequestLogEntry> log, string ns) => For(log, "accessgrants", ns).ToList();

    private static bool IsList(RequestLogEntry e) => !e.IsWatch && e.Method == "GET";

    /// <summary>
    /// Arms <paramref name="arm"/>, holds the controller, runs <c>token issue</c>, lets the controller go once the grant
    /// requests satisfy <paramref name="acted"/>, and returns those requests after a successful issue.
    /// </summary>
    private async Task<List<RequestLogEntry>> IssueWith(Action<FaultSettings> arm, Func<List<RequestLogEntry>, bool> acted, string what)
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var home = NewHome();
        var file = Path.Combine(home.Home, "t.yaml");
        Server.Requests.Clear();
        Server.Controller.Enabled = false;
        try
        {
            arm(Server.Faults);
            var r = await RunAndThen(home, ["token", "issue", file, "-n", ns, "--timeout", "120s"],
                log => acted(Grants(log, ns)), what, _ => Server.Controller.Enabled = true);
            r.ExitCode.ShouldBe(0, r.ToString());
            r.Out.ShouldStartWith("Access grant \"west-");
            File.Exists(file).ShouldBeTrue();
            return Grants(Server.Requests.Entries, ns);
        }
        finally
        {
            Server.Faults.Reset();
            Server.Controller.Enabled = true;
        }
    }

    [Fact]
    public async Task Dropped_watches_are_resumed_without_a_new_list()
    {
        var log = await IssueWith(f => f.WatchMaxDuration = TimeSpan.FromMilliseconds(100),
            log => log.Count(e => e.IsWatch) >= 3, "the watch dropped twice and opened again");
        log.Count(IsList).ShouldBe(1, string.Join("\n", log));
        log.Where(e => e.IsWatch).Skip(1).ShouldAllBe(e => e.PathAndQuery.Contains("resourceVersion=") && !e.PathAndQuery.Contains("resourceVersion=0&"));
    }

    [Fact]
    public async Task Server_errors_on_the_watch_are_retried()
    {
        var log = await IssueWith(f => { f.ErrorCode = 503; f.FailNextWatches = 2; },
            log => log.Count(e => e.IsWatch && e.Status == 503) == 2 && log.Any(e => e.IsWatch && e.Status == 200),
            "two refused watches and then an open one");
        log.Where(e => e.IsWatch).Select(e => e.Status).Take(3).ShouldBe([503, 503, 200]);
    }

    [Fact]
    public async Task Gone_relists_and_watches_again()
    {
        var log = await IssueWith(f => f.GoneOnNextWatch = true,
            log => log.Count(IsList) == 2 && log.FindLastIndex(e => e.IsWatch) > log.FindLastIndex(IsList),
            "a second list after the 410 and a watch after it");
        log.Count(IsList).ShouldBe(2, string.Join("\n", log));
    }

    [Fact]
    public async Task The_wait_never_polls_on_an_interval()
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var home = NewHome();
        Server.Requests.Clear();
        Server.Controller.Enabled = false;
        try
        {
            List<RequestLogEntry> during = [];
            var r = await RunAndThen(home, ["token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns, "--timeout", "120s"],
                log => Grants(log, ns).Any(e => e.IsWatch), "the wait's watch", _ =>
                {
                    // The one sleep of this class, on purpose: it is about requests that must NOT happen. A poller at the
                    // usual 1 s or 2 s interval (Go's wait.PollUntilContextTimeout callers) would have asked again within 3 s.
                    Thread.Sleep(TimeSpan.FromSeconds(3));
                    during = Server.Requests.Entries.Where(e => e.Path.Contains(ns)).ToList();
                    Server.Controller.Enabled = true;
                });
            r.ExitCode.ShouldBe(0, r.ToString());
            during.Count.ShouldBeLessThanOrEqualTo(4, string.Join("\n", during));
            Server.Requests.Entries.Count(e => e.Path.Contains(ns)).ShouldBeLessThanOrEqualTo(4);
        }
        finally
        {
            Server.Controller.Enabled = true;
        }
    }
}
