using System.Runtime.InteropServices;
using Skupper.Cli.Sdk;
using Skupper.Cli.Host.Services;

namespace Skupper.Cli.Host.Native;

/// <summary>
/// The managed host that ships beside the native executable (<c>lib/kubectl-skupper</c>): the runtime that can load
/// third-party plugin assemblies. The native executable becomes it with <c>execve</c>, so the user's shell, kubectl
/// and scripts see one process: the same PID, standard streams, signals and exit code, and no parent left waiting.
/// </summary>
public static partial class ManagedHost
{
    public static string DirectoryOf(HostEnvironment env) => Path.Combine(env.ExecutableDirectory, "lib");

    private static string PathOf(HostEnvironment env) => Path.Combine(DirectoryOf(env), "kubectl-skupper");

    public static bool IsInstalled(HostEnvironment env) => File.Exists(PathOf(env));

    /// <summary>Replaces this process with the managed host; returns only when that fails, with the exit code of the error.</summary>
    public static int Exec(HostEnvironment env, string[] args)
    {
        var path = PathOf(env);
        if (!File.Exists(path))
            return Fail(env, $"the managed host {Printable.Path(path)} is missing: third-party plugin commands run in it " +
                "(reinstall: kubectl krew uninstall skupper && kubectl krew install skupper)");
        // argv[0] as the user ran us, so help and hints keep saying "kubectl skupper" or "skupper".
        string[] argv = [env.InvocationPath, .. args];
        var envp = env.Variables.Select(kv => $"{kv.Key}={kv.Value}").ToArray();
        env.Out.Flush();
        env.Error.Flush();
        var argvPtrs = Strings(argv);
        var envpPtrs = Strings(envp);
        var pathPtr = Marshal.StringToCoTaskMemUTF8(path);
        execve(pathPtr, argvPtrs, envpPtrs);
        var errno = Marshal.GetLastPInvokeError();
        return Fail(env, $"cannot run the managed host {Printable.Path(path)}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    private static int Fail(HostEnvironment env, string message)
    {
        env.Error.WriteLine($"Error: {message}");
        return ExitCodes.Failure;
    }

    /// <summary>A NULL-terminated array of UTF-8 strings; never freed: the process either becomes another or exits.</summary>
    private static IntPtr[] Strings(string[] values) =>
        [.. values.Select(Marshal.StringToCoTaskMemUTF8), IntPtr.Zero];

    [LibraryImport(Libc.Name, SetLastError = true)]
    private static partial int execve(IntPtr path, IntPtr[] argv, IntPtr[] envp);
}
