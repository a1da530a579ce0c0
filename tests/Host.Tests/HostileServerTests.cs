using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// Issue 35: what a hostile API server sends is bounded. Each test runs the built CLI against a
/// <see cref="HostileServer"/> on 127.0.0.1 and asserts the one-line error a user sees, and that nothing was retried.
/// </summary>
public sealed class HostileServerTests : IDisposable
{
    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n";
    private const string Listener = """{"apiVersion":"skupper.io/v2alpha1","kind":"Listener","metadata":{"name":"l1","namespace":"west","uid":"u1","resourceVersion":"7","deletionTimestamp":"2026-12-07T10:00:00Z","finalizers":["skupper.io/test"]},"spec":{"routingKey":"l1","host":"l1","port":8080}}""";

    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private void UseServer(HostileServer server) => UseServer(server.Url);

    private void UseServer(string url)
    {
        var path = Path.Combine(_home.Root, "kubeconfig");
        File.WriteAllLines(path, [
            "apiVersion: v1", "kind: Config", "current-context: c",
            "clusters: [{name: k, cluster: {server: '" + url + "'}}]",
            "users: [{name: u, user: {token: t}}]",
            "contexts: [{name: c, context: {cluster: k, user: u, namespace: west}}]"]);
        _home.Variables["KUBECONFIG"] = path;
    }

    private static void OneLineError(RunResult r, string expected)
    {
        r.ExitCode.ShouldBe(1, r.ToString());
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, r.ToString());
        lines[0].ShouldStartWith("Error: ");
        lines[0].ShouldContain(expected, Case.Sensitive, r.ToString());
    }

    [Fact]
    public async Task A_response_body_without_end_is_refused_at_64_MiB_and_not_retried()
    {
        // Item 6: it was buffered (2 GB per attempt) and the failure retried as transient: 5 GB at 32 s.
        await using var server = new HostileServer((_, stream, ct) => HostileServer.EndlessAsync(stream, Ok + """{"items": [""", ct));
        UseServer(server);

        var r = await ProcessRunner.KubectlSkupper(_home, "site", "status");

        OneLineError(r, $"from {server.Url} is larger than 64 MiB");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_watch_event_without_end_is_refused_at_16_MiB()
    {
        // Item 7: one watch line that never ends reached 5 GB before --timeout 30s.
        await using var server = new HostileServer(async (request, stream, ct) =>
        {
            if (request.Target.Contains("watch=", StringComparison.Ordinal))
                await HostileServer.EndlessAsync(stream, Ok + "{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Listener\",\"metadata\":{\"name\":\"l1\",\"annotations\":{\"a\":\"", ct);
            else if (request.Target == "/apis/skupper.io/v2alpha1")
                await HostileServer.WriteAsync(stream, 200, """{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"skupper.io/v2alpha1","resources":[{"name":"listeners","namespaced":true,"kind":"Listener","verbs":["delete","get","list","watch"]}]}""", ct);
            else if (request.Target.Contains("fieldSelector", StringComparison.Ordinal))
                await HostileServer.WriteAsync(stream, 200, $$"""{"kind":"ListenerList","apiVersion":"skupper.io/v2alpha1","metadata":{"resourceVersion":"7"},"items":[{{Listener}}]}""", ct);
            else
                await HostileServer.WriteAsync(stream, 200, Listener, ct); // GET and DELETE of listeners/l1: still there, finalizer pending
        });
        UseServer(server);

        var r = await ProcessRunner.KubectlSkupper(_home, "listener", "delete", "l1", "--timeout", "5m");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith("Waiting for deletion...\n");
        var error = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ShouldHaveSingleItem();
        error.ShouldStartWith("Error: ");
        error.ShouldContain($"an event of the watch on /apis/skupper.io/v2alpha1/namespaces/west/listeners");
        error.ShouldContain($"from {server.Url} is larger than 16 MiB");
        server.Requests.Count(q => q.Target.Contains("watch=", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task A_proxy_that_never_answers_CONNECT_is_bounded_by_request_timeout_and_ctrl_c()
    {
        // Item 3: --request-timeout 2s, SIGINT and SIGTERM were all ignored for over 90 s; only SIGKILL ended it.
        await using var proxy = new HostileServer((_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        UseServer("https://cluster.example.test:6443");
        _home.Variables["HTTPS_PROXY"] = proxy.Url;
        var bound = TimeSpan.FromSeconds(60); // a run still going then fails the test

        var r = await ProcessRunner.Run(ProcessRunner.HostExe, ["site", "status", "--request-timeout", "2s"], _home, timeout: bound);
        OneLineError(r, "no answer from https://cluster.example.test:6443 within --request-timeout 2s");
        proxy.Requests.ShouldAllBe(q => q.Method == "CONNECT" && q.Target == "cluster.example.test:6443");

        foreach (var signal in new[] { "INT", "TERM" })
        {
            var before = proxy.Requests.Count;
            var sinceSignal = new System.Diagnostics.Stopwatch();
            r = await ProcessRunner.Run(ProcessRunner.HostExe, ["site", "status"], _home, timeout: bound, whileRunning: p =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (proxy.Requests.Count == before && clock.Elapsed < bound) Thread.Sleep(20);
                Thread.Sleep(200); // the CONNECT is written, the command waits for the answer
                using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                kill.WaitForExit();
                sinceSignal.Start();
            });
            r.ExitCode.ShouldBe(1, r.ToString());
            r.Err.ShouldBe("Error: interrupted\n");
            // Not a speed figure: ending before the proxy exchange's own 10 s bound shows that the signal ended it.
            sinceSignal.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(9));
        }
    }

    [Fact]
    public async Task Redirects_are_never_followed_by_the_host_or_a_plugin_client()
    {
        // Item 12: site delete --all followed a 307 and re-sent a DELETE, with Impersonate-User, to another path.
        HostileServer? server = null;
        server = new HostileServer((request, stream, ct) => request.Target.StartsWith("/elsewhere", StringComparison.Ordinal)
            ? HostileServer.WriteAsync(stream, 200, "{}", ct)
            : HostileServer.WriteRawAsync(stream, $"HTTP/1.1 307 Temporary Redirect\r\nLocation: {server!.Url}/elsewhere{request.Target}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", ct));
        await using var _ = server;
        UseServer(server);

        var r = await ProcessRunner.KubectlSkupper(_home, "site", "status", "--as", "someone");
        OneLineError(r, $"answered 307 Temporary Redirect to get API group skupper.io in namespace \"west\", pointing to {server.Url}/elsewhere/apis/skupper.io/v2alpha1: redirects are not followed");
        server.Requests.ShouldHaveSingleItem();

        // A third-party plugin's KubernetesClient goes through the same transport.
        PluginWorkspace.InstallFixture("dummy", _home.UserPlugins);
        r = await ProcessRunner.KubectlSkupper(_home, "dummy", "sites");
        r.ExitCode.ShouldBe(1, r.ToString());
        server.Requests.ShouldNotContain(q => q.Target.StartsWith("/elsewhere", StringComparison.Ordinal));
    }
}
