using System.Text;
using System.Text.RegularExpressions;
using Skupper.Cli.Sdk;
using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;
using Skupper.Cli.Host.Services;

namespace Skupper.Cli.Host.Hooks;

/// <summary>A folder hooks are read from, and why it is searched.</summary>
public sealed record HookFolder(string Path, string Source);

/// <summary>
/// One hook module found on disk: its text (read once, so what was checked is what runs), the
/// names it exports (from a cheap scan, no JavaScript engine), and why it is refused, if it is.
/// </summary>
public sealed record HookFile(string Path, string Name, HookFolder Folder, string Text, IReadOnlySet<string> Exports,
    bool IgnoreFailures, string? Refused)
{
    public bool Handles(string exportName) => Refused is null && Exports.Contains(exportName);

    public IEnumerable<string> Events =>
        Exports.Select(HookEvents.EventName).Where(e => e is not null).Select(e => e!).Order(StringComparer.Ordinal);
}

/// <summary>
/// Finds hooks: <c>/etc/skupper/hooks</c>, then <c>$XDG_CONFIG_HOME/skupper/hooks</c>, then each
/// folder of <c>$SKUPPER_HOOKS_PATH</c>; in each, <c>*.js</c> and <c>*.mjs</c> files and those one
/// sub-folder down, in file-name order.
/// </summary>
public static partial class HookDiscovery
{
    public const string SystemFolder = "/etc/skupper/hooks";

    /// <summary>Replaces <see cref="SystemFolder"/>; for tests and packagers only (documented as such).</summary>
    public const string SystemFolderVariable = "SKUPPER_SYSTEM_HOOKS_DIR";

    private const int MaxHookBytes = 1024 * 1024;

    public static IReadOnlyList<HookFolder> Folders(HostEnvironment env)
    {
        var folders = new List<HookFolder>
        {
            new(env.Get(SystemFolderVariable) ?? SystemFolder, "system"),
            new(Path.Combine(env.XdgDir("XDG_CONFIG_HOME", ".config"), "skupper", "hooks"), "user"),
        };
        var entries = (env.Get("SKUPPER_HOOKS_PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var entry in entries)
            folders.Add(new HookFolder(entry, "SKUPPER_HOOKS_PATH"));
        // A folder named twice is read once, where it first appears.
        return folders
            .Select(f => f with { Path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(f.Path)) })
            .DistinctBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyList<HookFile> Find(HostEnvironment env) => Find(Folders(env));

    public static IReadOnlyList<HookFile> Find(IReadOnlyList<HookFolder> folders)
    {
        var found = new List<HookFile>();
        uint? caller = null;
        var callerKnown = false;
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder.Path)) continue;
            if (!callerKnown) { caller = FileSecurity.CallerUid(); callerKnown = true; }
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddIncludePatterns(["*.js", "*.mjs", "*/*.js", "*/*.mjs"]);
            var result = matcher.Execute(new DirectoryInfoWrapper(new DirectoryInfo(folder.Path)));
            var files = result.Files.Select(f => f.Path).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0) continue;
            var folderProblem = FileSecurity.Problem(folder.Path, isFolder: true, caller);
            var subProblems = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var relative in files)
            {
                var full = Path.Combine(folder.Path, relative);
                var problem = folderProblem;
                var sub = Path.GetDirectoryName(relative);
                if (problem is null && !string.IsNullOrEmpty(sub))
                {
                    if (!subProblems.TryGetValue(sub, out problem))
                        subProblems[sub] = problem = FileSecurity.Problem(Path.Combine(folder.Path, sub), isFolder: true, caller);
                }
                problem ??= FileSecurity.Problem(full, isFolder: false, caller);
                // A refused hook is still read (never run), so that "hook list" can show its events.
                var text = "";
                try
                {
                    // A FIFO named like a hook would block discovery itself; a device would never end.
                    if (RegularFile.Problem(full) is { } notRegular) problem ??= $"{full} {notRegular}";
                    else text = Encoding.UTF8.GetString(RegularFile.ReadAllBytes(full, MaxHookBytes));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    problem ??= e is FileTooLargeException
                        ? $"file {full} is larger than {MaxHookBytes} bytes"
                        : $"file {full} cannot be read: {e.Message}";
                }
                found.Add(new HookFile(full, relative, folder, text, ScanExports(text), DeclaresIgnore(text), problem));
            }
        }
        return found;
    }

    /// <summary>
    /// The names a module exports, found without parsing it: <c>export [async] function name</c>,
    /// <c>export const|let|var name</c> and <c>export { a, b as c }</c>. A name inside a comment may be
    /// found too; that costs an engine that then finds no such function, never a missed hook.
    /// </summary>
    public static IReadOnlySet<string> ScanExports(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in ExportDeclaration().Matches(text)) names.Add(m.Groups[1].Value);
        foreach (Match m in ExportList().Matches(text))
            foreach (var item in m.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = item.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                names.Add(parts.Length == 3 && parts[1] == "as" ? parts[2] : parts[0]);
            }
        return names;
    }

    public static bool DeclaresIgnore(string text) => IgnorePolicy().IsMatch(text);

    [GeneratedRegex(@"\bexport\s+(?:async\s+)?(?:function\s*\*?|const|let|var)\s*([A-Za-z_$][\w$]*)")]
    private static partial Regex ExportDeclaration();

    [GeneratedRegex(@"\bexport\s*\{([^}]*)\}")]
    private static partial Regex ExportList();

    [GeneratedRegex(@"\bexport\s+(?:const|let|var)\s+failurePolicy\s*=\s*[""'`]Ignore[""'`]")]
    private static partial Regex IgnorePolicy();
}
