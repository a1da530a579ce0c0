using Skupper.Cli.TestSupport;

namespace Skupper.Cli.Host.Tests;

/// <summary>Installs the fixture plugins built beside the tests into the folders a test chooses.</summary>
public static class PluginWorkspace
{
    /// <summary>fixture-plugins/NAME in the test output: yaml-old, yaml-new, throwing, sdk3.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixture-plugins", name);

    /// <summary>Copies a fixture (or any plugin folder) into <paramref name="root"/>/<paramref name="asName"/>.</summary>
    public static string Install(string source, string root, string asName)
    {
        var target = Path.Combine(root, asName);
        CopyDirectory(source, target);
        return target;
    }

    public static string InstallFixture(string fixture, string root, string? asName = null) =>
        Install(Fixture(fixture), root, asName ?? fixture);

    public static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest, overwrite: true);
        }
    }

    /// <summary>A folder of SKUPPER_PLUGIN_PATH for this home.</summary>
    public static string PluginPathRoot(this TestHome home, string name = "extra")
    {
        var dir = Path.Combine(home.Root, name);
        Directory.CreateDirectory(dir);
        var existing = home.Variables.GetValueOrDefault("SKUPPER_PLUGIN_PATH");
        home.Variables["SKUPPER_PLUGIN_PATH"] = existing is null ? dir : $"{existing}:{dir}";
        return dir;
    }
}
