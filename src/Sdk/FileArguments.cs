namespace Skupper.Cli.Sdk;

/// <summary>
/// A file named on the command line, checked with one wording for every plugin: one name, not
/// empty, a usable path, or <see cref="Standard"/>; and, for a file the command will write, a folder
/// that exists and takes new files. Each problem is added to <see cref="Problems"/>, never thrown.
/// </summary>
public static class FileArguments
{
    /// <summary>The file name that means standard output (or input), as for cat and kubectl apply -f.</summary>
    public const string Standard = "-";

    /// <summary>
    /// The one file argument: present, not empty, single. Returns its full path, <see cref="Standard"/>
    /// as it is (a file named "-" is written "./-"), or null after adding a problem.
    /// </summary>
    public static string? SingleFile(this IArgumentValue argument, string what, string usage, Problems problems)
    {
        var values = argument.Values.Where(v => v is not null).Select(v => v!).ToList();
        switch (values.Count)
        {
            case 0:
                problems.Usage($"a {what} must be given: {usage}");
                return null;
            case > 1:
                problems.Usage($"only one {what} can be given, not {values.Count}: {Printable.Escape(string.Join(" ", values))}");
                return null;
        }
        if (string.IsNullOrWhiteSpace(values[0]))
        {
            problems.Usage($"the {what} name must not be empty: {usage}");
            return null;
        }
        if (values[0] == Standard) return Standard;
        if (TryFullPath(values[0], out var path, out var reason)) return path;
        problems.Usage($"\"{Printable.Path(values[0])}\" is not a usable {what} path: {reason}");
        return null;
    }

    /// <summary>The full path of <paramref name="name"/>, or false and why it is not a usable path (the runtime's words).</summary>
    internal static bool TryFullPath(string name, out string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? reason)
    {
        try
        {
            path = Path.GetFullPath(name);
            reason = null;
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            path = name;
            reason = e.Message;
            return false;
        }
    }

    /// <summary>
    /// The file can be created (or replaced) at <paramref name="path"/>: it is not a folder, and its
    /// folder exists and takes new files. Probed with a throwaway file, because permission bits alone
    /// do not tell (ACLs, read-only mounts, root).
    /// </summary>
    public static void CheckCreatable(string path, string what, Problems problems)
    {
        if (CreatableRule(path, out var isDirectory) is not { } rule) return;
        var shown = Printable.Path(path);
        problems.Usage(isDirectory ? $"{what} \"{shown}\" {rule}" : $"cannot create {what} \"{shown}\": {rule}");
    }

    /// <summary>
    /// Null when a file can be created at <paramref name="path"/>, else why not: what the path is
    /// (<paramref name="isDirectory"/>: "is a directory: …") or what its folder lacks ("folder "/x" does not exist").
    /// </summary>
    internal static string? CreatableRule(string path, out bool isDirectory)
    {
        isDirectory = Directory.Exists(path);
        if (isDirectory) return "is a directory: give the path of a file to create";
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder)) return $"folder \"{Printable.Path(folder)}\" does not exist";
        var probe = Path.Combine(folder, $".skupper-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"folder \"{Printable.Path(folder)}\" is not writable ({e.Message.TrimEnd('.')})";
        }
    }
}
