using Skupper.Cli.Host;
using Skupper.Cli.Host.Cli;
using Skupper.Cli.Host.Plugins;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.TestSupport.Unit;

/// <summary>
/// One plugin, referenced by the test project and linked in as the native executable links the bundled ones, run by the
/// host's own parser, dispatch and error reporting with a <see cref="FakeCommandContext"/>: a command's option reading,
/// validation and output in milliseconds, with no process, no plugin folder and no sandbox.
/// </summary>
public sealed class UnitCli : IDisposable
{
    private readonly ISkupperPlugin _plugin;
    private readonly TestHome _home = new();

    public UnitCli(ISkupperPlugin plugin, string @namespace = "west")
    {
        _plugin = plugin;
        Namespace = @namespace;
        Cluster = new InMemoryCluster(@namespace);
    }

    public string Namespace { get; }
    public InMemoryCluster Cluster { get; }

    /// <summary>The data home the file platforms (docker, podman, linux) write under.</summary>
    public string DataHome => Path.Combine(_home.Root, "data", "skupper");

    public async Task<RunResult> RunAsync(params string[] args)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        ProcessRunner.Isolate(variables, _home);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new HostEnvironment(ProcessRunner.HostExe, ProcessRunner.ManagedHostDir,
            variables.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal),
            output, error, errorIsTerminal: false, isRoot: false);
        var exit = await SkupperCli.RunAsync(args, env, new Linked(env, _plugin),
            // As the host's context: the kubeconfig's namespace on Kubernetes (here the cluster's), else "default".
            (platform, flags, console) => new FakeCommandContext(platform,
                flags.Namespace ?? (platform == Platform.Kubernetes ? Namespace : "default"), console, Cluster, DataHome));
        return new RunResult(exit, output.ToString(), error.ToString());
    }

    public void Dispose() => _home.Dispose();

    private sealed class Linked(HostEnvironment env, ISkupperPlugin plugin) : IPluginSource
    {
        private readonly PluginEntry _entry = Entry(env, plugin);

        public CommandIndex Index
        {
            get
            {
                var index = new CommandIndex { Plugins = { _entry } };
                CommandOwnership.Resolve(index.Plugins);
                return index;
            }
        }

        public ISkupperPlugin Create(PluginEntry entry) => plugin;

        public string Describe(PluginEntry entry) => $"plugin {entry.Name} is linked into the test";

        private static PluginEntry Entry(HostEnvironment env, ISkupperPlugin plugin)
        {
            var registrar = new RecordingRegistrar(env.InvocationName);
            plugin.Register(registrar);
            return new PluginEntry
            {
                Name = plugin.GetType().Name, Folder = "(linked)", Source = PluginRoots.Bundled,
                Groups = registrar.Groups, Commands = registrar.Commands,
            };
        }
    }
}
