namespace Skupper.Cli.Host.Plugins;

/// <summary>A folder that holds plugin folders, and why it is searched.</summary>
public sealed record PluginRoot(string Path, string Source);

public static class PluginRoots
{
    /// <summary>
    /// The roots in order of precedence: each folder of <c>$SKUPPER_PLUGIN_PATH</c>, the user's
    /// <c>$XDG_DATA_HOME/skupper/plugins</c>, then the bundled <c>plugins/</c> beside the executable.
    /// </summary>
    public static IReadOnlyList<PluginRoot> For(HostEnvironment env)
    {
        var roots = new List<PluginRoot>();
        foreach (var dir in (env.Get("SKUPPER_PLUGIN_PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            roots.Add(new PluginRoot(Path.GetFullPath(dir), "SKUPPER_PLUGIN_PATH"));
        roots.Add(new PluginRoot(Path.Combine(env.XdgDir("XDG_DATA_HOME", ".local/share"), "skupper", "plugins"), "user"));
        roots.Add(new PluginRoot(Path.Combine(env.ExecutableDirectory, "plugins"), "bundled"));
        // The same folder named twice is searched once, at its highest precedence.
        return roots.DistinctBy(r => r.Path.TrimEnd('/')).ToList();
    }
}
