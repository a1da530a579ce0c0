using System.Diagnostics;

namespace Skupper.Sandbox.Tests;

/// <summary>The sandbox as a process: ready line, kubectl works, clean stop on SIGTERM, exit 2 on bad flags.</summary>
public sealed class ProcessModeTests
{
    // The referenced Sandbox.dll is copied next to the tests, with its runtimeconfig.
    private static readonly string SandboxDll = Path.Combine(AppContext.BaseDirectory, "Sandbox.dll");

    private static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(SandboxDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    [Fact]
    public async Task Prints_ready_line_serves_kubectl_and_stops_on_sigterm()
    {
        var dir = Directory.CreateTempSubdirectory("sandbox-process-").FullName;
        var kubeconfig = Path.Combine(dir, "kubeconfig");
        using var process = Start("--kubeconfig", kubeconfig, "--namespaces", "alpha,beta", "--delay", "0", "--log-requests");
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var line = await process.StandardOutput.ReadLineAsync(cts.Token);
            line.ShouldNotBeNull();
            line.ShouldMatch(@"^sandbox ready: https://127\.0\.0\.1:\d+$");
            File.ReadAllText(kubeconfig).ShouldContain("current-context: alpha");

            var kubectl = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(dir, "cache"), "--context", "beta", "get", "namespaces", "-o", "name" })
                kubectl.ArgumentList.Add(a);
            using var k = Process.Start(kubectl)!;
            var output = await k.StandardOutput.ReadToEndAsync();
            await k.WaitForExitAsync();
            output.ShouldContain("namespace/alpha");
            output.ShouldContain("namespace/beta");

            Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
            await process.WaitForExitAsync(cts.Token);
            process.ExitCode.ShouldBe(0);
            (await stderr).ShouldContain("GET /api/v1/namespaces");
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--kubeconfig", "/tmp/x", "--controller", "maybe")]
    [InlineData("--kubeconfig", "/tmp/x", "--delay", "soon")]
    [InlineData("--port", "1")]
    [InlineData("--kubeconfig", "/tmp/x", "--server-name", "not a name")]
    public async Task Bad_flags_exit_2_with_one_line(params string[] args)
    {
        using var process = Start(args);
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.TrimEnd().Split('\n').Length.ShouldBe(1, stderr);
        stderr.ShouldStartWith("sandbox: ");
    }

    [Fact]
    public void Server_name_is_repeatable_and_takes_lists()
    {
        CommandLine.Parse(["--kubeconfig", "/tmp/x"]).ServerNames.ShouldBe(["127.0.0.1", "localhost"]);
        CommandLine.Parse(["--kubeconfig", "/tmp/x", "--server-name", "proxy.test", "--server-name=a.test, 127.0.0.1,*.svc.test"])
            .ServerNames.ShouldBe(["proxy.test", "a.test", "127.0.0.1", "*.svc.test"]);
        Should.Throw<CommandLine.UsageException>(() => CommandLine.Parse(["--kubeconfig", "/tmp/x", "--server-name", ","]))
            .Message.ShouldBe("--server-name needs a host name or IP address, such as proxy.test or 127.0.0.1");
        Should.Throw<CommandLine.UsageException>(() => CommandLine.Parse(["--kubeconfig", "/tmp/x", "--server-name", "bad_name!"]))
            .Message.ShouldBe("--server-name must be a host name or IP address, such as proxy.test or 127.0.0.1, not \"bad_name!\"");
    }
}
