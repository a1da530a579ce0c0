using System.Diagnostics;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

/// <summary>
/// What before-hooks hand back to token issue and token redeem: a field of the wrong type or a
/// label Kubernetes would refuse stops the command before anything is sent, and no message
/// echoes a value a hook set (it could be the token's code).
/// </summary>
public sealed class HookValueTests(FastSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<FastSandbox>
{
    private const UnixFileMode Folder = (UnixFileMode)0b111_101_101;
    private const UnixFileMode File644 = (UnixFileMode)0b110_100_100;

    private (TestHome Home, string Hook) WithHook(string text)
    {
        var home = NewHome();
        var hooks = Path.Combine(home.Root, "hooks");
        Directory.CreateDirectory(hooks);
        File.SetUnixFileMode(hooks, Folder);
        var hook = Path.Combine(hooks, "policy.js");
        File.WriteAllText(hook, text);
        File.SetUnixFileMode(hook, File644);
        home.Variables["SKUPPER_HOOKS_PATH"] = hooks;
        return (home, hook);
    }

    private int Posts(string ns) => Server.Requests.Entries.Count(e => e.Method == "POST" && e.PathAndQuery.Contains($"/namespaces/{ns}/"));

    public static TheoryData<string, string> WrongTypes => new()
    {
        { "ctx.expirationWindow = 3600;", "set expirationWindow to a number; it must be a string holding a positive duration such as \"15m\" or \"24h\"" },
        { "ctx.redemptionsAllowed = [1];", "set redemptionsAllowed to an array; it must be a whole number of at least 1" },
        { "ctx.redemptionsAllowed = { n: 1 };", "set redemptionsAllowed to an object; it must be a whole number of at least 1" },
        { "ctx.grantName = ['west-1'];", "set grantName to an array; it must be a string (a Kubernetes name) or null" },
        { "ctx.labels = ['team'];", "set labels to an array; it must be an object whose values are strings" },
        { "ctx.annotations = 'team=blue';", "set annotations to a string; it must be an object whose values are strings" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task A_policy_hook_setting_a_field_of_the_wrong_type_stops_token_issue(string body, string message)
    {
        var (home, hook) = WithHook($"export function beforeTokenIssue(ctx) {{ {body} }}");
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns,
            "--expiration-window", "720h", "--redemptions-allowed", "100");
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: hook {hook} (token.issue.before) {message}\n");
        List("accessgrants", ns).ShouldBeEmpty();
        Posts(ns).ShouldBe(0);
    }

    public static TheoryData<string, string> BadMetadata => new()
    {
        { "ctx.labels['bad key!'] = 'x';", "set labels key \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')" },
        { "ctx.labels['Example.com/team'] = 'x';", "set labels key \"Example.com/team\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')" },
        { "ctx.labels.team = 'blue team';", "set labels[\"team\"] to a string that is not a valid label value (a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345'))" },
        { "ctx.labels.team = 'x'.repeat(64);", "set labels[\"team\"] to a string that is not a valid label value (must be no more than 63 bytes)" },
        { "ctx.labels.team = 7;", "set labels[\"team\"] to a number; it must be a string" },
        { "ctx.annotations['a/b/c'] = 'x';", "set annotations key \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc'), with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')" },
        { "ctx.annotations.big = 'x'.repeat(256 * 1024);", "set annotations of 262147 bytes; keys and values together must be at most 262144 bytes" },
    };

    [Theory]
    [MemberData(nameof(BadMetadata))]
    public async Task Labels_and_annotations_are_checked_as_the_api_server_checks_them_before_anything_is_sent(string body, string message)
    {
        var (home, hook) = WithHook($"export function beforeTokenIssue(ctx) {{ {body} }}");
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: hook {hook} (token.issue.before) {message}\n");
        Posts(ns).ShouldBe(0);
    }

    [Fact]
    public async Task Valid_labels_and_annotations_reach_the_grant()
    {
        var (home, _) = WithHook("export function beforeTokenIssue(ctx) { ctx.labels['example.com/team'] = 'blue_1'; ctx.labels.empty = ''; ctx.annotations['Example.com/Note'] = 'any text at all'; }");
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var r = await Skupper(home, "token", "issue", Path.Combine(home.Home, "t.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        var meta = List("accessgrants", ns).Single()["metadata"]!;
        Str(meta["labels"]!["example.com/team"]).ShouldBe("blue_1");
        Str(meta["labels"]!["empty"]).ShouldBe("");
        Str(meta["annotations"]!["Example.com/Note"]).ShouldBe("any text at all");
    }

    /// <summary>A token file with a code holding the characters JSON escapes, redeemable into <paramref name="ns"/>'s sandbox.</summary>
    private string TokenFile(TestHome home, string code, string name = "west-abcde")
    {
        var file = Path.Combine(home.Home, "token.yaml");
        File.WriteAllText(file, $"""
            apiVersion: skupper.io/v2alpha1
            kind: AccessToken
            metadata:
              name: {name}
            spec:
              url: https://127.0.0.1:9/redeem
              code: '{code.Replace("'", "''")}'
              ca: |
            {string.Join("\n", Server.CaPem.TrimEnd('\n').Split('\n').Select(l => "    " + l))}
            """);
        return file;
    }

    [Theory]
    [InlineData("ctx.linkCost = ctx.code;", "set linkCost to a string; it must be a whole number of at least 1")]
    [InlineData("ctx.labels[ctx.code] = 'x';", "set labels key \"[redacted]\": ")]
    [InlineData("ctx.labels.team = ctx.code;", "set labels[\"team\"] to a string that is not a valid label value")]
    public async Task Redeem_errors_about_hook_values_never_echo_the_code(string body, string message)
    {
        const string code = "Zq8\"secret\\CODE 12";
        var (home, hook) = WithHook($"export function beforeTokenRedeem(ctx) {{ {body} }}");
        var file = TokenFile(home, code);
        var ns = NewNamespace();
        await ReadySiteAsync(ns, "east", linkAccess: null);
        var r = await Skupper(home, "token", "redeem", file, "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith($"Error: hook {hook} (token.redeem.before) {message}");
        r.Err.ShouldNotContain("secret");
        List("accesstokens", ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task Console_lines_never_show_the_code_in_its_json_escaped_form()
    {
        var (home, hook) = WithHook("""
            export function beforeTokenRedeem(ctx) {
              console.log({ code: ctx.code }, [ctx.code], ctx.code);
              console.log(JSON.stringify({ nested: { c: ctx.code } }));
              refuse("stop");
            }
            """);
        var file = TokenFile(home, "placeholder");
        // YAML's double-quoted form can hold the control character.
        File.WriteAllText(file, File.ReadAllText(file).Replace("code: 'placeholder'", "code: \"Zq8\\\"secret\\\\CODE\\x01end\""));
        var ns = NewNamespace();
        await ReadySiteAsync(ns, "east", linkAccess: null);
        var r = await Skupper(home, "token", "redeem", file, "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldNotContain("secret", customMessage: r.ToString());
        r.Err.ShouldBe("hook policy.js: {\"code\":\"[redacted]\"} [\"[redacted]\"] [redacted]\n" +
                       "hook policy.js: {\"nested\":{\"c\":\"[redacted]\"}}\n" +
                       $"Error: hook {hook} refused: stop\n");
    }

    [Fact]
    public async Task Redeem_refuses_a_fifo_at_once_naming_it()
    {
        var home = NewHome();
        var fifo = Path.Combine(home.Home, "token.yaml");
        using (var p = Process.Start("mkfifo", [fifo])) p.WaitForExit();
        var ns = NewNamespace();
        var r = await ProcessRunner.Run(ProcessRunner.HostExe, ["token", "redeem", fifo, "-n", ns], home, timeout: TimeSpan.FromSeconds(30));
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: token file \"{fifo}\" is a FIFO (named pipe), not a regular file: give the path of a token file\n");
    }

    [Fact]
    public async Task A_token_path_with_control_characters_is_printed_escaped()
    {
        var home = NewHome();
        var ns = NewNamespace();
        var r = await Skupper(home, "token", "redeem", Path.Combine(home.Home, "t\n\u001b[31mred.yaml"), "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: token file \"{home.Home}/t\\n\\x1b[31mred.yaml\" does not exist\n");
    }
}
