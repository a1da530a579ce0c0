using Skupper.Cli.Host.Services;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// One plugin on disk: a folder holding the publish output of a class library. Its single
/// <c>NAME.deps.json</c> names the entry assembly <c>NAME.dll</c> (see docs/plugins.md).
/// </summary>
/// <remarks>
/// A plugin is native code run with the user's rights (often root's), so it is held to the rule
/// hooks are (<see cref="FileSecurity"/>, sshd's StrictModes): its root, its folder, and every
/// sub-folder and file in it (the runtime may load any of them: the entry assembly, its private
/// dependencies, native libraries under <c>runtimes/</c>) must belong to the user or to root and
/// must not be writable by group or others. One <c>stat</c> each, on every run, so that a
/// <c>chmod</c> takes effect at once; nothing is hashed.
/// </remarks>
public sealed record PluginFolder(string Name, string Path, PluginRoot Root)
{
    /// <summary>Why this folder is not trusted, so never loaded; null when it is.</summary>
    public string? Refused { get; init; }

    /// <summary>The entry assembly of a trusted folder; null when refused or when there is none.</summary>
    public string? EntryAssembly { get; init; }

    /// <summary>Why a trusted folder has no entry assembly, or null.</summary>
    public string? EntryProblem { get; init; }

    /// <summary>
    /// A hash of every file below a trusted folder with its size and write time: any change here (added, removed,
    /// newer) invalidates the command index. That of no file when refused.
    /// </summary>
    public ulong FilesHash { get; init; } = new Fnv1a().Value;

    /// <summary>Every plugin folder under the roots, in order of precedence, each checked and scanned.</summary>
    public static IReadOnlyList<PluginFolder> Discover(IReadOnlyList<PluginRoot> roots)
    {
        var found = new List<PluginFolder>();
        uint? caller = null;
        var callerKnown = false;
        foreach (var root in roots)
        {
            if (!Directory.Exists(root.Path)) continue;
            var dirs = Directory.GetDirectories(root.Path);
            if (dirs.Length == 0) continue;
            if (!callerKnown) { caller = FileSecurity.CallerUid(); callerKnown = true; }
            Array.Sort(dirs, StringComparer.Ordinal);
            // Whoever may write the root may swap any folder in it.
            var rootProblem = Trust(root.Path, isFolder: true, caller);
            foreach (var dir in dirs)
            {
                var name = System.IO.Path.GetFileName(dir);
                if (name.StartsWith('.')) continue; // e.g. a half-copied ".link.tmp"
                found.Add(rootProblem is null
                    ? Scan(new PluginFolder(name, dir, root), caller)
                    : new PluginFolder(name, dir, root) { Refused = rootProblem });
            }
        }
        return found;
    }

    private static string? Trust(string path, bool isFolder, uint? caller) =>
        FileSecurity.Problem(path, isFolder, caller, suggestChown: true);

