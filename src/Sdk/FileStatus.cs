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
    /// <summary>False where it cannot be told (Windows, a missing file, no libc).</summary>
    public static bool TryGet(string path, out uint mode, out uint uid)
    {
        mode = uid = 0;
        if (OperatingSystem.IsWindows()) return false;
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
                // struct statx: stx_uid at 20, stx_mode at 28 (u16); AT_FDCWD = -100; STATX_TYPE | STATX_MODE | STATX_UID.
                if (statx(-100, namePtr, 0, 0x1 | 0x2 | 0x8, bufferPtr) != 0) return false;
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
    private static extern int statx(int dirfd, nint path, int flags, uint mask, nint buffer);

    [DllImport("libc")]
    private static extern int stat(nint path, nint buffer);

    [DllImport("libc", EntryPoint = "stat$INODE64")]
    private static extern int stat_inode64(nint path, nint buffer);
}
