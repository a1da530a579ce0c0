using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace Skupper.Cli.Hooks.Tests;

/// <summary><c>token issue</c> with hooks, run as users run it, against the sandbox.</summary>
public sealed partial class EndToEndTests(FastSandbox fixture) : EndToEndBase(fixture.Server), IClassFixture<FastSandbox>
{
    [GeneratedRegex("^Access grant \"([a-z0-9-]+)\" is ready\\.\n")]
    private static partial Regex ReadyLine();

    private static string GrantOf(string stdout) => ReadyLine().Match(stdout).Groups[1].Value;

    private static string CodeIn(string tokenFile)
    {
        var code = Regex.Match(File.ReadAllText(tokenFile), "\n  code: (\\S+)\n").Groups[1].Value;
        code.ShouldNotBeNullOrEmpty();
        return code;
    }

    [Fact]
    public async Task Naming_gives_site_team_date_random_and_labels_the_grant()
    {
        var (home, _) = NewHome("naming.js");
        home.Variables["SKUPPER_TEAM"] = "payments";
        var ns = await ReadySiteAsync("north");
        var file = Path.Combine(home.Home, "t.yaml");
        // The day is read before and after the run: the hook's date is one of them even when the run crosses midnight.
        var before = DateTime.UtcNow;

        var r = await Skupper(home, "token", "issue", file, "-n", ns);

        var after = DateTime.UtcNow;
        r.ExitCode.ShouldBe(0, r.ToString());
        var grant = GrantOf(r.Out);
        grant.ShouldMatch($"^north-payments-({before:yyyyMMdd}|{after:yyyyMMdd})-[bcdfghjklmnpqrstvwxz2456789]{{4}}$", r.ToString());
        var stored = Server.GetSkupper("accessgrants", ns, grant)!;
        Str(stored["metadata"]!["labels"]!["example.com/team"]).ShouldBe("payments");
        Str(stored["metadata"]!["annotations"]!["example.com/issued-by"]).ShouldNotBeNullOrEmpty();
        File.ReadAllText(file).ShouldContain($"name: {grant}\n");
        r.Err.ShouldBe("Waiting for status...\n");
    }

    [Fact]
    public async Task Naming_without_a_team_refuses_before_anything_is_created()
    {
        var (home, hooks) = NewHome("naming.js");
        var ns = await ReadySiteAsync();
        var file = Path.Combine(home.Home, "t.yaml");

        var r = await Skupper(home, "token", "issue", file, "-n", ns);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: hook {Path.Combine(hooks, "naming.js")} refused: SKUPPER_TEAM is not set: set it to your team's name to issue tokens\n");
        r.Out.ShouldBeEmpty();
        Grants(ns).ShouldBeEmpty();
        File.Exists(file).ShouldBeFalse();
    }

