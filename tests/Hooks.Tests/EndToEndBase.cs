using System.Text.Json.Nodes;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;

namespace Skupper.Cli.Hooks.Tests;

/// <summary>A sandbox whose controller answers at once.</summary>
public sealed class FastSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new SandboxOptions().WithDelay(TimeSpan.Zero);
}

/// <summary>
/// Runs the built kubectl-skupper against the sandbox with hooks in a private folder on
/// SKUPPER_HOOKS_PATH; a fresh namespace and home per test.
/// </summary>
public abstract class EndToEndBase(SandboxServer server) : IDisposable
{
    protected SandboxServer Server { get; } = server;
    private readonly List<TestHome> _homes = [];

    /// <summary>The shipped examples, as built next to the tests.</summary>
    protected static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    protected (TestHome Home, string Hooks) NewHome(params string[] examples)
    {
        var home = new TestHome();
        _homes.Add(home);
        home.Variables["KUBECONFIG"] = Server.KubeconfigPath;
        var hooks = Path.Combine(home.Root, "hooks");
        Directory.CreateDirectory(hooks);
        File.SetUnixFileMode(hooks, HookWorkspace.FolderMode);
        home.Variables["SKUPPER_HOOKS_PATH"] = hooks;
        foreach (var e in examples) Install(hooks, Path.GetFileName(e), File.ReadAllText(Example(e)));
        return (home, hooks);
    }

    protected static string Install(string hooks, string name, string text)
    {
        var path = Path.Combine(hooks, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }

    protected async Task<string> ReadySiteAsync(string name = "west")
    {
        var ns = $"hk-{Guid.NewGuid().ToString("N")[..8]}";
        Server.Put("", "v1", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        Server.PutSkupper("sites", ns, new JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Site",
            ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject { ["linkAccess"] = "default" },
        });
        await Server.WaitForStatusAsync("sites", ns, name);
        return ns;
    }

    protected IReadOnlyList<JsonObject> Grants(string ns) =>
        Server.List(SandboxServer.SkupperGroup, SandboxServer.SkupperVersion, "accessgrants", ns);

    protected static Task<RunResult> Skupper(TestHome home, params string[] args) => ProcessRunner.KubectlSkupper(home, args);

    protected static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public void Dispose()
    {
        foreach (var h in _homes) h.Dispose();
        GC.SuppressFinalize(this);
    }
}
