using System.Runtime.InteropServices;
using System.Diagnostics;
using System.Text;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

/// <summary>
/// <c>token issue - | token redeem -</c>: the token travels through a pipe, never through the disk,
/// and a failure on either side is one line and a non-zero pipeline status under pipefail.
/// </summary>
public sealed class PipeTests(FastSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<FastSandbox>
{
    /// <summary>A home whose TMPDIR is its own, so that a temporary file would be seen.</summary>
    private (TestHome Home, string Tmp) NewPipeHome()
    {
        var home = NewHome();
        var tmp = Path.Combine(home.Root, "tmp");
        Directory.CreateDirectory(tmp);
        home.Variables["TMPDIR"] = tmp;
        return (home, tmp);
    }

    /// <summary>Runs a shell line under <c>bash -o pipefail</c> with kubectl-skupper on PATH, as a krew install has it.</summary>
    private static Task<RunResult> Pipeline(TestHome home, string line) =>
        ProcessRunner.Run("bash", ["-o", "pipefail", "-c", line], home, pathPrefix: ProcessRunner.HostDir);

    private static string Issue(string ns) => $"kubectl skupper token issue - --context west -n {ns}";
    private static string Redeem(string ns) => $"kubectl skupper token redeem - --context east -n {ns}";

    [Fact]
    public async Task One_line_links_west_to_east_and_writes_no_token_anywhere()
    {
        var (home, tmp) = NewPipeHome();
        var west = NewNamespace("west");
        await ReadySiteAsync(west);
        var east = NewNamespace("east");
        await ReadySiteAsync(east, "east", linkAccess: null);

        var r = await Pipeline(home, $"{Issue(west)} | {Redeem(east)}");

        r.ExitCode.ShouldBe(0, r.ToString());
        var grant = List("accessgrants", west).Single();
        var name = Str(grant["metadata"]!["name"])!;
        r.Out.ShouldBe($"Link \"{name}\" is active.\n");
        r.Err.ShouldContain($"Access grant \"{name}\" is ready.\nToken written to standard output.\n");
        Str(Server.GetSkupper("links", east, name)!["status"]!["status"]).ShouldBe("Ready");
        Str(Server.GetSkupper("accesstokens", east, name)!["spec"]!["code"]).ShouldBe(Str(grant["status"]!["code"]));

        // The secret is nowhere on disk: no temporary file, no file in HOME or the XDG folders holding the code.
        Directory.EnumerateFileSystemEntries(tmp, "*", SearchOption.AllDirectories).ShouldBeEmpty();
        var code = Encoding.UTF8.GetBytes(Str(grant["status"]!["code"])!);
        Directory.EnumerateFiles(home.Root, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(code) >= 0).ShouldBeEmpty();
    }

    [Fact]
    public async Task Issue_to_standard_output_writes_the_token_yaml_alone_and_the_messages_on_stderr()
    {
        var (home, _) = NewPipeHome();
        var ns = NewNamespace("west");
        await ReadySiteAsync(ns);

        var r = await Skupper(home, "token", "issue", "-", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        var grant = List("accessgrants", ns).Single();
        var name = Str(grant["metadata"]!["name"])!;
        r.Out.ShouldStartWith($"apiVersion: skupper.io/v2alpha1\nkind: AccessToken\nmetadata:\n  name: {name}\nspec:\n");
        r.Out.ShouldContain($"\n  code: {Str(grant["status"]!["code"])}\n");
        r.Out.ShouldNotContain("Access grant");
        r.Out.ShouldNotContain("Waiting");
        r.Err.ShouldStartWith($"Waiting for status...\nAccess grant \"{name}\" is ready.\nToken written to standard output.\n\n");
        r.Err.ShouldEndWith("The token expires after 1 use or after 15 minutes.\n");
    }

    [Fact]
    public async Task An_issue_failure_leaves_nothing_on_either_side_and_fails_the_pipeline_at_once()
    {
        var (home, _) = NewPipeHome();
        var west = NewNamespace("west");
        await ReadySiteAsync(west, linkAccess: null);
        var east = NewNamespace("east");
        await ReadySiteAsync(east, "east", linkAccess: null);

        var clock = Stopwatch.StartNew();
        var r = await Pipeline(home, $"{Issue(west)} | {Redeem(east)}");

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        r.ExitCode.ShouldNotBe(0, r.ToString());
        List("accessgrants", west).ShouldBeEmpty();
        List("accesstokens", east).ShouldBeEmpty();
        List("links", east).ShouldBeEmpty();
        r.Out.ShouldBeEmpty();
        r.Err.ShouldContain("Error: Link access is not enabled\n");
        r.Err.ShouldContain("Error: no token on standard input (did the issuing command fail?)\n");

        // pipefail reports the issuing side's failure even when the reader succeeds.
        var alone = await Pipeline(home, $"{Issue(west)} | cat");
        alone.ExitCode.ShouldBe(1, alone.ToString());
    }

    [Fact]
    public async Task Redeem_from_an_empty_standard_input_fails_at_once_in_one_line()
    {
        var (home, _) = NewPipeHome();
        var ns = NewNamespace("east");
        await ReadySiteAsync(ns, "east", linkAccess: null);

        var before = Server.Requests.Entries.Count(e => e.Path.Contains($"/namespaces/{ns}/", StringComparison.Ordinal));
        var clock = Stopwatch.StartNew();
        var r = await ProcessRunner.Run(ProcessRunner.HostExe, ["token", "redeem", "-", "-n", ns], home, stdin: "");

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe("Error: no token on standard input (did the issuing command fail?)\n");
        List("accesstokens", ns).ShouldBeEmpty();
        // Issue 35's mutation re-check: nothing was asked of the cluster about this namespace either.
        Server.Requests.Entries.Count(e => e.Path.Contains($"/namespaces/{ns}/", StringComparison.Ordinal)).ShouldBe(before);
    }

    [Fact]
    public async Task Interrupting_redeem_while_it_waits_on_standard_input_stops_it()
    {
        // A writer that keeps the pipe open and writes nothing (a FIFO's writer can): Ctrl-C must still stop the command.
        var (home, _) = NewPipeHome();

        // Core files allowed to start with, as a developer's shell may: the command itself must turn them off.
        string? limits = null, maps = null;
        var r = await ProcessRunner.Run("bash", ["-c", "ulimit -S -c unlimited && exec \"$0\" \"$@\"", ProcessRunner.HostExe,
                "token", "redeem", "-", "--platform", "podman"], home, holdStdin: true,
            whileRunning: p =>
            {
                WaitUntilReadingStandardInput(p);
                limits = File.ReadAllText($"/proc/{p.Id}/limits");
                maps = File.ReadAllText($"/proc/{p.Id}/maps");
                Signal(p, "INT");
            });

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe("Error: interrupted\n");
        // Issue 35, item 5: an abort while the token is in memory leaves no core file holding its code.
        limits.ShouldNotBeNull().Split('\n').Single(l => l.StartsWith("Max core file size", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[4].ShouldBe("0");
        // Issue 29: a bundled command never starts a runtime.
        if (ProcessRunner.IsNative) maps.ShouldNotBeNull().ShouldNotContain("libcoreclr.so");
    }

    /// <summary>
    /// Until one of the process's threads is blocked reading the token: /proc/PID/task/*/syscall shows read (0 on
    /// x86-64, 63 on arm64) of 0x4000 bytes, the token reader's chunk (on the runtime's own copy of descriptor 0, so
    /// the descriptor is not matched). The moment the command waits on standard input, observed.
    /// </summary>
    private static void WaitUntilReadingStandardInput(Process p)
    {
        var read = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "63" : "0";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{p.Id}/task"))
            {
                try
                {
                    var call = File.ReadAllText(Path.Combine(task, "syscall")).Split(' ');
                    if (call.Length > 3 && call[0] == read && call[3] == "0x4000") return;
                }
                catch (IOException) { } // the thread ended meanwhile
            }
            Thread.Sleep(20);
        }
        throw new TimeoutException("the command never waited on standard input");
    }

    public static TheoryData<string, string> BadInput => new()
    {
        { "big", "the token on standard input is larger than 1 MiB: it is not a token" },
        { "a: &a [x, x]\nb: [*a, *a]\n", "the token on standard input uses a YAML anchor (&a) at line 1: aliases and anchors are not allowed in token files" },
        { "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n", "the token on standard input is not a token file: it holds kind \"Secret\" of \"v1\", expected kind \"AccessToken\" of \"skupper.io/v2alpha1\"" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Standard_input_gets_the_size_cap_and_checks_of_a_token_file(string content, string message)
    {
        var (home, _) = NewPipeHome();
        var ns = NewNamespace("east");
        // Exactly one byte over the cap, so the reader reads it all and the writer is never cut off.
        var input = content == "big" ? "a: " + new string('x', 1024 * 1024 - 3) + "\n" : content;
        Server.Requests.Clear();

        var r = await ProcessRunner.Run(ProcessRunner.HostExe, ["token", "redeem", "-", "-n", ns], home, stdin: input);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: {message}\n");
        Server.Requests.Entries.Where(e => e.Path.Contains(ns)).ShouldBeEmpty();
    }

    /// <summary>Runs the command with stdout on a pseudo-terminal (util-linux script); what the terminal showed.</summary>
    private static Task<RunResult> OnTerminal(TestHome home, string command) =>
        ProcessRunner.Run("script", ["-qec", command, "/dev/null"], home);

    [Fact]
    public async Task A_terminal_on_standard_output_is_refused_unless_forced()
    {
        var (home, _) = NewPipeHome();
        var ns = NewNamespace("west");
        await ReadySiteAsync(ns);

        var refused = await OnTerminal(home, $"{ProcessRunner.HostExe} token issue - -n {ns}");

        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.Out.ShouldContain("Error: refusing to write the token to standard output: it is a terminal and the token holds a secret; " +
                                  "pipe it (\"| kubectl skupper token redeem -\"), redirect it to a file only you can read " +
                                  "((umask 077; kubectl skupper token issue - > token.yaml)), or add --force\r\n");
        refused.Out.ShouldNotContain("kind: AccessToken");
        List("accessgrants", ns).ShouldBeEmpty();

        var forced = await OnTerminal(home, $"{ProcessRunner.HostExe} token issue - --force -n {ns}");

        forced.ExitCode.ShouldBe(0, forced.ToString());
        forced.Out.ShouldContain("kind: AccessToken");
        List("accessgrants", ns).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Force_without_standard_output_is_a_usage_error()
    {
        var (home, _) = NewPipeHome();
        var ns = NewNamespace("west");
        await ReadySiteAsync(ns);
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "--force", "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe("Error: --force applies only to \"-\" (the token written to standard output)\n");
        List("accessgrants", ns).ShouldBeEmpty();
    }
}