    [Fact]
    public async Task No_hooks_skips_them_and_says_so()
    {
        var (home, _) = NewHome("naming.js");
        var ns = await ReadySiteAsync();
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns, "--no-hooks");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("Hooks are disabled by --no-hooks: none will run.\nWaiting for status...\n");
        GrantOf(r.Out).ShouldMatch("^west-[a-z0-9]{5}$");
    }

    [Fact]
    public async Task Notify_webhook_posts_grant_namespace_and_expiry_but_never_the_code()
    {
        var (home, _) = NewHome("notify-webhook.js");
        using var listener = Listen(out var url, out var received);
        home.Variables["SKUPPER_WEBHOOK_URL"] = url + "hooks/skupper?key=s3cret";
        var ns = await ReadySiteAsync();
        var file = Path.Combine(home.Home, "t.yaml");

        var r = await Skupper(home, "token", "issue", file, "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        var grant = GrantOf(r.Out);
        received.Count.ShouldBe(1);
        var (method, path, contentType, body) = received.Single();
        method.ShouldBe("POST");
        path.ShouldBe("/hooks/skupper?key=s3cret");
        contentType.ShouldStartWith("application/json");
        var message = JsonNode.Parse(body)!.AsObject();
        Str(message["grantName"]).ShouldBe(grant);
        Str(message["namespace"]).ShouldBe(ns);
        Str(message["event"]).ShouldBe("token.issue.after");
        Str(message["expirationTime"]).ShouldBe(Str(Server.GetSkupper("accessgrants", ns, grant)!["status"]!["expirationTime"]));
        Str(message["text"])!.ShouldContain(grant);
        body.ShouldNotContain(CodeIn(file));
        r.Err.ShouldBe("Waiting for status...\n");
    }

    [Fact]
    public async Task Notify_webhook_failure_is_a_warning_because_it_ignores_failures()
    {
        var (home, hooks) = NewHome("notify-webhook.js");
        using var listener = Listen(out var url, out _, status: 500);
        home.Variables["SKUPPER_WEBHOOK_URL"] = url;
        var ns = await ReadySiteAsync();
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldContain($"Warning: hook {Path.Combine(hooks, "notify-webhook.js")}:");
        r.Err.ShouldContain(": webhook answered HTTP 500 (ignored: the hook's failurePolicy is Ignore)\n");
    }

    [Fact]
    public async Task Deliver_to_folder_copies_the_token_0600_and_indexes_it_without_the_code()
    {
        var (home, _) = NewHome("deliver-to-folder.js");
        var drop = Path.Combine(home.Root, "drop", "tokens");
        home.Variables["SKUPPER_TOKEN_DROP"] = drop;
        var ns = await ReadySiteAsync();
        var file = Path.Combine(home.Home, "t.yaml");

        var r = await Skupper(home, "token", "issue", file, "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        var grant = GrantOf(r.Out);
        var copy = Path.Combine(drop, grant + ".yaml");
        File.ReadAllText(copy).ShouldBe(File.ReadAllText(file));
        File.GetUnixFileMode(copy).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var index = File.ReadAllText(Path.Combine(drop, "index.tsv"));
        var expiry = Str(Server.GetSkupper("accessgrants", ns, grant)!["status"]!["expirationTime"]);
        index.ShouldBe($"{grant}\t{ns}\t{expiry}\t{copy}\n");
        index.ShouldNotContain(CodeIn(file));
        r.Err.ShouldBe($"Waiting for status...\nhook deliver-to-folder.js: delivered {copy}\n");
    }

    [Fact]
    public async Task Deliver_to_folder_never_writes_through_a_link_planted_in_the_drop_folder()
    {
        // Issue 35, item 8: another user's symlink named index.tsv made the victim's run append to a root-only file,
        // and a dangling one created a file where it pointed.
        var (home, _) = NewHome("deliver-to-folder.js");
        var drop = Path.Combine(home.Root, "drop");
        Directory.CreateDirectory(drop);
        home.Variables["SKUPPER_TOKEN_DROP"] = drop;
        var ns = await ReadySiteAsync();
        var victim = Path.Combine(home.Root, "root-only.conf");
        File.WriteAllText(victim, "untouched\n");
        var missing = Path.Combine(home.Root, "private", "created-through-link");
        Directory.CreateDirectory(Path.GetDirectoryName(missing)!);

        foreach (var target in new[] { victim, missing })
        {
            var index = Path.Combine(drop, "index.tsv");
            if (File.Exists(index) || Directory.Exists(index) || new FileInfo(index).LinkTarget is not null) File.Delete(index);
            File.CreateSymbolicLink(index, target);

            var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, $"t-{Path.GetFileName(target)}.yaml"), "-n", ns);

            r.Err.ShouldContain("it is a symbolic link: hooks do not write through links", Case.Sensitive, r.ToString());
        }
        File.ReadAllText(victim).ShouldBe("untouched\n");
        File.Exists(missing).ShouldBeFalse();
    }

    [Fact]
    public async Task Deliver_to_folder_delivers_nothing_when_the_token_goes_to_standard_output()
    {
        var (home, _) = NewHome("deliver-to-folder.js");
        var drop = Path.Combine(home.Root, "drop");
        home.Variables["SKUPPER_TOKEN_DROP"] = drop;
        var ns = await ReadySiteAsync();

        var r = await Skupper(home, "token", "issue", "-", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldStartWith("apiVersion: skupper.io/v2alpha1\nkind: AccessToken\n");
        r.Err.ShouldContain("\nhook deliver-to-folder.js: the token went to standard output: nothing delivered\n");
        Directory.Exists(drop).ShouldBeFalse();
    }

    [Fact]
    public async Task The_three_examples_together()
    {
        var (home, _) = NewHome("naming.js", "notify-webhook.js", "deliver-to-folder.js");
        using var listener = Listen(out var url, out var received);
        home.Variables["SKUPPER_TEAM"] = "ops";
        home.Variables["SKUPPER_WEBHOOK_URL"] = url;
        home.Variables["SKUPPER_TOKEN_DROP"] = Path.Combine(home.Root, "drop");
        var ns = await ReadySiteAsync();
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        var grant = GrantOf(r.Out);
        grant.ShouldStartWith("west-ops-");
        Str(JsonNode.Parse(received.Single().Body)!["grantName"]).ShouldBe(grant);
        File.Exists(Path.Combine(home.Root, "drop", grant + ".yaml")).ShouldBeTrue();
    }

    [Fact]
    public async Task An_after_hook_failure_exits_3_with_the_token_written_and_ignore_makes_it_a_warning()
    {
        var (home, hooks) = NewHome();
        var hook = Install(hooks, "after.js", "export function afterTokenIssue(ctx) {\n  throw new Error(`cannot archive ${ctx.grantName}`);\n}\n");
        var ns = await ReadySiteAsync();
        var file = Path.Combine(home.Home, "t.yaml");

        var r = await Skupper(home, "token", "issue", file, "-n", ns);

        r.ExitCode.ShouldBe(3, r.ToString());
        var grant = GrantOf(r.Out);
        r.Err.ShouldBe($"Waiting for status...\nError: hook {hook}:2:9: cannot archive {grant}\n");
        File.Exists(file).ShouldBeTrue();
        Grants(ns).Count.ShouldBe(1);

        Install(hooks, "after.js", "export const failurePolicy = \"Ignore\";\n" + File.ReadAllText(hook));
        var ignored = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t2.yaml"), "-n", ns);
        ignored.ExitCode.ShouldBe(0, ignored.ToString());
        ignored.Err.ShouldBe($"Waiting for status...\nWarning: hook {hook}:3:9: cannot archive {GrantOf(ignored.Out)} (ignored: the hook's failurePolicy is Ignore)\n");
    }

    [Fact]
    public async Task An_invalid_grant_name_from_a_hook_is_refused_before_anything_is_created()
    {
        var (home, hooks) = NewHome();
        Install(hooks, "bad-name.js", "export function beforeTokenIssue(ctx) { ctx.grantName = 'Not_A_Name'; }");
        var ns = await ReadySiteAsync();
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith($"Error: hook {Path.Combine(hooks, "bad-name.js")} (token.issue.before) set grantName: ");
        r.Err.ShouldContain("Not_A_Name");
        Grants(ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task Hook_values_for_limits_labels_and_annotations_reach_the_grant()
    {
        var (home, hooks) = NewHome();
        Install(hooks, "10-limits.js", "export function beforeTokenIssue(ctx) { ctx.expirationWindow = '2h'; ctx.labels.a = 'first'; }");
        Install(hooks, "20-more.js", "export function beforeTokenIssue(ctx) { return { redemptionsAllowed: 4, annotations: { saw: ctx.labels.a + '/' + ctx.expirationWindow } }; }");
        var ns = await ReadySiteAsync();
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        var grant = Server.GetSkupper("accessgrants", ns, GrantOf(r.Out))!;
        Str(grant["spec"]!["expirationWindow"]).ShouldBe("2h0m0s");
        grant["spec"]!["redemptionsAllowed"]!.GetValue<long>().ShouldBe(4);
        Str(grant["metadata"]!["labels"]!["a"]).ShouldBe("first");
        Str(grant["metadata"]!["annotations"]!["saw"]).ShouldBe("first/2h");
        r.Out.ShouldContain("The token expires after 4 uses or after 2 hours.");
    }

    [Fact]
    public async Task The_code_never_appears_in_output_even_with_debug_and_a_hook_printing_everything()
    {
        var (home, hooks) = NewHome();
        home.Variables["SKUPPER_DEBUG"] = "1";
        Install(hooks, "leak.js", """
            export const failurePolicy = "Ignore";
            export function afterTokenIssue(ctx) {
              console.log(JSON.stringify(ctx), ctx.code);
              console.log(fs.readText(ctx.file));
              throw new Error("code was " + ctx.code);
            }
            """);
        var ns = await ReadySiteAsync();
        var file = Path.Combine(home.Home, "t.yaml");
        var r = await Skupper(home, "token", "issue", file, "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        var code = CodeIn(file);
        r.Out.ShouldNotContain(code);
        r.Err.ShouldNotContain(code);
        r.Err.ShouldContain("debug: hooks: token.issue.after context: ");
    }

    [Fact]
    public async Task A_group_writable_hook_stops_the_command_before_it_runs()
    {
        var (home, hooks) = NewHome("naming.js");
        home.Variables["SKUPPER_TEAM"] = "ops";
        var hook = Path.Combine(hooks, "naming.js");
        File.SetUnixFileMode(hook, File.GetUnixFileMode(hook) | UnixFileMode.GroupWrite);
        var ns = await ReadySiteAsync();
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: hook {hook} refused: file {hook} is writable by group (mode 0664); run \"chmod go-w {hook}\"\n" +
                       "Fix it, or run the command with --no-hooks. \"kubectl skupper hook list\" shows every hook.\n");
        Grants(ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_a_hook_for_the_event_jint_is_never_loaded()
    {
        var (home, hooks) = NewHome();
        home.Variables["SKUPPER_DEBUG"] = "1";
        Install(hooks, "redeem-only.js", "export function afterTokenRedeem(ctx) {}");
        var ns = await ReadySiteAsync();
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldContain("debug: hooks: no hook handles token.issue.before (beforeTokenIssue); Jint loaded: no\n");
        r.Err.ShouldContain("debug: hooks: no hook handles token.issue.after (afterTokenIssue); Jint loaded: no\n");

        // And the check does see Jint when a hook ran.
        Install(hooks, "issue.js", "export function beforeTokenIssue(ctx) {}");
        var ran = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t2.yaml"), "-n", ns);
        ran.ExitCode.ShouldBe(0, ran.ToString());
        ran.Err.ShouldContain("debug: hooks: no hook handles token.issue.after (afterTokenIssue); Jint loaded: yes\n");
    }

    [Fact]
    public async Task The_hooks_run_in_engines_warmed_while_the_command_reads_the_cluster()
    {
        var (home, hooks) = NewHome();
        home.Variables["SKUPPER_DEBUG"] = "1";
        Install(hooks, "before.js", "export function beforeTokenIssue(ctx) { ctx.labels.warm = 'yes'; }");
        Install(hooks, "after.js", "export function afterTokenIssue(ctx) { console.log(`issued ${ctx.grantName}`); }");
        var ns = await ReadySiteAsync();
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldContain("debug: hooks: token.issue.before: engine warmed at start (waited ");
        r.Err.ShouldContain("debug: hooks: token.issue.after: engine warmed at start (waited ");
        r.Err.ShouldContain($"hook after.js: issued {GrantOf(r.Out)}\n");
        Str(Grants(ns).Single()["metadata"]!["labels"]!["warm"]).ShouldBe("yes");
    }

    [Fact]
    public async Task A_warm_up_nobody_uses_changes_nothing_the_user_sees()
    {
        var (plain, _) = NewHome();
        var (hooked, hooks) = NewHome();
        Install(hooks, "both.js", "export function beforeTokenIssue(ctx) {}\nexport function afterTokenIssue(ctx) {}");
        var ns = await ReadySiteAsync();
        // The command stops at validation, before any hook is due: the same words and exit code as with no hooks.
        string[] bad = ["token", "issue", "t.yaml", "-n", ns, "--redemptions-allowed", "0"];
        var without = await Skupper(plain, bad);
        var with = await Skupper(hooked, bad);
        without.ExitCode.ShouldNotBe(0);
        with.ExitCode.ShouldBe(without.ExitCode);
        with.Err.ShouldBe(without.Err);
        with.Out.ShouldBe(without.Out);

        // Settings the warm-up could not use: the command reports them once, as it always did.
        var settings = Path.Combine(hooked.ConfigHome, "skupper", "hooks.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        File.WriteAllText(settings, """{"timeout": "soon"}""");
        var r = await Skupper(hooked, "token", "issue", Path.Combine(hooked.Home, "t.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: invalid hook settings in {settings}: \"timeout\" must be a positive duration such as \"5s\" or \"1500ms\", not \"soon\"\n");
        Grants(ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task Hook_list_shows_every_hook_where_its_events_and_refusals()
    {
        var (home, hooks) = NewHome("naming.js", "notify-webhook.js");
        Directory.CreateDirectory(Path.Combine(hooks, "sub"));
        var bad = Install(hooks, "sub/bad.mjs", "export function beforeLinkDelete(ctx) {}");
        File.SetUnixFileMode(Path.Combine(hooks, "sub"), HookWorkspace.FolderMode);
        File.SetUnixFileMode(bad, File.GetUnixFileMode(bad) | UnixFileMode.OtherWrite);
        var r = await Skupper(home, "hook", "list");
        r.ExitCode.ShouldBe(0, r.ToString());
        var lines = r.Out.Split('\n');
        lines[0].ShouldMatch("^HOOK +EVENTS +STATUS +FOLDER$");
        lines[1].ShouldMatch($"^naming\\.js +token\\.issue\\.before +ok +{Regex.Escape(hooks)} \\(SKUPPER_HOOKS_PATH\\)$");
        lines[2].ShouldMatch($"^notify-webhook\\.js +token\\.issue\\.after, token\\.redeem\\.after \\(failurePolicy Ignore\\) +ok +");
        lines[3].ShouldMatch($"^sub/bad\\.mjs +link\\.delete\\.before +refused: file {Regex.Escape(bad)} is writable by others \\(mode 0646\\); run \"chmod go-w {Regex.Escape(bad)}\" +");
        r.Out.ShouldContain($"Folders searched, in order:\n  {home.SystemHooks} (system, absent)\n  {Path.Combine(home.ConfigHome, "skupper", "hooks")} (user, absent)\n  {hooks} (SKUPPER_HOOKS_PATH)\n");
        r.Out.ShouldContain("Limits (");

        var json = await Skupper(home, "hook", "list", "-o", "json");
        json.ExitCode.ShouldBe(0, json.ToString());
        var parsed = JsonNode.Parse(json.Out)!;
        parsed["hooks"]!.AsArray().Select(h => Str(h!["name"])).ShouldBe(["naming.js", "notify-webhook.js", "sub/bad.mjs"]);
        Str(parsed["hooks"]![2]!["refused"]).ShouldNotBeNull();
    }

    /// <summary>
    /// A real HTTP/1.1 listener on 127.0.0.1 recording what arrives. It binds port 0 once and keeps that socket (issue 15:
    /// finding a free port, releasing it and binding it again raced with other processes).
    /// </summary>
    private static TcpListener Listen(out string url, out ConcurrentQueue<(string Method, string Path, string ContentType, string Body)> received, int status = 200)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        var queue = received = new ConcurrentQueue<(string, string, string, string)>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync(); }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException) { return; }
                _ = Task.Run(async () =>
                {
                    using var _ = client;
                    try
                    {
                        var stream = client.GetStream();
                        var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
                        var requestLine = (await reader.ReadLineAsync())?.Split(' ') ?? [];
                        if (requestLine.Length < 2) return;
                        string? line;
                        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
                            if (line.Split(':', 2) is [var k, var v]) headers[k.Trim()] = v.Trim();
                        var length = headers.TryGetValue("Content-Length", out var cl) && int.TryParse(cl, out var n) ? n : 0;
                        var body = new char[length];
                        var read = 0;
                        while (read < length && await reader.ReadAsync(body.AsMemory(read)) is var got and > 0) read += got;
                        queue.Enqueue((requestLine[0], requestLine[1], headers.GetValueOrDefault("Content-Type", ""), new string(body, 0, read)));
                        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                    }
                    catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
                    {
                    }
                });
            }
        });
        return listener;
    }
}
