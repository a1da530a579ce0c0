using System.Text.Json.Nodes;
using Skupper.Sandbox;

namespace Skupper.Cli.TestSupport;

/// <summary>A sandbox whose controller answers at once.</summary>
public sealed class InstantSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new SandboxOptions().WithDelay(TimeSpan.Zero);
}

/// <summary>
/// What the plugin test projects share: one sandbox per class, a fresh namespace (with a Ready site)
/// and home per test, so that tests are independent and parallel-safe; sites linked the way users link them.
/// </summary>
public abstract class SandboxTestBase(SandboxServer server) : IDisposable
{
    private readonly List<TestHome> _homes = [];

    protected SandboxServer Server => server;

    protected TestHome NewHome()
    {
        var home = new TestHome();
        home.Variables["KUBECONFIG"] = server.KubeconfigPath;
        _homes.Add(home);
        return home;
    }

    /// <summary>A namespace no other test uses, with a Ready site.</summary>
    protected async Task<string> SiteAsync(string prefix, bool linkAccess = false)
    {
        var ns = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        server.Put("", "v1", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        var spec = new JsonObject();
        if (linkAccess) spec["linkAccess"] = "default";
        server.PutSkupper("sites", ns, new JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Site",
            ["metadata"] = new JsonObject { ["name"] = prefix }, ["spec"] = spec,
        });
        await server.WaitForStatusAsync("sites", ns, prefix);
        return ns;
    }

    /// <summary>Links <paramref name="from"/> to <paramref name="to"/> the way users do: a token issued in one, redeemed in the other.</summary>
    protected async Task LinkAsync(TestHome home, string from, string to)
    {
        var token = Path.Combine(home.Root, $"{to}.yaml");
        var issue = await Skupper(home, "token", "issue", token, "-n", to);
        if (issue.ExitCode != 0) throw new InvalidOperationException(issue.ToString());
        var redeem = await Skupper(home, "token", "redeem", token, "-n", from);
        if (redeem.ExitCode != 0) throw new InvalidOperationException(redeem.ToString());
    }

    protected JsonObject? Get(string plural, string ns, string name) => server.GetSkupper(plural, ns, name);

    protected IReadOnlyList<JsonObject> List(string plural, string ns) =>
        server.List(SandboxServer.SkupperGroup, SandboxServer.SkupperVersion, plural, ns);

    protected static Task<RunResult> Skupper(TestHome home, params string[] args) => ProcessRunner.KubectlSkupper(home, args);

    protected static Task<RunResult> Kubectl(TestHome home, params string[] args) => ProcessRunner.Kubectl(home, args);

    public void Dispose()
    {
        foreach (var h in _homes) h.Dispose();
        GC.SuppressFinalize(this);
    }
}
