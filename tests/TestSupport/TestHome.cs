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
        foreach (var d in new[] { Home, DataHome, CacheHome, ConfigHome }) Directory.CreateDirectory(d);
    }

    public string Root { get; }
    public string Home => Path.Combine(Root, "home");
    public string DataHome => Path.Combine(Root, "data");
    public string CacheHome => Path.Combine(Root, "cache");
    public string ConfigHome => Path.Combine(Root, "config");

    /// <summary>The user plugin folder: $XDG_DATA_HOME/skupper/plugins.</summary>
    public string UserPlugins => Path.Combine(DataHome, "skupper", "plugins");

    /// <summary>Extra variables for every process run in this home (e.g. SKUPPER_PLUGIN_PATH, KUBECONFIG).</summary>
    public Dictionary<string, string?> Variables { get; } = new();

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
