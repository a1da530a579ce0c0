using System.Diagnostics;
using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.Host.Hooks;
using Skupper.Cli.Sdk;
using Xunit;

namespace Skupper.Cli.Hooks.Tests;

/// <summary>
/// The runner in-process: what a hook sees, what it may change, how it fails; with engines built when
/// the first hook is due (here) and warmed at start (<see cref="WarmRunnerTests"/>).
/// </summary>
public class RunnerTests : IDisposable
{
    private readonly HookWorkspace _w;

    public RunnerTests() : this(warm: false)
    {
    }

    protected RunnerTests(bool warm) => _w = new HookWorkspace { WarmUp = warm };

    protected HookWorkspace Workspace => _w;

    public void Dispose()
    {
        _w.Dispose();
        GC.SuppressFinalize(this);
    }

    private static JsonObject IssueContext() => new()
    {
        ["namespace"] = "west", ["site"] = "west", ["file"] = "/tmp/t.yaml", ["grantName"] = null,
        ["expirationWindow"] = "15m0s", ["redemptionsAllowed"] = 1, ["cost"] = 1,
        ["labels"] = new JsonObject(), ["annotations"] = new JsonObject(),
    };

    private Task<JsonObject> Run(string eventName, JsonObject? context = null, CancellationToken cancel = default) =>
        _w.Runner().RunAsync(eventName, context ?? IssueContext(), cancel);

    [Theory]
    [InlineData("token.issue.before", "beforeTokenIssue")]
    [InlineData("token.redeem.after", "afterTokenRedeem")]
    [InlineData("link.delete.before", "beforeLinkDelete")]
    [InlineData("site-link.create.after", "afterSiteLinkCreate")]
    [InlineData("ping", "ping")]
    public void Event_names_map_to_camelCase_exports_last_segment_first(string eventName, string export)
    {
        HookEvents.ExportName(eventName).ShouldBe(export);
        if (export.StartsWith("before") || export.StartsWith("after"))
            HookEvents.EventName(export).ShouldBe(eventName.Replace("-", "."));
    }

    [Fact]
    public void Export_scan_finds_functions_consts_and_lists_without_an_engine()
    {
        var names = HookDiscovery.ScanExports("""
            export function beforeTokenIssue(ctx) {}
            export async function afterTokenIssue(ctx) {}
            export const failurePolicy = "Ignore";
            function helper() {}
            const x = 1, y = 2;
            export { x as beforeLinkDelete, y };
            """);
        names.Order().ShouldBe(["afterTokenIssue", "beforeLinkDelete", "beforeTokenIssue", "failurePolicy", "y"]);
        HookDiscovery.DeclaresIgnore("export const failurePolicy = 'Ignore';").ShouldBeTrue();
        HookDiscovery.DeclaresIgnore("export const failurePolicy = \"Fail\";").ShouldBeFalse();
    }

    [Fact]
    public async Task A_hook_sees_the_inputs_user_env_and_event_and_may_mutate_the_context()
    {
        _w.Variables["SKUPPER_TEAM"] = "blue";
        _w.Hook(_w.PathFolder(), "a.js", """
            export function beforeTokenIssue(ctx) {
              ctx.grantName = `${ctx.site}-${env.SKUPPER_TEAM}-${ctx.event}-${ctx.user.name}`.replace(/\./g, "-");
              ctx.labels.team = ctx.env.SKUPPER_TEAM;
              ctx.redemptionsAllowed = ctx.redemptionsAllowed + 2;
              ctx.expirationWindow = "1h";
            }
            """);
        var result = await Run("token.issue.before");
        result["grantName"]!.GetValue<string>().ShouldBe("west-blue-token-issue-before-tester");
        result["labels"]!["team"]!.GetValue<string>().ShouldBe("blue");
        result["redemptionsAllowed"]!.GetValue<int>().ShouldBe(3);
        result["expirationWindow"]!.GetValue<string>().ShouldBe("1h");
        // What the runner adds is for hooks only; the plugin gets its own keys back.
        result.ContainsKey("env").ShouldBeFalse();
        result.ContainsKey("user").ShouldBeFalse();
        result.ContainsKey("event").ShouldBeFalse();
    }

