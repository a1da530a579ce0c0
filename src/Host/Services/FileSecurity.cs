using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Services;

/// <summary>
/// sshd's StrictModes, for everything the host runs code from (hooks, plugins) and for its command
/// index cache: a file, or a folder it is read from, must not be writable by group or others and
/// must belong to the caller or to root. .NET gives the mode but not the owner, so the owner comes
/// from <c>statx</c> (Linux; its layout is the same on every architecture) or <c>stat</c> (macOS).
/// Symbolic links are followed: what counts is the file that would be read.
/// </summary>
public static class FileSecurity
{
    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>The effective uid of this process, or null where there is none (Windows).</summary>
    public static uint? CallerUid()
    {
        if (OperatingSystem.IsWindows()) return null;
        try { return OperatingSystem.IsLinux() ? geteuid_linux() : geteuid(); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return null; }
    }

    /// <summary>
    /// Why <paramref name="path"/> may not be trusted, or null when it may. With
    /// <paramref name="suggestChown"/>, a wrong owner is reported with the command that fixes it,
    /// as a wrong mode always is.
    /// </summary>
    public static string? Problem(string path, bool isFolder, uint? callerUid, bool suggestChown = false)
    {
        if (OperatingSystem.IsWindows()) return null;
        if (FileStatus.TryGet(path, out var statMode, out var statOwner))
            return Problem(path, isFolder, statMode, statOwner, callerUid, suggestChown);
        try { return Problem(path, isFolder, (uint)File.GetUnixFileMode(path), null, callerUid, suggestChown); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{(isFolder ? "folder" : "file")} {path} cannot be read: {e.Message}";
        }
    }

    /// <summary>The same verdict from a mode and owner already read (<see cref="FileStatus.TryGetAll"/>); null owner: unknown.</summary>
    public static string? Problem(string path, bool isFolder, uint statMode, uint? owner, uint? callerUid, bool suggestChown = false)
    {
        var what = isFolder ? "folder" : "file";
        var mode = (UnixFileMode)(statMode & 0xFFF);
        if ((mode & GroupOrOtherWrite) != 0)
        {
            var who = (mode & GroupOrOtherWrite) == GroupOrOtherWrite ? "group and others"
                : (mode & UnixFileMode.GroupWrite) != 0 ? "group" : "others";
            return $"{what} {path} is writable by {who} (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}); " +
                   $"run \"chmod go-w {path}\"";
        }
        if (owner is { } uid && callerUid is { } me && uid != me && uid != 0)
            return $"{what} {path} is owned by uid {uid}, neither you (uid {me}) nor root" +
                   (suggestChown ? $"; if you trust it, run \"chown {(isFolder ? "-R " : "")}{me} {path}\"" : "");
        return null;
    }

    /// <summary>The uid that owns <paramref name="path"/>, or null where that cannot be told.</summary>
    public static uint? Owner(string path) =>
        !OperatingSystem.IsWindows() && FileStatus.TryGet(path, out _, out var uid) ? uid : null;

    // errno is never read, so no SetLastError: it too would need a generated stub. On Linux by the soname (see Libc).
    [DllImport(Libc.Name, EntryPoint = "geteuid")]
    private static extern uint geteuid_linux();

    [DllImport("libc")]
    private static extern uint geteuid();

}
