using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Skupper.Cli.Sdk;

/// <summary>
/// A file's mode (type and permission bits) and owner, following symbolic links. .NET gives the
/// permission bits but neither the owner nor the file type, so they come from <c>statx</c> (Linux;
/// one layout on every architecture) or <c>stat</c> (macOS). One implementation for the host's
/// StrictModes checks and for <see cref="RegularFile"/>.
/// </summary>
public static class FileStatus
{
    /// <summary>What one <c>statx</c> says of a path: its mode (type and permission bits), owner, size and write time.</summary>
    public sealed record Status(uint Mode, uint Uid, long Size, long WriteTicks)
    {
        public bool IsFolder => (Mode & 0xF000u) == 0x4000u;
        public bool IsLink => (Mode & 0xF000u) == 0xA000u;
    }

    // struct statx (linux/stat.h), one layout on every architecture: stx_uid at 20, stx_mode at 28 (u16), stx_size at 40,
    // stx_mtime at 112 (tv_sec i64, tv_nsec u32). AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100.
    private const uint StatxType = 0x1, StatxMode = 0x2, StatxUid = 0x8, StatxMtime = 0x40, StatxSize = 0x200;

    /// <summary>False where it cannot be told (Windows, a missing file, no libc).</summary>
    public static bool TryGet(string path, out uint mode, out uint uid)
    {
        mode = uid = 0;
        if (OperatingSystem.IsLinux())
        {
            if (Linux(path, followLinks: true, StatxType | StatxMode | StatxUid) is not { } status) return false;
            (mode, uid) = (status.Mode, status.Uid);
            return true;
        }
        if (!OperatingSystem.IsMacOS()) return false;
        // struct stat (64-bit inodes): st_mode at 4 (u16), st_uid at 16.
        Span<byte> buffer = stackalloc byte[256];
        if (!Call(path, buffer, flags: 0, mask: 0, linux: false)) return false;
        mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[4..]);
        uid = BinaryPrimitives.ReadUInt32LittleEndian(buffer[16..]);
        return true;
    }

    /// <summary>
    /// Mode, owner, size and write time in one system call, of the link itself unless <paramref name="followLinks"/>:
    /// a folder scan that checks every file's owner and mode and fingerprints its size and time needs no second call.
    /// Null where it cannot be told: a missing path, or any system but Linux (the caller falls back on .NET's calls).
    /// </summary>
    public static Status? TryGetAll(string path, bool followLinks) =>
        OperatingSystem.IsLinux() ? Linux(path, followLinks, StatxType | StatxMode | StatxUid | StatxSize | StatxMtime) : null;

    private static Status? Linux(string path, bool followLinks, uint mask)
    {
        Span<byte> b = stackalloc byte[256];
        if (!Call(path, b, followLinks ? 0 : 0x100, mask, linux: true)) return null;
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(b[112..]);
        var nanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(b[120..]);
        return new Status(BinaryPrimitives.ReadUInt16LittleEndian(b[28..]), BinaryPrimitives.ReadUInt32LittleEndian(b[20..]),
            BinaryPrimitives.ReadInt64LittleEndian(b[40..]),
            DateTime.UnixEpoch.Ticks + seconds * TimeSpan.TicksPerSecond + nanoseconds / 100);
    }

    /// <summary>
    /// Runs statx (Linux) or stat (macOS) on the path, NUL-terminated UTF-8 on the stack, into <paramref name="buffer"/>. Both go as plain
    /// pointers: a signature that needs no marshalling is compiled ahead of time (ReadyToRun), where a string or array
    /// parameter would make the runtime generate and JIT-compile a stub on every start; and nothing is allocated, which
    /// with 50 plugins' files checked on every run showed in the garbage collector's share of the time (perf).
    /// </summary>
    private static unsafe bool Call(string path, Span<byte> buffer, int flags, uint mask, bool linux)
    {
        var size = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        Span<byte> name = size <= 1024 ? stackalloc byte[size] : new byte[size];
        name[Encoding.UTF8.GetBytes(path, name)] = 0;
        try
        {
            fixed (byte* n = name, b = buffer)
            {
                var (namePtr, bufferPtr) = ((nint)n, (nint)b);
                return (linux ? statx(-100, namePtr, flags, mask, bufferPtr)
                    : RuntimeInformation.ProcessArchitecture == Architecture.X64 ? stat_inode64(namePtr, bufferPtr)
                    : stat(namePtr, bufferPtr)) == 0;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // errno is never read, so no SetLastError: it too would need a generated stub. Linux's C library by its soname: a plain
    // "libc" makes .NET probe about 60 paths first (Debian's libc.so is a linker script, no library; measured with strace).
    [DllImport("libc.so.6")]
    private static extern int statx(int dirfd, nint path, int flags, uint mask, nint buffer);

    [DllImport("libc")]
    private static extern int stat(nint path, nint buffer);

    [DllImport("libc", EntryPoint = "stat$INODE64")]
    private static extern int stat_inode64(nint path, nint buffer);
}