    [Fact]
    public async Task Hooks_run_in_order_each_seeing_what_the_previous_one_set_and_a_returned_object_is_merged()
    {
        var f = _w.PathFolder();
        _w.Hook(f, "10-first.js", "export function beforeTokenIssue(ctx) { ctx.labels.first = '1'; return { grantName: 'from-first' }; }");
        _w.Hook(f, "20-second.mjs", "export async function beforeTokenIssue(ctx) { return { ...ctx, grantName: ctx.grantName + '-second', annotations: { saw: ctx.labels.first } }; }");
        _w.Hook(f, "30-other-event.js", "export function afterTokenIssue(ctx) { throw new Error('not me'); }");
        var result = await Run("token.issue.before");
        result["grantName"]!.GetValue<string>().ShouldBe("from-first-second");
        result["annotations"]!["saw"]!.GetValue<string>().ShouldBe("1");
        result["labels"]!["first"]!.GetValue<string>().ShouldBe("1");
        // Which hook last set each key, for the plugin's messages.
        result["setBy"]!["grantName"]!.GetValue<string>().ShouldEndWith("20-second.mjs");
        result["setBy"]!["labels"]!.GetValue<string>().ShouldEndWith("10-first.js");
    }

    [Fact]
    public async Task Discovery_reads_system_then_user_then_each_path_folder_in_file_name_order_one_sub_folder_deep()
    {
        var system = _w.Folder("system");
        _w.Variables[HookDiscovery.SystemFolderVariable] = system;
        var user = Path.Combine(_w.Config, "skupper", "hooks");
        var p1 = _w.PathFolder("p1");
        var p2 = _w.PathFolder("p2");
        const string body = "export function beforeTokenIssue(ctx) { ctx.labels.order = (ctx.labels.order ?? '') + '%'; }";
        _w.Hook(p2, "a.js", body.Replace("%", "p2/a "));
        _w.Hook(p1, "b.js", body.Replace("%", "p1/b "));
        _w.Hook(p1, "a.mjs", body.Replace("%", "p1/a "));
        _w.Hook(p1, "sub/c.js", body.Replace("%", "p1/sub/c "));
        _w.Hook(p1, "sub/deeper/d.js", body.Replace("%", "too-deep "));
        _w.Hook(p1, "notes.txt", body.Replace("%", "txt "));
        _w.Hook(p1, "x.json", body.Replace("%", "json "));
        _w.Hook(user, "z.js", body.Replace("%", "user/z "));
        File.SetUnixFileMode(Path.Combine(_w.Config, "skupper"), HookWorkspace.FolderMode);
        _w.Hook(system, "zz.js", body.Replace("%", "system/zz "));

        var result = await Run("token.issue.before");
        result["labels"]!["order"]!.GetValue<string>().ShouldBe("system/zz user/z p1/a p1/b p1/sub/c p2/a ");
        _w.Runner().Hooks.Select(h => h.Name).ShouldBe(["zz.js", "z.js", "a.mjs", "b.js", "sub/c.js", "a.js"]);
    }

    [Theory]
    [InlineData("file", UnixFileMode.GroupWrite, "writable by group")]
    [InlineData("file", UnixFileMode.OtherWrite, "writable by others")]
    [InlineData("folder", UnixFileMode.OtherWrite, "writable by others")]
    [InlineData("folder", UnixFileMode.GroupWrite, "writable by group")]
    [InlineData("sub-folder", UnixFileMode.GroupWrite, "writable by group")]
    public void A_hook_writable_by_group_or_others_is_refused_and_the_command_does_not_run(string what, UnixFileMode extra, string reason)
    {
        var folder = _w.PathFolder();
        var hook = _w.Hook(folder, "sub/a.js", "export function beforeTokenIssue(ctx) {}");
        var target = what switch { "file" => hook, "folder" => folder, _ => Path.GetDirectoryName(hook)! };
        File.SetUnixFileMode(target, File.GetUnixFileMode(target) | extra);
        var e = Should.Throw<SkupperException>(() => HookRunner.Create(_w.Env(), noHooks: false));
        e.Message.ShouldBe($"hook {hook} refused: {(what == "file" ? "file" : "folder")} {target} is {reason} " +
                           $"(mode {Convert.ToString((int)File.GetUnixFileMode(target), 8).PadLeft(4, '0')}); run \"chmod go-w {target}\"");
        e.ExitCode.ShouldBe(1);
        e.Hint.ShouldNotBeNull().ShouldContain("--no-hooks");
    }

