using Skupper.Cli.Host.Plugins;

namespace Skupper.Cli.Host.Cli;

public static partial class SkupperCli
{
    /// <summary>The managed host: plugins are the assemblies found at run time.</summary>
    public static Task<int> RunAsync(string[] args, HostEnvironment env) => RunAsync(args, env, new LoadedPlugins(env));
}
