using System.Runtime.InteropServices;

namespace Skupper.Cli.Host.Services;

/// <summary>
/// No core file from this process: it holds bearer tokens, token codes and private keys in memory, and an abort
/// (a crash, a stack overflow) wrote them into a core file readable by whoever reads the folder (measured:
/// a core file held the code of a token read by <c>token redeem -</c>). The soft RLIMIT_CORE is set to 0 at start,
/// as ssh-agent does with PR_SET_DUMPABLE; the hard limit is left, so a user who sets SKUPPER_DEBUG keeps them.
/// </summary>
public static partial class CoreDumps
{
    private const int RlimitCore = 4; // RLIMIT_CORE on Linux (asm-generic/resource.h)

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    public static void Disable(HostEnvironment env)
    {
        if (!env.OwnsProcess || env.Debug || !OperatingSystem.IsLinux()) return;
        if (getrlimit(RlimitCore, out var limit) != 0 || limit.Current == 0) return;
        limit.Current = 0;
        setrlimit(RlimitCore, in limit);
    }

    [LibraryImport(Libc.Name)]
    private static partial int getrlimit(int resource, out Rlimit limit);

    [LibraryImport(Libc.Name)]
    private static partial int setrlimit(int resource, in Rlimit limit);
}