    [Fact]
    public async Task Folders_above_the_hooks_folder_are_not_checked()
    {
        // The documented choice (docs/hooks.md, "Permissions"): a hooks folder may sit under a world-writable
        // parent such as /tmp, as long as it and what is in it are the user's and not writable by others.
        var folder = _w.PathFolder();
        var parent = Path.GetDirectoryName(folder)!;
        var mode = File.GetUnixFileMode(parent);
        File.SetUnixFileMode(parent, mode | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        try
        {
            _w.Hook(folder, "a.js", "export function beforeTokenIssue(ctx) { ctx.labels.ok = 'yes'; }");
            (await Run("token.issue.before"))["labels"]!["ok"]!.GetValue<string>().ShouldBe("yes");
        }
        finally { File.SetUnixFileMode(parent, mode); }
    }

    [Fact]
    public void A_hook_owned_by_another_user_is_refused()
    {
        var hook = _w.Hook(_w.PathFolder(), "a.js", "export function beforeTokenIssue(ctx) {}");
        Chown(hook, 4321);
        var e = Should.Throw<SkupperException>(() => HookRunner.Create(_w.Env(), noHooks: false));
        e.Message.ShouldBe($"hook {hook} refused: file {hook} is owned by uid 4321, neither you (uid 0) nor root");
    }

    internal static void Chown(string path, int uid)
    {
        using var p = Process.Start("chown", [uid.ToString(), path]);
        p.WaitForExit();
        p.ExitCode.ShouldBe(0);
    }

    [Fact]
    public void No_hooks_gives_the_pass_through_runner_and_says_so()
    {
        _w.Hook(_w.PathFolder(), "a.js", "export function beforeTokenIssue(ctx) {}");
        var runner = Skupper.Cli.Host.Hooks.HookRunner.Create(_w.Env(), noHooks: true);
        runner.Handles("token.issue.before").ShouldBeFalse();
        _w.Err.ToString().ShouldBe("Hooks are disabled by --no-hooks: none will run.\n");
    }

    [Fact]
    public async Task Refuse_stops_with_the_hook_named_and_the_message()
    {
        var hook = _w.Hook(_w.PathFolder(), "policy.js", "export function beforeTokenIssue(ctx) { refuse(`no tokens for ${ctx.namespace}`); }");
        var e = await Should.ThrowAsync<SkupperException>(() => Run("token.issue.before"));
        e.Message.ShouldBe($"hook {hook} refused: no tokens for west");
        e.ExitCode.ShouldBe(1);
    }

    [Fact]
    // Like Node, the position is where the Error was made: `new Error(...)`.
    public async Task A_thrown_error_is_reported_with_file_line_and_column()
    {
        var hook = _w.Hook(_w.PathFolder(), "thrower.js", "// first line\nexport function beforeTokenIssue(ctx) {\n  const x = 1;\n    throw new Error('boom ' + x);\n}\n");
        var e = await Should.ThrowAsync<SkupperException>(() => Run("token.issue.before"));
        e.Message.ShouldBe($"hook {hook}:4:11: boom 1");
    }

    [Fact]
    public async Task A_type_error_in_a_helper_is_reported_where_it_happened()
    {
        var hook = _w.Hook(_w.PathFolder(), "typo.js", "function helper(o) {\n  return o.missing.field;\n}\nexport function beforeTokenIssue(ctx) { helper(ctx); }\n");
        var e = await Should.ThrowAsync<SkupperException>(() => Run("token.issue.before"));
        e.Message.ShouldStartWith($"hook {hook}:2:");
        e.Message.ShouldContain("field");
    }

    [Fact]
    public async Task A_syntax_error_is_reported_with_file_line_and_column()
    {
        var hook = _w.Hook(_w.PathFolder(), "broken.js", "export function beforeTokenIssue(ctx) {\n  ctx.grantName = ;\n}\n");
        var e = await Should.ThrowAsync<SkupperException>(() => Run("token.issue.before"));
        e.Message.ShouldStartWith($"hook {hook}:2:19: ");
    }

    [Fact]
    public async Task Host_api_errors_point_at_the_hook_line()
    {
        var hook = _w.Hook(_w.PathFolder(), "io.js", "export function beforeTokenIssue(ctx) {\n  fs.readText('/nonexistent/x');\n}\n");
        var e = await Should.ThrowAsync<SkupperException>(() => Run("token.issue.before"));
        e.Message.ShouldStartWith($"hook {hook}:2:");
        e.Message.ShouldContain("fs.readText /nonexistent/x");
    }

    [Fact]
    public async Task An_after_hook_failure_throws_unless_the_module_ignores_failures_then_it_warns_and_goes_on()
    {
        var f = _w.PathFolder();
        var failing = _w.Hook(f, "a.js", "export function afterTokenIssue(ctx) { throw new Error('webhook down'); }");
        var e = await Should.ThrowAsync<SkupperException>(() => Run("token.issue.after"));
        e.Message.ShouldBe($"hook {failing}:1:46: webhook down");

        _w.Hook(f, "a.js", "export const failurePolicy = 'Ignore';\nexport function afterTokenIssue(ctx) { throw new Error('webhook down'); }");
        _w.Hook(f, "b.js", "export function afterTokenIssue(ctx) { console.log('b ran'); }");
        await Run("token.issue.after");
        _w.Err.ToString().ShouldBe(
            $"Warning: hook {failing}:2:46: webhook down (ignored: the hook's failurePolicy is Ignore)\nhook b.js: b ran\n");
    }

    [Fact]
    public async Task Ignore_does_not_apply_to_before_hooks()
    {
        var hook = _w.Hook(_w.PathFolder(), "a.js", "export const failurePolicy = 'Ignore';\nexport function beforeTokenIssue(ctx) { throw new Error('no'); }");
        var e = await Should.ThrowAsync<SkupperException>(() => Run("token.issue.before"));
        e.Message.ShouldBe($"hook {hook}:2:47: no");
        e.ExitCode.ShouldBe(1);
        _w.Err.ToString().ShouldNotContain("Warning");
    }

    [Fact]
    public async Task The_code_is_redacted_from_console_lines_errors_and_debug_output()
    {
        const string code = "Zq8secretCODEvalue123456";
        _w.Variables["SKUPPER_DEBUG"] = "1";
        _w.Hook(_w.PathFolder(), "leaky.js", """
            export function afterTokenIssue(ctx) {
              console.log("code is", ctx.code, ctx);
              console.error({ nested: ctx.code });
              throw new Error("failed with " + ctx.code);
            }
            """);
        var ctx = new JsonObject { ["grantName"] = "g", ["code"] = code, ["url"] = "https://x" };
        var e = await Should.ThrowAsync<SkupperException>(() => Run("token.issue.after", ctx));
        e.Message.ShouldNotContain(code);
        e.Message.ShouldContain("failed with [redacted]");
        var err = _w.Err.ToString();
        err.ShouldNotContain(code);
        err.ShouldContain("hook leaky.js: code is [redacted]");
        err.ShouldContain("debug: hooks: token.issue.after context: ");
    }

    [Fact]
    public async Task A_code_learnt_only_from_a_token_file_the_hook_reads_is_redacted_too()
    {
        // The code is in no context: the hook finds it by reading a token file (issue 15).
        const string code = "Fw3onlyINtheFILE987654";
        var token = Path.Combine(_w.Root, "other-token.yaml");
        await File.WriteAllTextAsync(token, $"apiVersion: skupper.io/v2alpha1\nkind: AccessToken\nmetadata:\n  name: t\nspec:\n  code: {code}\n  url: https://x\n");
        _w.Variables["TOKEN_FILE"] = token;
        var hook = _w.Hook(_w.PathFolder(), "reader.js", """
            export function afterTokenIssue(ctx) {
              const text = fs.readText(env.TOKEN_FILE);
              console.log(text);
              throw new Error("saw " + text.split("code: ")[1].split("\n")[0]);
            }
            """);
        var e = await Should.ThrowAsync<SkupperException>(() => Run("token.issue.after", new JsonObject { ["grantName"] = "g" }));
        e.Message.ShouldBe($"hook {hook}:4:9: saw [redacted]");
        var err = _w.Err.ToString();
        err.ShouldNotContain(code);
        err.ShouldContain("  code: [redacted]\n");
    }

    [Fact]
    public async Task Env_is_frozen_and_there_is_no_clr_access()
    {
        _w.Variables["SKUPPER_TEAM"] = "blue";
        _w.Hook(_w.PathFolder(), "probe.js", """
            export function beforeTokenIssue(ctx) {
              let writable = true;
              try { env.SKUPPER_TEAM = "red"; } catch (e) { writable = false; }
              ctx.labels.envWritable = String(writable);
              ctx.labels.team = env.SKUPPER_TEAM;
              ctx.labels.clr = [typeof System, typeof importNamespace, typeof require, typeof process, typeof __host].join(",");
              ctx.labels.now = typeof now();
            }
            """);
        var labels = (await Run("token.issue.before"))["labels"]!;
        labels["envWritable"]!.GetValue<string>().ShouldBe("false");
        labels["team"]!.GetValue<string>().ShouldBe("blue");
        labels["clr"]!.GetValue<string>().ShouldBe("undefined,undefined,undefined,undefined,undefined");
        labels["now"]!.GetValue<string>().ShouldBe("string");
    }

    [Fact]
    public async Task File_helpers_write_0600_atomically_copy_keeping_0600_append_and_make_0700_folders()
    {
        var drop = Path.Combine(_w.Root, "drop", "inner");
        var source = Path.Combine(_w.Root, "token.yaml");
        await File.WriteAllTextAsync(source, "secret: yes\n");
        _w.Variables["DROP"] = drop;
        _w.Variables["SRC"] = source;
        _w.Hook(_w.PathFolder(), "files.js", """
            export function afterTokenIssue(ctx) {
              fs.mkdir(env.DROP);
              const copy = fs.copy(env.SRC, env.DROP);
              fs.writeText(fs.join(env.DROP, "note.txt"), "hello");
              fs.appendText(fs.join(env.DROP, "index.tsv"), "a\n");
              fs.appendText(fs.join(env.DROP, "index.tsv"), "b\n");
              return { copy, read: fs.readText(copy), exists: fs.exists(copy) && !fs.exists(fs.join(env.DROP, "nope")) };
            }
            """);
        var result = await Run("token.issue.after", new JsonObject());
        result["copy"]!.GetValue<string>().ShouldBe(Path.Combine(drop, "token.yaml"));
        result["read"]!.GetValue<string>().ShouldBe("secret: yes\n");
        result["exists"]!.GetValue<bool>().ShouldBeTrue();
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.GetUnixFileMode(Path.Combine(drop, "token.yaml")).ShouldBe(owner);
        File.GetUnixFileMode(Path.Combine(drop, "note.txt")).ShouldBe(owner);
        File.GetUnixFileMode(Path.Combine(drop, "index.tsv")).ShouldBe(owner);
        File.GetUnixFileMode(drop).ShouldBe(owner | UnixFileMode.UserExecute);
        (await File.ReadAllTextAsync(Path.Combine(drop, "index.tsv"))).ShouldBe("a\nb\n");
    }

    [Theory]
    [InlineData("""{"timeout": "200ms", "maxStatements": 0}""", "while (true) {}", "stopped after the time limit of 200ms (\"timeout\" in hooks.json)")]
    [InlineData("""{"maxStatements": 5000}""", "for (;;) { ctx.x = 1; }", "stopped at the statement limit of 5000 (\"maxStatements\" in hooks.json)")]
    [InlineData("""{"maxRecursionDepth": 50}""", "const f = (n) => f(n + 1) + 1; f(0);", "stopped at the recursion depth limit of 50 (\"maxRecursionDepth\" in hooks.json)")]
    [InlineData("""{"memoryLimitMB": 16, "maxStatements": 0}""", "const a = []; for (let i = 0; ; i++) a.push('x'.repeat(100000) + i);", "stopped at the memory limit of 16 MB (\"memoryLimitMB\" in hooks.json)")]
    public async Task Each_limit_ends_the_hook_quickly_naming_the_hook_and_the_limit(string settings, string body, string message)
    {
        _w.Settings(settings);
        var hook = _w.Hook(_w.PathFolder(), "runaway.js", $"export function beforeTokenIssue(ctx) {{ {body} }}");
        var clock = Stopwatch.StartNew();
        var e = await Should.ThrowAsync<SkupperException>(() => Run("token.issue.before"));
        e.Message.ShouldBe($"hook {hook}: {message}");
        // Only the limit can end these bodies, which otherwise run forever: the bound tells "ended" from "never" and
        // is generous so a loaded machine does not fail it (issue 15); the message names the limit that acted.
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_default_limits_end_runaway_recursion_without_crashing_the_process()
    {
        var hook = _w.Hook(_w.PathFolder(), "deep.js", "function f(n) { return f(n + 1) + 1; }\nexport function beforeTokenIssue(ctx) { f(0); }");
        var e = await Should.ThrowAsync<SkupperException>(() => Run("token.issue.before"));
        e.Message.ShouldBe($"hook {hook}: stopped at the recursion depth limit of 256 (\"maxRecursionDepth\" in hooks.json)");
    }

    [Fact]
    public async Task Cancelling_the_command_stops_a_running_hook_at_once()
    {
        _w.Settings("""{"timeout": "60s", "maxStatements": 0}""");
        _w.Hook(_w.PathFolder(), "loop.js", "export function beforeTokenIssue(ctx) { while (true) {} }");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        await Should.ThrowAsync<OperationCanceledException>(() => Run("token.issue.before", cancel: cancel.Token));
        // The hook's own timeout is 60 s: ending well before it shows the cancellation stopped the hook. Generous
        // so a loaded machine does not fail it (issue 15).
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("""{"timeout": "soon"}""", "invalid hook settings in {0}: \"timeout\" must be a positive duration such as \"5s\" or \"1500ms\", not \"soon\"")]
    [InlineData("""{"maxStatments": 5}""", "invalid hook settings in {0}: unknown setting \"maxStatments\" (known: timeout, memoryLimitMB, maxRecursionDepth, maxStatements, httpTimeout, httpMaxResponseBytes)")]
    [InlineData("""{"memoryLimitMB": -1}""", "invalid hook settings in {0}: \"memoryLimitMB\" must be a whole number from 1 to 16384, not -1")]
    [InlineData("[1]", "invalid hook settings in {0}: expected a JSON object")]
    public void Invalid_settings_are_a_clear_error(string json, string message)
    {
        _w.Settings(json);
        _w.Hook(_w.PathFolder(), "a.js", "export function beforeTokenIssue(ctx) {}");
        var e = Should.Throw<SkupperException>(() => HookRunner.Create(_w.Env(), noHooks: false));
        e.Message.ShouldBe(string.Format(message, Path.Combine(_w.Config, "skupper", "hooks.json")));
    }

    [Fact]
    public async Task Handles_decides_from_the_scan_and_a_hook_without_the_function_changes_nothing()
    {
        var f = _w.PathFolder();
        _w.Hook(f, "a.js", "// export function beforeTokenIssue(ctx) mentioned in a comment only\nexport function afterTokenRedeem(ctx) {}");
        var runner = _w.Runner();
        runner.Handles("token.issue.before").ShouldBeTrue();
        runner.Handles("token.issue.after").ShouldBeFalse();
        var result = await runner.RunAsync("token.issue.before", IssueContext(), default);
        JsonNode.DeepEquals(result, IssueContext()).ShouldBeTrue();
    }

    [Fact]
    public async Task A_hook_returning_a_non_object_is_an_error_naming_it()
    {
        var hook = _w.Hook(_w.PathFolder(), "odd.js", "export function beforeTokenIssue(ctx) { return 42; }");
        var e = await Should.ThrowAsync<SkupperException>(() => Run("token.issue.before"));
        e.Message.ShouldBe($"hook {hook}: odd.js returned number: return nothing, or an object of context fields to set");
    }

    [Fact]
    public async Task Each_module_has_its_own_scope_and_no_hook_changes_how_the_next_ones_context_is_passed_back()
    {
        var f = _w.PathFolder();
        _w.Hook(f, "a.js", """
            const name = "a";
            function helper() { return name; }
            JSON.stringify = () => "{}";
            Object.assign = () => ({});
            export function beforeTokenIssue(ctx) { ctx.labels.a = helper(); }
            """);
        _w.Hook(f, "b.js", """
            const name = "b";
            function helper() { return name; }
            export function beforeTokenIssue(ctx) { ctx.labels.b = helper(); return { grantName: "from-b" }; }
            """);
        var result = await Run("token.issue.before");
        result["labels"]!["a"]!.GetValue<string>().ShouldBe("a");
        result["labels"]!["b"]!.GetValue<string>().ShouldBe("b");
        result["grantName"]!.GetValue<string>().ShouldBe("from-b");
    }

    [Fact]
    public async Task A_hook_after_a_failed_one_starts_in_a_fresh_engine()
    {
        var f = _w.PathFolder();
        _w.Hook(f, "a.js", "export const failurePolicy = 'Ignore';\nexport function afterTokenIssue(ctx) { globalThis.left = 'over'; throw new Error('down'); }");
        _w.Hook(f, "b.js", "export function afterTokenIssue(ctx) { console.log(typeof globalThis.left); }");
        await Run("token.issue.after");
        _w.Err.ToString().ShouldEndWith("\nhook b.js: undefined\n");
    }
}

/// <summary>Every runner test again, with the engines warmed at start as a command's are.</summary>
public sealed class WarmRunnerTests : RunnerTests
{
    public WarmRunnerTests() : base(warm: true)
    {
    }

    [Fact]
    public async Task The_engines_for_the_commands_events_are_built_at_start_and_used()
    {
        Workspace.Variables["SKUPPER_DEBUG"] = "1";
        var f = Workspace.PathFolder();
        Workspace.Hook(f, "a.js", "export function beforeTokenIssue(ctx) { ctx.labels.a = '1'; }");
        Workspace.Hook(f, "b.js", "export function afterTokenIssue(ctx) { console.log('after ran'); }");
        var runner = Workspace.Runner();
        (await runner.RunAsync("token.issue.before", new JsonObject { ["labels"] = new JsonObject() }, default))["labels"]!["a"]!
            .GetValue<string>().ShouldBe("1");
        await runner.RunAsync("token.issue.after", new JsonObject(), default);
        var err = Workspace.Err.ToString();
        err.ShouldContain("debug: hooks: token.issue.before: engine warmed at start (waited ");
        err.ShouldContain("debug: hooks: token.issue.after: engine warmed at start (waited ");
        err.ShouldContain("hook b.js: after ran\n");
    }

    [Fact]
    public async Task An_engine_taken_while_the_warm_up_builds_an_earlier_one_is_still_delivered()
    {
        // The command takes the after-engine at once, while the warm-up thread is still building the
        // before-engine: the warm-up must still complete it. It once completed only what was left to take,
        // and the command waited forever (two Hooks.Tests runs in eight hung on a loaded machine; issue 11).
        Workspace.Variables["SKUPPER_DEBUG"] = "1";
        var f = Workspace.PathFolder();
        Workspace.Hook(f, "a.js", "export function beforeTokenIssue(ctx) {}");
        Workspace.Hook(f, "b.js", "export function afterTokenIssue(ctx) { console.log('after ran'); }");
        var run = Workspace.Runner().RunAsync("token.issue.after", new JsonObject(), default);
        // A bound, so a hang fails here rather than stalling the run; it is never reached when the engine comes.
        await run.WaitAsync(TimeSpan.FromSeconds(60));
        Workspace.Err.ToString().ShouldContain("hook b.js: after ran\n");
    }

    [Fact]
    public void Candidate_events_are_each_leading_run_of_words_before_then_after()
    {
        HookWarmup.CandidateEvents(["token", "issue", "/tmp/t.yaml"]).ShouldBe([
            "token.before", "token.issue.before", "token.issue./tmp/t.yaml.before",
            "token.after", "token.issue.after", "token.issue./tmp/t.yaml.after"]);
    }
}
