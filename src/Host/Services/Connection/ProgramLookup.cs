namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// Where client-go finds an exec plugin's program: Go's <c>exec.LookPath</c> (os/exec/lp_unix.go, lp_windows.go). A
/// command with a path separator is that path (the kubeconfig reader made it relative to the kubeconfig's folder). A
/// bare name is looked up in PATH only: left to .NET, it is tried in the current directory first, so a folder another
/// user controls could run their program as us. One found through a relative PATH entry (".", or an empty one) is
/// refused, as Go refuses it (<c>exec.ErrDot</c>). On Windows, as there: PATH is split at ';' with its empty entries
/// skipped, a name is tried as given when it has an extension and then with each PATHEXT extension, and a program of
/// that name in the current directory, which Windows itself would run first, is refused too. (Go skips that check when
/// NoDefaultCurrentDirectoryInExePath is set, and runs the PATH one when both are the same file: refusing is the safe side.)
/// </summary>
/// <param name="isProgram">Whether a file there may be run: an executable file on Unix, any file on Windows.</param>
internal sealed class ProgramLookup(bool windows, Func<string, bool> isProgram)
{
    /// <summary>What makes a command a path rather than a name to look up, and ends a file's extension.</summary>
    private readonly char[] _separators = windows ? ['/', '\\', ':'] : ['/'];

    /// <summary>Go's list when PATHEXT is unset (lp_windows.go, pathExt).</summary>
    private static readonly string[] DefaultExtensions = [".com", ".exe", ".bat", ".cmd"];

    public static ProgramLookup ForThisSystem() =>
        OperatingSystem.IsWindows() ? new(windows: true, File.Exists) : new(windows: false, IsExecutableFile);

    /// <summary>What a lookup found: the program, or the relative folder it was found through (then refused), or neither.</summary>
    public readonly record struct Found(string? Program, string? RelativeEntry);

    /// <param name="path">PATH's value.</param>
    /// <param name="pathExt">PATHEXT's value (Windows only).</param>
    public Found Find(string command, string? path, string? pathExt)
    {
        if (command.IndexOfAny(_separators) >= 0) return new(command, null);
        if (command.Length == 0) return default;
        var extensions = windows ? Extensions(pathExt) : [];
        // lp_windows.go: the current directory is searched first unless NoDefaultCurrentDirectoryInExePath is set;
        // since Go 1.19 a program found there is an error (ErrDot), not run. Windows' own search does the same.
        if (windows && Match(Join(".", command), extensions) is not null) return new(null, ".");
        foreach (var entry in (path ?? "").Split(windows ? ';' : ':'))
        {
            if (windows && entry.Length == 0) continue;
            var folder = entry.Length == 0 ? "." : entry;
            if (Match(Join(folder, command), extensions) is not { } program) continue;
            return IsAbsolute(folder) ? new(program, null) : new(null, entry);
        }
        return default;
    }

    /// <summary>lp_windows.go, findExecutable: the name itself when it has an extension, then with each one added.</summary>
    private string? Match(string file, string[] extensions)
    {
        if (extensions.Length == 0 || HasExtension(file)) { if (isProgram(file)) return file; }
        foreach (var extension in extensions)
            if (isProgram(file + extension)) return file + extension;
        return null;
    }

    private static string[] Extensions(string? pathExt) =>
        string.IsNullOrEmpty(pathExt)
            ? DefaultExtensions
            : [.. pathExt.ToLowerInvariant().Split(';', StringSplitOptions.RemoveEmptyEntries).Select(e => e[0] == '.' ? e : "." + e)];

    private bool HasExtension(string file)
    {
        var dot = file.LastIndexOf('.');
        return dot >= 0 && file.LastIndexOfAny(_separators) < dot;
    }

    private string Join(string folder, string name) =>
        folder.EndsWith('/') || windows && folder.EndsWith('\\') ? folder + name : folder + (windows ? "\\" : "/") + name;

    /// <summary>Go's filepath.IsAbs: "/x" on Unix; "C:\x" or a UNC path "\\server\share" on Windows.</summary>
    private bool IsAbsolute(string folder) => windows
        ? folder.Length >= 3 && char.IsAsciiLetter(folder[0]) && folder[1] == ':' && folder[2] is '\\' or '/'
          || folder.StartsWith(@"\\", StringComparison.Ordinal) || folder.StartsWith("//", StringComparison.Ordinal)
        : folder.StartsWith('/');

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool IsExecutableFile(string path)
    {
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        try
        {
            return File.Exists(path) && (File.GetUnixFileMode(path) & anyExecute) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
