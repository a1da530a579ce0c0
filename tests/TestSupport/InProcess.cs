using Skupper.Cli.Host;
using Skupper.Cli.Host.Cli;

namespace Skupper.Cli.TestSupport;

/// <summary>
/// The whole CLI inside the test's process, through <see cref="SkupperCli.RunAsync"/>, with the
/// environment <see cref="ProcessRunner.Isolate"/> gives a process and the host's own folder (so the
/// bundled plugins load as they do from the archive). For validation matrices: a case costs
/// milliseconds instead of a process start. The end-to-end tests keep running the real process
/// through kubectl. Relative paths resolve against the test process's folder, not the home: give
/// absolute ones.
/// </summary>
public static class InProcess
{
    public static Task<RunResult> KubectlSkupper(TestHome home, params string[] args) => RunAsync(home, Environment.IsPrivilegedProcess, args);

    /// <summary>As a user who is not root, whatever the tests run as: the defaults that depend on it (the data home) are the user's.</summary>
    public static Task<RunResult> AsUser(TestHome home, params string[] args) => RunAsync(home, isRoot: false, args);

    private static async Task<RunResult> RunAsync(TestHome home, bool isRoot, string[] args)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal) { ["PATH"] = Environment.GetEnvironmentVariable("PATH") };
        ProcessRunner.Isolate(variables, home);
        foreach (var (k, v) in home.Variables) variables[k] = v;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new HostEnvironment(ProcessRunner.HostExe, ProcessRunner.ManagedHostDir,
            variables.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal),
            output, error, errorIsTerminal: false, isRoot: isRoot);
        var exit = await SkupperCli.RunAsync(args, env);
        return new RunResult(exit, output.ToString(), error.ToString());
    }
}
