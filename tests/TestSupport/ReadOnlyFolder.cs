using System.Diagnostics;

namespace Skupper.Cli.TestSupport;

/// <summary>
/// Makes a folder refuse new entries and renames until disposed, so a write into it fails as on a read-only folder.
/// As an ordinary user that is mode 0555; as root (which ignores modes) the immutable attribute (<c>chattr +i</c>,
/// CAP_LINUX_IMMUTABLE), under which existing files keep accepting writes in place, so a non-atomic rewrite of a
/// file there still succeeds and a test can tell it from a temporary file renamed over the target.
/// </summary>
public sealed class ReadOnlyFolder : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode _mode;

    public ReadOnlyFolder(string path)
    {
        _path = path;
        _mode = File.GetUnixFileMode(path);
        if (Environment.IsPrivilegedProcess) Chattr("+i");
        else File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead |
                                        UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private void Chattr(string change)
    {
        using var p = Process.Start(new ProcessStartInfo("chattr", [change, _path]) { RedirectStandardError = true })!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"chattr {change} {_path}: {err.Trim()}");
    }

    public void Dispose()
    {
        if (Environment.IsPrivilegedProcess) Chattr("-i");
        else File.SetUnixFileMode(_path, _mode);
    }
}
