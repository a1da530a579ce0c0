using System.Diagnostics;
using System.Reflection;

namespace Skupper.Cli.TestSupport;

/// <summary>What a user sees of a command: exit code, stdout, stderr.</summary>
public sealed record RunResult(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

/// <summary>Runs the built CLI, or the real kubectl, as a process in a <see cref="TestHome"/>.</summary>
public static class ProcessRunner
{
    /// <summary>The Host build output: kubectl-skupper with its bundled plugins/.</summary>
    public static string HostDir { get; } = Path.GetFullPath(
        typeof(ProcessRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "HostDir").Value!);

    public static string HostExe => Path.Combine(HostDir, "kubectl-skupper");

    /// <summary>Whether <see cref="HostExe"/> is the native executable, with the managed host beside it in lib/ (test.sh's layout, the archive's).</summary>
    public static bool IsNative { get; } = File.Exists(Path.Combine(HostDir, "lib", "kubectl-skupper"));

    /// <summary>The managed host's folder (its assemblies, bundled plugins/ and command index key): lib/ of a native layout.</summary>
    public static string ManagedHostDir => IsNative ? Path.Combine(HostDir, "lib") + "/" : HostDir;

    /// <summary>Runs the built <c>kubectl-skupper</c> directly with <paramref name="args"/>.</summary>
    public static Task<RunResult> KubectlSkupper(TestHome home, params string[] args) => Run(HostExe, args, home);

    /// <summary>Runs the real kubectl with the host's folder first on PATH, as a krew install would.</summary>
    public static Task<RunResult> Kubectl(TestHome home, params string[] args) =>
        Run("kubectl", args, home, pathPrefix: HostDir);

    /// <summary>
    /// Variables of the machine or the developer that the product (or kubectl) reads and that would make a test depend
    /// on where it runs: proxies, in-cluster detection, kubeconfig, every SKUPPER_ and XDG_ setting.
    /// </summary>
    private static bool Inherited(string key) =>
        key.StartsWith("SKUPPER_", StringComparison.Ordinal) || key.StartsWith("XDG_", StringComparison.Ordinal) ||
        key.StartsWith("KUBE", StringComparison.Ordinal) || key is "POD_NAMESPACE" ||
        key.Equals("HTTP_PROXY", StringComparison.OrdinalIgnoreCase) || key.Equals("HTTPS_PROXY", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("NO_PROXY", StringComparison.OrdinalIgnoreCase) || key.Equals("ALL_PROXY", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Gives a process the private folders of <paramref name="home"/> and nothing of the machine's own setup:
    /// HOME, every XDG folder, the system hooks folder, the Skupper data home, kubectl's cache. Every process the
    /// tests start goes through here (issue 15: a site admin's /etc/skupper/hooks broke the token tests).
    /// <see cref="TestHome.Variables"/> are applied afterwards, so a test may override or (with null) unset one.
    /// </summary>
    public static void Isolate(IDictionary<string, string?> environment, TestHome home)
    {
        foreach (var key in environment.Keys.Where(Inherited).ToList()) environment.Remove(key);
        environment["HOME"] = home.Home;
        environment["XDG_DATA_HOME"] = home.DataHome;
        environment["XDG_CACHE_HOME"] = home.CacheHome;
        environment["XDG_CONFIG_HOME"] = home.ConfigHome;
        environment["XDG_STATE_HOME"] = home.StateHome;
        environment["XDG_RUNTIME_DIR"] = home.RuntimeDir;
        environment["SKUPPER_SYSTEM_HOOKS_DIR"] = home.SystemHooks;
        environment["SKUPPER_DATA_HOME"] = home.SkupperData;
        environment["KUBECACHEDIR"] = Path.Combine(home.Root, "kube-cache");
    }

    public static async Task<RunResult> Run(string exe, IEnumerable<string> args, TestHome home,
        string? pathPrefix = null, TimeSpan? timeout = null, string? stdin = null,
        Action<Process>? whileRunning = null, bool holdStdin = false)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = home.Root,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Isolate(psi.Environment, home);
        if (pathPrefix is not null) psi.Environment["PATH"] = pathPrefix + ":" + psi.Environment["PATH"];
        foreach (var (k, v) in home.Variables)
        {
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        // holdStdin: a writer that keeps the pipe open and writes nothing (the pipe is closed when the process is gone).
        if (!holdStdin) process.StandardInput.Close();
        whileRunning?.Invoke(process);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} {string.Join(' ', args)} did not finish: {await stderr}");
        }
        return new RunResult(process.ExitCode, await stdout, await stderr);
    }
}
