namespace Skupper.Cli.Host.Services;

/// <summary>
/// The C library the Linux-only calls (setenv, setrlimit, open with O_NOFOLLOW, execve) bind to, by its soname:
/// a plain "libc" made .NET probe about 60 paths per process, the first of them Debian's libc.so, which is a linker
/// script and no library (measured with strace on the native build).
/// </summary>
internal static class Libc
{
    public const string Name = "libc.so.6";
}
