using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// Where the host's plugins come from. The managed host loads assemblies found at run time
/// (<c>LoadedPlugins</c>); the native executable has the bundled plugins linked in and knows third-party ones
/// only from the command index the managed host writes (<c>LinkedPlugins</c>, in src/Native).
/// </summary>
public interface IPluginSource
{
    /// <summary>Every plugin, in order of precedence, with the commands it provides.</summary>
    CommandIndex Index { get; }

    /// <summary>
    /// The plugin object of an entry of <see cref="Index"/>; throws <see cref="PluginLoadException"/> with a one-line reason.
    /// </summary>
    ISkupperPlugin Create(PluginEntry entry);

    /// <summary>Where the plugin's code comes from, for <c>SKUPPER_DEBUG</c>: "loading plugin token from FOLDER", or linked in.</summary>
    string Describe(PluginEntry entry);
}
