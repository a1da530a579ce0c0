using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

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
        try { return geteuid(); }
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
        var what = isFolder ? "folder" : "file";
        UnixFileMode mode;
        uint? owner = null;
        if (TryStat(path, out var statMode, out var statOwner))
        {
            mode = (UnixFileMode)(statMode & 0xFFF);
            owner = statOwner;
        }
        else
        {
            try { mode = File.GetUnixFileMode(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return $"{what} {path} cannot be read: {e.Message}"; }
        }
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
        !OperatingSystem.IsWindows() && TryStat(path, out _, out var uid) ? uid : null;

    private static bool TryStat(string path, out uint mode, out uint uid)
    {
        mode = uid = 0;
        // Both pinned and passed as plain pointers: a signature that needs no marshalling is
        // compiled ahead of time (ReadyToRun), where a string or array parameter would make the
        // runtime generate and JIT-compile a stub on every start (plugins are checked on every run).
        var name = new byte[Encoding.UTF8.GetMaxByteCount(path.Length) + 1];
        Encoding.UTF8.GetBytes(path, name);
        var buffer = new byte[256];
        var pinnedName = GCHandle.Alloc(name, GCHandleType.Pinned);
        var pinnedBuffer = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        try
        {
            nint namePtr = pinnedName.AddrOfPinnedObject(), bufferPtr = pinnedBuffer.AddrOfPinnedObject();
            if (OperatingSystem.IsLinux())
            {
                // struct statx: stx_uid at 20, stx_mode at 28 (u16); AT_FDCWD = -100; STATX_MODE | STATX_UID.
                if (statx(-100, namePtr, 0, 0x2 | 0x8, bufferPtr) != 0) return false;
                uid = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20));
                mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
                return true;
            }
            if (OperatingSystem.IsMacOS())
            {
                // struct stat (64-bit inodes): st_mode at 4 (u16), st_uid at 16.
                var rc = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? stat_inode64(namePtr, bufferPtr) : stat(namePtr, bufferPtr);
                if (rc != 0) return false;
                mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(4));
                uid = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(16));
                return true;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        finally
        {
            pinnedName.Free();
            pinnedBuffer.Free();
        }
        return false;
    }

    // errno is never read, so no SetLastError: it too would need a generated stub.
    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc")]
    private static extern int statx(int dirfd, nint path, int flags, uint mask, nint buffer);

    [DllImport("libc")]
    private static extern int stat(nint path, nint buffer);

    [DllImport("libc", EntryPoint = "stat$INODE64")]
    private static extern int stat_inode64(nint path, nint buffer);
}
