using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Skupper.Cli.Host.Services;

namespace Skupper.Cli.Host.Hooks;

/// <summary>
/// Opening a file for a hook's write as a careful Unix tool does: <c>O_NOFOLLOW</c> on the last component, so a
/// symbolic link planted where the hook writes (another user's, in a shared drop folder) is refused instead of
/// followed, dangling or not (<c>fs.appendText</c> appended to a root-only file through a link,
/// and created a file inside a 0700 folder through a dangling one). <c>O_NONBLOCK</c> so that a FIFO with no
/// reader fails at once instead of blocking the command. .NET's FileStream has neither flag.
/// </summary>
internal static partial class NoFollowFile
{
    private const int ELOOP = 40;
    private const int ENXIO = 6;

    public static FileStream OpenAppend(string path, UnixFileMode createMode)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere the flags' values differ: a check, then the open (a race Linux does not have).
            if (new FileInfo(path).LinkTarget is not null) throw new IOException("it is a symbolic link: hooks do not write through links");
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = createMode;
            return new FileStream(path, options);
        }
        // Linux's generic values, except O_NOFOLLOW (and O_DIRECTORY) on x86: asm-generic/fcntl.h, arch/x86 uses the generic ones but
        // O_NOFOLLOW 0400000.
        var noFollow = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 ? 0x20000 : 0x8000;
        const int writeOnly = 0x1, create = 0x40, append = 0x400, nonBlock = 0x800, closeOnExec = 0x80000;
        var fd = open(path, writeOnly | create | append | nonBlock | closeOnExec | noFollow, (int)createMode);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(errno switch
            {
                ELOOP => "it is a symbolic link: hooks do not write through links",
                ENXIO => "it is a FIFO (named pipe) with no reader",
                _ => Marshal.GetPInvokeErrorMessage(errno),
            });
        }
        return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write);
    }

    [LibraryImport(Libc.Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);
}
