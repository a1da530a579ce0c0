using System.Text.Json.Nodes;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;

namespace Skupper.Plugins.Site.Tests;

/// <summary>A sandbox whose controller answers at once.</summary>
public sealed class FastSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new SandboxOptions().WithDelay(TimeSpan.Zero);
}

/// <summary>A controller that never answers: sites stay without status.</summary>
public sealed class ControllerOffSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new() { ControllerEnabled = false };
}

/// <summary>A cluster without Skupper: no skupper.io API.</summary>
public sealed class NoSkupperSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new() { InstallSkupper = false };
}

/// <summary>
/// What the site tests share: one sandbox per class, a fresh namespace and TestHome per test, so
/// tests are independent and parallel-safe. The data home of the file platforms is the TestHome's
/// SKUPPER_DATA_HOME (<see cref="TestHome.SkupperData"/>; tests run as root, whose default is /var/lib/skupper).
/// </summary>
public abstract class SiteTestBase(SandboxServer? server) : IDisposable
{
    private readonly List<TestHome> _homes = [];

    protected SandboxServer Server => server ?? throw new InvalidOperationException("this test class has no sandbox");

    protected TestHome NewHome(bool kubeconfig = true)
    {
        var home = new TestHome();
        if (kubeconfig && server is not null) home.Variables["KUBECONFIG"] = server.KubeconfigPath;
        _homes.Add(home);
        return home;
    }

    protected static string DataHome(TestHome home) => home.SkupperData;

    protected static string Resources(TestHome home, string ns = "default") =>
        Path.Combine(DataHome(home), "namespaces", ns, "input", "resources");

    /// <summary>A namespace no other test uses.</summary>
    protected string NewNamespace(string prefix = "ns")
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        Server.Put("", "v1", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        return name;
    }

    protected static JsonObject Resource(string kind, string name, JsonObject? spec = null) => new()
    {
        ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec ?? new JsonObject(),
    };

    protected async Task ReadySiteAsync(string ns, string name = "west", string? linkAccess = null)
    {
        var spec = new JsonObject();
        if (linkAccess != null) spec["linkAccess"] = linkAccess;
        Server.PutSkupper("sites", ns, Resource("Site", name, spec));
        await Server.WaitForStatusAsync("sites", ns, name);
    }

    protected IReadOnlyList<JsonObject> List(string plural, string ns) =>
        Server.List(SandboxServer.SkupperGroup, SandboxServer.SkupperVersion, plural, ns);

    protected JsonObject? Site(string ns, string name) => Server.GetSkupper("sites", ns, name);

    protected static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    protected static Task<RunResult> Skupper(TestHome home, params string[] args) => ProcessRunner.KubectlSkupper(home, args);

    /// <summary>Through the real kubectl, which finds kubectl-skupper on PATH as a krew install would.</summary>
    protected static Task<RunResult> Kubectl(TestHome home, params string[] args) => ProcessRunner.Kubectl(home, args);

    /// <summary>Every file under a folder, relative, for "nothing changed" checks.</summary>
    protected static string[] Files(string root) => Directory.Exists(root)
        ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order().ToArray()
        : [];

    public void Dispose()
    {
        foreach (var h in _homes) h.Dispose();
        GC.SuppressFinalize(this);
    }
}
