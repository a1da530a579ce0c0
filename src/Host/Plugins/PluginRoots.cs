using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Plugins;

/// <summary>A folder that holds plugin folders, and why it is searched.</summary>
public sealed record PluginRoot(string Path, string Source);

public static class PluginRoots
{
    /// <summary>The source of the host's own <c>plugins/</c> folder, whose commands no other plugin may take.</summary>
    public const string Bundled = "bundled";

    /// <summary>
    /// The plugins the product ships in its <c>plugins/</c> folder (and links into the native executable): their commands
    /// come first, even before those of another folder someone put beside them.
    /// </summary>
    public static readonly IReadOnlySet<string> Shipped =
        new HashSet<string>(StringComparer.Ordinal) { "token", "site", "expose", "link", "debug", "system" };

    /// <summary>
    /// The roots in order of precedence: each folder of <c>$SKUPPER_PLUGIN_PATH</c>, the user's
    /// <c>$XDG_DATA_HOME/skupper/plugins</c>, then the bundled <c>plugins/</c> beside the executable.
    /// A relative <c>SKUPPER_PLUGIN_PATH</c> entry is refused with a warning: it would name another
    /// folder in every directory the command is run from, and load whatever code is there.
    /// </summary>
    public static IReadOnlyList<PluginRoot> For(HostEnvironment env)
    {
        var roots = new List<PluginRoot>();
        foreach (var dir in (env.Get("SKUPPER_PLUGIN_PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Path.IsPathFullyQualified(dir))
                roots.Add(new PluginRoot(Path.GetFullPath(dir), "SKUPPER_PLUGIN_PATH"));
            else
                env.Error.WriteLine($"Warning: SKUPPER_PLUGIN_PATH entry \"{Printable.Path(dir)}\" ignored: it is a relative path, " +
                                    "which would be looked up in whatever folder the command runs in; give an absolute path");
        }
        roots.Add(new PluginRoot(Path.Combine(env.XdgDir("XDG_DATA_HOME", ".local/share"), "skupper", "plugins"), "user"));
        roots.Add(new PluginRoot(Path.Combine(env.ExecutableDirectory, "plugins"), Bundled));
        // The same folder named twice is searched once, at its highest precedence.
        return roots.DistinctBy(r => r.Path.TrimEnd('/')).ToList();
    }
}
