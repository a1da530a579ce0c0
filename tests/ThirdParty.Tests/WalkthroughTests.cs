using System.Text;
using System.Text.RegularExpressions;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Skupper.Cli.ThirdParty.Tests;

/// <summary>
/// Runs the walkthrough of docs/plugins.md ("Writing a plugin outside this repository") as written:
/// every <c>$ command</c> line of its console blocks, in order, in one shell, in an empty private
/// home, with the files it shows written where it says; each output line it shows must appear in
/// what that command printed (spaces collapsed, <c>/home/you</c> read as the home, <c>...</c> lines
/// skipped). A console block marked <c>&lt;!-- test: in the repository --&gt;</c> runs in a copy of the
/// checkout's SDK sources.
/// </summary>
[Collection(ThirdPartyCollection.Name)]
public sealed partial class WalkthroughTests(BuiltPlugins built, ControllerOffSandbox sandbox, ITestOutputHelper log)
    : IClassFixture<ControllerOffSandbox>, IDisposable
{
    public const string Section = "## Writing a plugin outside this repository";

    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private sealed record Step(string? Command, string? File, string? Content, bool InRepository, List<string> Expected);

    private static List<Step> Parse(string markdown)
    {
        var start = markdown.IndexOf(Section, StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"docs/plugins.md has no \"{Section}\"");
        var lines = markdown[(start + Section.Length)..].Split('\n');
        var steps = new List<Step>();
        string? file = null;
        var inRepository = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith("## ", StringComparison.Ordinal)) break;
            if (FileLabel().Match(line) is { Success: true } m) { file = m.Groups[1].Value; continue; }
            if (line == "<!-- test: in the repository -->") { inRepository = true; continue; }
            if (!line.StartsWith("```", StringComparison.Ordinal))
            {
                if (line.Trim().Length > 0) { file = null; inRepository = false; }
                continue;
            }
            var language = line[3..].Trim();
            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].TrimEnd('\r').StartsWith("```", StringComparison.Ordinal); i++) body.Add(lines[i].TrimEnd('\r'));
            if (language == "console")
            {
                foreach (var b in body)
                {
                    if (b.StartsWith("$ ", StringComparison.Ordinal)) steps.Add(new Step(b[2..], null, null, inRepository, []));
                    else if (b.Trim() is { Length: > 0 } expected && expected != "...") steps[^1].Expected.Add(expected);
                }
            }
            else if (file is not null)
            {
                steps.Add(new Step(null, file, string.Join('\n', body) + "\n", false, []));
            }
            file = null;
            inRepository = false;
        }
        return steps;
    }

    [GeneratedRegex("^`([^`]+)`:$")]
    private static partial Regex FileLabel();

    private static string Normalize(string s) => Regex.Replace(s, "[ \t]+", " ").Trim();

    [Fact]
    public async Task The_walkthrough_works_as_written()
    {
        var steps = Parse(File.ReadAllText(Path.Combine(BuiltPlugins.Repository, "docs", "plugins.md")));
        steps.Count(s => s.Command is not null).ShouldBeGreaterThan(5);
        steps.Count(s => s.File is not null).ShouldBeGreaterThanOrEqualTo(3);
        var checkout = await built.SdkCheckout;

        // The user's own setup: ~/.local/share, not the test's XDG_DATA_HOME.
        _home.Variables["XDG_DATA_HOME"] = null;
        // A cluster to talk to, as the reader has one.
        _home.Variables["KUBECONFIG"] = sandbox.Server.KubeconfigPath;
        var script = new StringBuilder("set -euo pipefail\nexec 2>&1\ncd \"$HOME\"\n");
        var commands = steps.Where(s => s.Command is not null).ToList();
        foreach (var step in steps)
        {
            if (step.File is not null)
            {
                script.Append($"cat > '{step.File}' <<'WALKTHROUGH_EOF'\n{step.Content}WALKTHROUGH_EOF\n");
                continue;
            }
            script.Append($"echo '@@@ {commands.IndexOf(step)}'\n");
            script.Append(step.InRepository ? $"(cd '{checkout}' && {step.Command})\n" : $"{step.Command}\n");
        }
        script.Append("echo '@@@ end'\n");
        log.WriteLine(script.ToString());

        var r = await built.BashAsync(script.ToString(), _home);
        log.WriteLine(r.ToString());
        var outputs = Regex.Split(r.Out, "^@@@ ", RegexOptions.Multiline).Skip(1)
            .Select(chunk => (Index: chunk[..chunk.IndexOf('\n')], Text: chunk[(chunk.IndexOf('\n') + 1)..]))
            .ToList();
        var failed = outputs.Count == 0 ? "" : outputs[^1].Index;
        r.ExitCode.ShouldBe(0, $"the walkthrough failed at \"{(int.TryParse(failed, out var f) ? commands[f].Command : failed)}\":\n{r}");
        outputs[^1].Index.ShouldBe("end");

        for (var i = 0; i < commands.Count; i++)
        {
            var printed = Normalize(outputs[i].Text.Replace(_home.Home, "/home/you"));
            foreach (var expected in commands[i].Expected)
                printed.ShouldContain(Normalize(expected), Case.Sensitive, $"output of \"{commands[i].Command}\"");
        }

        // What the walkthrough claims without showing it.
        var installed = Path.Combine(_home.Home, ".local", "share", "skupper", "plugins", "hello");
        Directory.Exists(installed).ShouldBeFalse("removed at the end");
        var lastList = outputs[commands.FindLastIndex(c => c.Command == "kubectl skupper plugin list")].Text;
        lastList.ShouldNotContain("hello");
        lastList.ShouldContain("token");
        var publish = Path.Combine(_home.Home, "hello", "publish");
        Directory.GetFiles(publish).Select(Path.GetFileName).ShouldNotContain("Skupper.Cli.Sdk.dll");
    }
}
