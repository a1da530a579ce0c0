namespace Skupper.Cli.TestSupport;

/// <summary>
/// A private HOME with its own XDG folders, so that a test never reads or writes the machine's
/// real plugin, cache or kubeconfig folders and tests can run in parallel.
/// </summary>
public sealed class TestHome : IDisposable
{
    public TestHome()
    {
        Root = Directory.CreateTempSubdirectory("skupper-test-").FullName;
        foreach (var d in new[] { Home, DataHome, CacheHome, ConfigHome, StateHome, RuntimeDir }) Directory.CreateDirectory(d);
        // XDG_RUNTIME_DIR must be owned by the user with mode 0700 (XDG Base Directory Specification).
        File.SetUnixFileMode(RuntimeDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Root { get; }
    public string Home => Path.Combine(Root, "home");
    public string DataHome => Path.Combine(Root, "data");
    public string CacheHome => Path.Combine(Root, "cache");
    public string ConfigHome => Path.Combine(Root, "config");
    public string StateHome => Path.Combine(Root, "state");
    public string RuntimeDir => Path.Combine(Root, "runtime");

    /// <summary>SKUPPER_SYSTEM_HOOKS_DIR: a folder that does not exist until a test creates it, so the machine's
    /// <c>/etc/skupper/hooks</c> (a site admin's naming.js, say) never runs in a test.</summary>
    public string SystemHooks => Path.Combine(Root, "system-hooks");

    /// <summary>SKUPPER_DATA_HOME: where site files go. Set explicitly because the tests may run as root, whose
    /// default is the machine's <c>/var/lib/skupper</c>; tests of the defaults unset it.</summary>
    public string SkupperData => Path.Combine(DataHome, "skupper");

    /// <summary>The user plugin folder: $XDG_DATA_HOME/skupper/plugins.</summary>
    public string UserPlugins => Path.Combine(DataHome, "skupper", "plugins");

    /// <summary>Extra variables for every process run in this home (e.g. SKUPPER_PLUGIN_PATH, KUBECONFIG).</summary>
    public Dictionary<string, string?> Variables { get; } = new();

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
