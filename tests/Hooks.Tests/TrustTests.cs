using System.Diagnostics;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Cli.Hooks.Tests;

/// <summary>
/// Hooks that try to crash the CLI, outlive their limits, slip wrong values past a policy or
/// make the host print a secret: each through the built CLI against the sandbox.
/// </summary>
public sealed class TrustTests(FastSandbox fixture) : EndToEndBase(fixture.Server), IClassFixture<FastSandbox>
{
    private async Task<(TestHome Home, string Hook, string Ns, RunResult Result)> IssueWith(string hookText, string? settings = null,
        params string[] extra)
    {
        var (home, hooks) = NewHome();
        var hook = Install(hooks, "h.js", hookText);
        if (settings is not null) Settings(home, settings);
        var ns = await ReadySiteAsync();
        var r = await Skupper(home, ["token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns, .. extra]);
        return (home, hook, ns, r);
    }

    /// <summary>Writes $XDG_CONFIG_HOME/skupper/hooks.json (folder 0755, file 0644).</summary>
    private static string Settings(TestHome home, string json)
    {
        var folder = Path.Combine(home.ConfigHome, "skupper");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, HookWorkspace.FolderMode);
        return Install(folder, "hooks.json", json);
    }

    private const string Deep = "let a = []; for (let i = 0; i < 300000; i++) a = [a];";
    private const string DeepObject = "let o = {}; for (let i = 0; i < 300000; i++) o = { o };";

    [Theory]
    [InlineData(Deep + " console.log(JSON.stringify(a).length);")]
    [InlineData(Deep + " console.log(String(a).length);")]
    [InlineData(Deep + " console.log(a);")]
    [InlineData(DeepObject + " ctx.deep = o;")]
    public async Task A_deeply_nested_value_is_a_hook_failure_not_a_crash(string body)
    {
        var (home, _, _, r) = await IssueWith(
            $"export const failurePolicy = \"Ignore\";\nexport function afterTokenIssue(ctx) {{ {body} }}\n", """{"timeout": "30s"}""");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldStartWith($"Waiting for status...\nWarning: hook {Path.Combine(home.Root, "hooks", "h.js")}", customMessage: r.ToString());
        r.Err.ShouldEndWith(" (ignored: the hook's failurePolicy is Ignore)\n", customMessage: r.ToString());
        r.Err.Split('\n').Length.ShouldBe(3, r.ToString());
    }

    [Fact]
    public async Task Max_recursion_depth_is_capped_where_the_hook_thread_stack_holds_it()
    {
        var (_, _, _, refused) = await IssueWith("export function beforeTokenIssue(ctx) {}", """{"maxRecursionDepth": 15000}""");
        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Err.ShouldEndWith("\"maxRecursionDepth\" must be a whole number from 1 to 10000, not 15000\n", customMessage: refused.ToString());

        // At the cap, recursion through a built-in's callback (the costliest route measured) ends in the limit.
        var (_, hook, ns, r) = await IssueWith("export function beforeTokenIssue(ctx) { const f = () => [1].map(f); f(); }",
            """{"maxRecursionDepth": 10000, "timeout": "60s"}""");
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: hook {hook}: stopped at the recursion depth limit of 10000 (\"maxRecursionDepth\" in hooks.json)\n");
        Grants(ns).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("'x'.repeat(2 ** 28);")]
    [InlineData("const s = 'x'.repeat(2 ** 20); Array.from({ length: 4 }, () => Array(256).fill(s).join(''));")]
    [InlineData("new ArrayBuffer(2 ** 30);")]
    public async Task One_statement_cannot_allocate_past_the_memory_limit(string body)
    {
        var (_, hook, ns, r) = await IssueWith($"export function beforeTokenIssue(ctx) {{ {body} }}");
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: hook {hook}: stopped at the memory limit of 64 MB (\"memoryLimitMB\" in hooks.json)\n");
        Grants(ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task Fs_refuses_a_fifo_and_a_device_instead_of_blocking_or_reading_forever()
    {
        var (home, hooks) = NewHome();
        var fifo = Path.Combine(home.Root, "pipe");
        Mkfifo(fifo);
        var hook = Install(hooks, "h.js", $$"""
            export function beforeTokenIssue(ctx) {
              const why = [];
              for (const p of ["{{fifo}}", "/dev/zero"]) {
                try { fs.readText(p); why.push("read " + p); } catch (e) { why.push(e.message); }
                try { fs.copy(p, "{{home.Root}}/copy"); why.push("copied " + p); } catch (e) { why.push(e.message); }
              }
              refuse(why.join("; "));
            }
            """);
        var ns = await ReadySiteAsync();
        var clock = Stopwatch.StartNew();
        var r = await ProcessRunner.Run(ProcessRunner.HostExe, ["token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns], home,
            timeout: TimeSpan.FromSeconds(30));
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: hook {hook} refused: fs.readText {fifo}: is a FIFO (named pipe), not a regular file; " +
                       $"fs.copy {fifo} {home.Root}/copy: is a FIFO (named pipe), not a regular file; " +
                       "fs.readText /dev/zero: is a character device, not a regular file; " +
                       $"fs.copy /dev/zero {home.Root}/copy: is a character device, not a regular file\n");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Atomics_and_shared_memory_are_not_there()
    {
        var (_, hook, _, r) = await IssueWith("export function beforeTokenIssue(ctx) { refuse(`${typeof Atomics} ${typeof SharedArrayBuffer}`); }");
        r.Err.ShouldBe($"Error: hook {hook} refused: undefined undefined\n");
    }

    [Fact]
    public async Task A_promise_that_never_settles_ends_with_the_documented_time_limit_message()
    {
        var (_, hook, ns, r) = await IssueWith("export function beforeTokenIssue(ctx) { return new Promise(() => {}); }", """{"timeout": "1s"}""");
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: hook {hook}: stopped after the time limit of 1s (\"timeout\" in hooks.json)\n");
        Grants(ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_watchdog_ends_a_hook_stuck_inside_one_call_at_the_time_limit_plus_grace()
    {
        // A catastrophic regular expression started just before the limit runs on inside one call,
        // where Jint's own time check cannot see it, for its own timeout (as long again).
        var (_, hook, ns, r) = await IssueWith("""
            export function beforeTokenIssue(ctx) {
              console.log(`start ${Date.now()}`);
              const t0 = Date.now();
              while (Date.now() - t0 < 2800) {}
              /(a+)+$/.test("a".repeat(48) + "!");
            }
            """, """{"timeout": "3s", "maxStatements": 0, "memoryLimitMB": 4096}""");
        var ended = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        r.ExitCode.ShouldBe(1, r.ToString());
        var started = long.Parse(r.Err.Split('\n')[0].Split(' ')[^1]);
        r.Err.ShouldEndWith($"Error: hook {hook}: stopped after the time limit of 3s (\"timeout\" in hooks.json)\n");
        // With the watchdog it ends near 3.5 s; without it, after 2.8 s + 3 s (6.2 s measured).
        (ended - started).ShouldBeLessThan(5300, r.ToString());
        Grants(ns).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("group")]
    [InlineData("nobody")]
    public async Task Hooks_json_is_trusted_only_as_a_hook_file_is(string how)
    {
        var (home, hooks) = NewHome();
        Install(hooks, "h.js", "export function beforeTokenIssue(ctx) {}");
        var settings = Settings(home, """{"timeout": "1h", "memoryLimitMB": 16384}""");
        string reason;
        if (how == "group")
        {
            File.SetUnixFileMode(settings, File.GetUnixFileMode(settings) | UnixFileMode.GroupWrite);
            reason = $"file {settings} is writable by group (mode 0664); run \"chmod go-w {settings}\"";
        }
        else
        {
            var nobody = Uid("nobody");
            Chown(settings, nobody);
            reason = $"file {settings} is owned by uid {nobody}, neither you (uid 0) nor root";
        }
        var ns = await ReadySiteAsync();
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: hook settings {settings} refused: {reason}\n" +
                       "Fix it, or run the command with --no-hooks. \"kubectl skupper hook list\" shows every hook.\n");
        Grants(ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task Http_errors_never_show_credentials_or_a_url_that_is_not_http()
    {
        var (_, hook, _, r) = await IssueWith("""
            export function beforeTokenIssue(ctx) {
              const why = [];
              for (const u of ["http://ann:pa55word@127.0.0.1:1/key/s3cret", "ftp://ann:pa55word@example.com/key/s3cret", "not a url pa55word"]) {
                try { http.getJson(u); } catch (e) { why.push(e.message); }
              }
              refuse(why.join("; "));
            }
            """);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldNotContain("pa55word");
        r.Err.ShouldNotContain("s3cret");
        r.Err.ShouldStartWith($"Error: hook {hook} refused: http GET http://127.0.0.1:1: ");
        r.Err.ShouldContain("; http GET: only http and https URLs are allowed, not ftp:; http GET: the URL is not an absolute http or https URL\n");
    }

    [Fact]
    public async Task A_hook_path_with_control_characters_is_printed_escaped()
    {
        var (home, hooks) = NewHome();
        Install(hooks, "a\u001b[2J\nb.js", "export function beforeTokenIssue(ctx) { refuse('no'); }");
        var ns = await ReadySiteAsync();
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: hook {hooks}/a\\x1b[2J\\nb.js refused: no\n");
    }

    internal static void Mkfifo(string path)
    {
        using var p = Process.Start("mkfifo", [path]);
        p.WaitForExit();
        p.ExitCode.ShouldBe(0);
    }

    private static int Uid(string user)
    {
        using var p = Process.Start(new ProcessStartInfo("id", ["-u", user]) { RedirectStandardOutput = true })!;
        var uid = int.Parse(p.StandardOutput.ReadToEnd().Trim());
        p.WaitForExit();
        return uid;
    }

    private static void Chown(string path, int uid) => RunnerTests.Chown(path, uid);
}