    /// <summary>Checks the folder and everything in it, stopping at the first problem; else finds its files and entry assembly.</summary>
    private static PluginFolder Scan(PluginFolder folder, uint? caller)
    {
        if (Trust(folder.Path, isFolder: true, caller) is { } folderProblem) return folder with { Refused = folderProblem };
        List<Entry> entries;
        try
        {
            entries = Walk(folder.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return folder with { Refused = $"folder {folder.Path} cannot be read: {e.Message}" };
        }
        var files = new Fnv1a();
        foreach (var entry in entries)
        {
            if (entry.IsLinkedFolder)
                return folder with
                {
                    Refused = $"folder {entry.Path} is a symbolic link, which is not followed inside a plugin " +
                              "(it could loop, and what it leads to is not checked); put the folder itself there",
                };
            var problem = entry.Status is { } known
                ? FileSecurity.Problem(entry.Path, entry.IsFolder, known.Mode, known.Uid, caller, suggestChown: true)
                : Trust(entry.Path, entry.IsFolder, caller);
            if (problem is not null) return folder with { Refused = problem };
            if (!entry.IsFolder) files.Add(entry.Path).Add((ulong)entry.Length).Add((ulong)entry.WriteTicks);
        }
        var (assembly, assemblyProblem) = FindEntryAssembly(entries);
        return folder with { FilesHash = files.Value, EntryAssembly = assembly, EntryProblem = assemblyProblem };
    }

    // A class, not a struct: generic code over a reference type is the runtime's shared, precompiled
    // instantiation; over a struct of ours it would be compiled at start-up, on every run. Status: the mode and owner
    // read with the size and time (a link to a file: its target's), or null where only the path can be asked.
    private sealed record Entry(string Path, bool IsTopLevel, bool IsFolder, bool IsLinkedFolder, long Length, long WriteTicks,
        FileStatus.Status? Status);

    private static readonly EnumerationOptions OneLevel = new() { AttributesToSkip = 0, IgnoreInaccessible = true };

    /// <summary>
    /// Every file and sub-folder below <paramref name="path"/>, sorted. Symbolic links to folders are listed but never
    /// entered: a loop such as <c>up -&gt; ..</c> would otherwise never end. The listing asks nothing of the entries; one
    /// <c>statx</c> each then gives type, mode, owner, size and time, where .NET's own attributes cost an <c>lstat</c> and a
    /// <c>geteuid</c> each and the trust check a second stat (measured with strace: 3 calls a file became 1, with 50 plugins
    /// installed about 500 fewer calls a run).
    /// </summary>
    private static List<Entry> Walk(string path)
    {
        var entries = new List<Entry>();
        var folders = new Stack<string>();
        folders.Push(path);
        while (folders.TryPop(out var folder))
        {
            foreach (var child in Directory.EnumerateFileSystemEntries(folder, "*", OneLevel))
            {
                var entry = Describe(child, isTopLevel: ReferenceEquals(folder, path));
                entries.Add(entry);
                if (entry is { IsFolder: true, IsLinkedFolder: false }) folders.Push(child);
            }
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    private static Entry Describe(string path, bool isTopLevel)
    {
        if (FileStatus.TryGetAll(path, followLinks: false) is { } status)
        {
            if (!status.IsLink) return new Entry(path, isTopLevel, status.IsFolder, false, status.Size, status.WriteTicks, status);
            var target = FileStatus.TryGetAll(path, followLinks: true);
            return target is { IsFolder: true }
                ? new Entry(path, isTopLevel, true, true, 0, 0, null)
                : new Entry(path, isTopLevel, false, false, target?.Size ?? 0, target?.WriteTicks ?? 0, target);
        }
        // Where statx is not (macOS, Windows): .NET's calls, and the trust check asks the path again.
        var info = new FileInfo(path);
        var isFolder = (info.Attributes & FileAttributes.Directory) != 0;
        var isLink = (info.Attributes & FileAttributes.ReparsePoint) != 0;
        return isFolder
            ? new Entry(path, isTopLevel, true, isLink, 0, 0, null)
            : new Entry(path, isTopLevel, false, false, info.Exists ? info.Length : 0, info.LastWriteTimeUtc.Ticks, null);
    }

    /// <summary>
    /// The entry assembly named by the folder's one <c>*.deps.json</c>, or the reason there is none. Plain loops, not LINQ:
    /// in the native executable, Where, Select and ToList over these entries cost generic virtual method lookups that took
    /// most of this method's time, once per plugin folder (perf, <c>plugin list</c> with 50 plugins).
    /// </summary>
    private static (string? Path, string? Problem) FindEntryAssembly(List<Entry> entries)
    {
        const string depsSuffix = ".deps.json";
        var deps = new List<string>(1);
        foreach (var e in entries)
        {
            if (e is { IsTopLevel: true, IsFolder: false } && e.Path.EndsWith(depsSuffix, StringComparison.Ordinal)
                // A build output may carry the SDK's own deps.json beside the plugin's; the SDK is never the plugin.
                && System.IO.Path.GetFileName(e.Path) != SdkCompatibility.SdkAssemblyName + depsSuffix)
                deps.Add(e.Path);
        }
        if (deps.Count == 0)
            return (null, "no *.deps.json: expected the publish output of a class library");
        if (deps.Count > 1)
            return (null, $"several *.deps.json ({string.Join(", ", deps.Select(System.IO.Path.GetFileName))}): one plugin per folder");
        var entry = deps[0][..^depsSuffix.Length] + ".dll";
        foreach (var e in entries)
        {
            if (!e.IsFolder && e.Path == entry) return (entry, null);
        }
        return (null, $"{System.IO.Path.GetFileName(entry)} is missing");
    }
}
