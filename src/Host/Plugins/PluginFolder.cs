using Microsoft.Extensions.FileSystemGlobbing;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// One plugin on disk: a folder holding the publish output of a class library. Its single
/// <c>NAME.deps.json</c> names the entry assembly <c>NAME.dll</c> (see docs/plugins.md).
/// </summary>
public sealed record PluginFolder(string Name, string Path, PluginRoot Root)
{
    /// <summary>Every plugin folder under the roots, in order of precedence.</summary>
    public static IReadOnlyList<PluginFolder> Discover(IReadOnlyList<PluginRoot> roots)
    {
        var found = new List<PluginFolder>();
        foreach (var root in roots)
        {
            if (!Directory.Exists(root.Path)) continue;
            var dirs = Directory.GetDirectories(root.Path);
            Array.Sort(dirs, StringComparer.Ordinal);
            foreach (var dir in dirs)
            {
                var name = System.IO.Path.GetFileName(dir);
                if (name.StartsWith('.')) continue; // e.g. a half-copied ".link.tmp"
                found.Add(new PluginFolder(name, dir, root));
            }
        }
        return found;
    }

    /// <summary>The entry assembly, or the reason there is none.</summary>
    public (string? Path, string? Problem) FindEntryAssembly()
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude("*.deps.json");
        // A build output may carry the SDK's own deps.json beside the plugin's; the SDK is never the plugin.
        matcher.AddExclude("Skupper.Cli.Sdk.deps.json");
        var deps = matcher.GetResultsInFullPath(Path).Order(StringComparer.Ordinal).ToList();
        if (deps.Count == 0)
            return (null, "no *.deps.json: expected the publish output of a class library");
        if (deps.Count > 1)
            return (null, $"several *.deps.json ({string.Join(", ", deps.Select(System.IO.Path.GetFileName))}): one plugin per folder");
        var entry = deps[0][..^".deps.json".Length] + ".dll";
        return File.Exists(entry) ? (entry, null) : (null, $"{System.IO.Path.GetFileName(entry)} is missing");
    }

    /// <summary>
    /// Every file below the folder with its size and write time: any change here (added,
    /// removed, newer) invalidates the command index.
    /// </summary>
    /// <remarks>Runs on every start, so it is a plain enumeration (which also yields each file's size and time).</remarks>
    public IEnumerable<string> Fingerprint()
    {
        var files = new DirectoryInfo(Path).GetFiles("*", SearchOption.AllDirectories);
        Array.Sort(files, (a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        foreach (var info in files)
            yield return $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}";
    }
}
