using System.Diagnostics;
using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;

namespace Skupper.Plugins.Token.Tests;

/// <summary>A sandbox whose controller answers at once.</summary>
public sealed class FastSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new SandboxOptions().WithDelay(TimeSpan.Zero);
}

/// <summary>The default delays (200 ms): a grant is never ready when first listed, so the watch is used.</summary>
public sealed class DefaultSandbox : SandboxFixture;

/// <summary>
/// What the token tests share: one sandbox per class, a fresh namespace (and TestHome) per test,
/// so tests are independent of each other and of order.
/// </summary>
public abstract class TokenTestBase(SandboxServer server) : IDisposable
{
    protected SandboxServer Server { get; } = server;
    private readonly List<TestHome> _homes = [];

    protected TestHome NewHome()
    {
        var home = new TestHome();
        home.Variables["KUBECONFIG"] = Server.KubeconfigPath;
        _homes.Add(home);
        return home;
    }

    /// <summary>A home whose hook folder holds one hook, <paramref name="text"/>, with the modes the host requires of hooks.</summary>
    protected (TestHome Home, string Hook) HomeWithHook(string text)
    {
        var home = NewHome();
        var hooks = Path.Combine(home.Root, "hooks");
        Directory.CreateDirectory(hooks);
        File.SetUnixFileMode(hooks, (UnixFileMode)0b111_101_101);
        var hook = Path.Combine(hooks, "policy.js");
        File.WriteAllText(hook, text);
        File.SetUnixFileMode(hook, (UnixFileMode)0b110_100_100);
        home.Variables["SKUPPER_HOOKS_PATH"] = hooks;
        return (home, hook);
    }

    /// <summary>A namespace no other test uses.</summary>
    protected string NewNamespace(string prefix = "ns")
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        Server.Put("", "v1", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        return name;
    }

    protected static JsonObject SiteObject(string name, string? linkAccess = "default", bool edge = false)
    {
        var spec = new JsonObject();
        if (linkAccess != null) spec["linkAccess"] = linkAccess;
        if (edge) spec["edge"] = true;
        return new JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Site",
            ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec,
        };
    }

    /// <summary>Creates a site and waits until the controller has made it Ready.</summary>
    protected async Task ReadySiteAsync(string ns, string name = "west", string? linkAccess = "default", bool edge = false)
    {
        Server.PutSkupper("sites", ns, SiteObject(name, linkAccess, edge));
        await Server.WaitForStatusAsync("sites", ns, name);
    }

    /// <summary>A token issued with <paramref name="extra"/> in a fresh namespace with a ready site; its grant and URL.</summary>
    protected async Task<IssuedToken> IssuedTokenAsync(TestHome? home, params string[] extra)
    {
        home ??= NewHome();
        var ns = NewNamespace("west");
        await ReadySiteAsync(ns);
        var file = Path.Combine(home.Home, "token.yaml");
        var r = await Skupper(home, ["token", "issue", file, "-n", ns, .. extra]);
        r.ExitCode.ShouldBe(0, r.ToString());
        var grant = List("accessgrants", ns).Single();
        return new IssuedToken(home, ns, file, Str(grant["metadata"]!["name"])!, Str(grant["status"]!["url"])!);
    }

    protected sealed record IssuedToken(TestHome Home, string Ns, string File, string Grant, string Url);

    protected IReadOnlyList<JsonObject> List(string plural, string ns) =>
        Server.List(SandboxServer.SkupperGroup, SandboxServer.SkupperVersion, plural, ns);

    protected Task<RunResult> Skupper(TestHome home, params string[] args) => ProcessRunner.KubectlSkupper(home, args);

    /// <summary>
    /// Runs kubectl-skupper and, once the sandbox's request log satisfies <paramref name="when"/> (checked at each request,
    /// not polled), calls <paramref name="then"/>; fails when the command ends first. The request log is the observable
    /// point: e.g. the wait's watch being open means the command is waiting and has its signal handlers installed.
    /// </summary>
    protected async Task<RunResult> RunAndThen(TestHome home, string[] args, Func<IReadOnlyList<RequestLogEntry>, bool> when, string what,
        Action<System.Diagnostics.Process> then)
    {
        System.Diagnostics.Process? process = null;
        var run = ProcessRunner.Run(ProcessRunner.HostExe, args, home, whileRunning: p => process = p);
        var seen = Server.Requests.WaitForAsync(when, TimeSpan.FromSeconds(60), what);
        if (await Task.WhenAny(run, seen) == run && !seen.IsCompleted)
            throw new Shouldly.ShouldAssertException($"the command ended before {what}: {await run}");
        await seen;
        then(process!);
        return await run;
    }

    /// <summary>The requests made for resources of type <paramref name="plural"/> in <paramref name="ns"/>.</summary>
    protected static IEnumerable<RequestLogEntry> For(IEnumerable<RequestLogEntry> log, string plural, string ns) =>
        log.Where(e => e.Path.EndsWith($"/namespaces/{ns}/{plural}", StringComparison.Ordinal));

    protected static void Signal(Process p, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", p.Id.ToString()]);
        kill.WaitForExit();
    }

    protected static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public void Dispose()
    {
        foreach (var h in _homes) h.Dispose();
        GC.SuppressFinalize(this);
    }
}
