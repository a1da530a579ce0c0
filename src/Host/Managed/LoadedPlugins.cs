using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// The managed host's plugins: every folder of the plugin roots (bundled ones included), each loaded into its own
/// context when its command runs, listed from the command index, which this side rebuilds when it is stale.
/// </summary>
public sealed class LoadedPlugins(HostEnvironment env) : IPluginSource
{
    private readonly PluginLoader _loader = new();

    public CommandIndex Index => field ??= new CommandIndexBuilder(env, _loader).Load(PluginRoots.For(env));

    public ISkupperPlugin Create(PluginEntry entry) => _loader.Create(entry.EntryAssembly!);

    public string Describe(PluginEntry entry) => $"loading plugin {entry.Name} from {entry.Folder}";
}
