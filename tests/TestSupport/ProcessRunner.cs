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

    /// <summary>Runs the built <c>kubectl-skupper</c> directly with <paramref name="args"/>.</summary>
    public static Task<RunResult> KubectlSkupper(TestHome home, params string[] args) => Run(HostExe, args, home);

    /// <summary>Runs the real kubectl with the host's folder first on PATH, as a krew install would.</summary>
    public static Task<RunResult> Kubectl(TestHome home, params string[] args) =>
        Run("kubectl", args, home, pathPrefix: HostDir);

    public static async Task<RunResult> Run(string exe, IEnumerable<string> args, TestHome home,
        string? pathPrefix = null, TimeSpan? timeout = null, string? stdin = null,
        Action<Process>? whileRunning = null)
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
        // Nothing of the developer's own setup leaks in.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("SKUPPER_") || k.StartsWith("XDG_") || k == "KUBECONFIG").ToList())
            psi.Environment.Remove(key);
        psi.Environment["HOME"] = home.Home;
        psi.Environment["XDG_DATA_HOME"] = home.DataHome;
        psi.Environment["XDG_CACHE_HOME"] = home.CacheHome;
        psi.Environment["XDG_CONFIG_HOME"] = home.ConfigHome;
        psi.Environment["KUBECACHEDIR"] = Path.Combine(home.Root, "kube-cache");
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
        process.StandardInput.Close();
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
