using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Skupper.Cli.ThirdParty.Tests;

/// <summary>
/// Runs the walkthrough of docs/plugins.md ("Writing a plugin outside this repository") as a script, as
/// written: every <c>$ command</c> line of its console blocks, in order, in one shell, in an empty private
/// home, with the files it shows written where it says; each output line it shows must appear in what
/// that command printed (spaces collapsed, <c>/home/you</c> read as the home, <c>...</c> lines skipped).
/// A console block marked <c>&lt;!-- test: in the repository --&gt;</c> runs in a fresh checkout: the
/// files git tracks, copied out of this one (as a clone has them, with the work tree's edits), and the
/// walkthrough is read from that copy. NuGet starts from an empty global packages folder of its own,
/// but for a stale Skupper.Cli.Sdk of the version the walkthrough packs, as a reader who packed before
/// has one: the walkthrough's step that removes it is what lets the plugin build. About two minutes on
/// two shared cores (105 s to 170 s measured, most of it the packs and builds).
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

    /// <summary>Copies the files git tracks in this repository to <paramref name="target"/>: a fresh checkout, nothing built.</summary>
    private async Task<string> FreshCheckoutAsync(string target)
    {
        var files = await ProcessRunner.Run("git", ["-C", BuiltPlugins.Repository, "ls-files", "-z"], _home);
        files.ExitCode.ShouldBe(0, $"the walkthrough test copies the files git tracks: {files}");
        foreach (var file in files.Out.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(BuiltPlugins.Repository, file);
            if (!File.Exists(source)) continue; // deleted in the work tree, not yet committed
            var dest = Path.Combine(target, file);
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(source, dest);
        }
        return target;
    }

    /// <summary>
    /// What NuGet keeps of Skupper.Cli.Sdk <paramref name="version"/> after a reader packed and restored it
    /// once, from an older checkout: a package whose assembly is not one, so a build that takes it fails.
    /// </summary>
    private static void PlantStaleSdk(string nugetPackages, string version)
    {
        var folder = Path.Combine(nugetPackages, "skupper.cli.sdk", version);
        Directory.CreateDirectory(Path.Combine(folder, "lib", "net10.0"));
        File.WriteAllText(Path.Combine(folder, ".nupkg.metadata"), "{\"version\": 2, \"contentHash\": \"c3RhbGU=\", \"source\": null}\n");
        File.WriteAllText(Path.Combine(folder, "skupper.cli.sdk.nuspec"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<package xmlns=\"http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd\">\n" +
            $"  <metadata><id>Skupper.Cli.Sdk</id><version>{version}</version>" +
            "<authors>stale</authors><description>stale</description></metadata>\n" +
            "</package>\n");
        File.WriteAllText(Path.Combine(folder, "lib", "net10.0", "Skupper.Cli.Sdk.dll"), "a stale build\n");
    }

    [Fact]
    public async Task The_walkthrough_works_as_written_from_a_fresh_checkout_with_an_empty_NuGet_cache()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var checkout = await FreshCheckoutAsync(Path.Combine(_home.Root, "kubectl-skupper"));
        var steps = Parse(File.ReadAllText(Path.Combine(checkout, "docs", "plugins.md")));
        steps.Count(s => s.Command is not null).ShouldBeGreaterThan(5);
        steps.Count(s => s.File is not null).ShouldBeGreaterThanOrEqualTo(3);

        // The version the walkthrough's project asks for is the one its checkout packs.
        var project = steps.Single(s => s.File?.EndsWith(".csproj", StringComparison.Ordinal) == true).Content!;
        var version = SdkReference().Match(project).Groups[1].Value;
        File.ReadAllText(Path.Combine(checkout, "Directory.Build.props"))
            .ShouldContain($"<SkupperCliVersion>{version}</SkupperCliVersion>");

        // The user's own setup: ~/.local/share, not the test's XDG_DATA_HOME.
        _home.Variables["XDG_DATA_HOME"] = null;
        // A cluster to talk to, as the reader has one.
        _home.Variables["KUBECONFIG"] = sandbox.Server.KubeconfigPath;
        // NuGet's global packages folder: empty but for a stale SDK of the same version.
        var nugetPackages = Path.Combine(_home.Root, "nuget-packages");
        _home.Variables["NUGET_PACKAGES"] = nugetPackages;
        PlantStaleSdk(nugetPackages, version);
        // The machine's package sources (a mirror, say) apply in the private home, as in the reader's.
        var userConfig = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
        if (File.Exists(userConfig))
        {
            var target = Path.Combine(_home.Home, ".nuget", "NuGet", "NuGet.Config");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(userConfig, target);
        }
        var machineCache = MachineSdkCacheEntries();

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
        log.WriteLine($"the walkthrough took {started.Elapsed.TotalSeconds:F0} s");
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
            // Its project passes the SDK's build checks.
            printed.ShouldNotContain("SKUPPER0", Case.Sensitive, $"output of \"{commands[i].Command}\"");
        }

        // What the walkthrough claims without showing it.
        var installed = Path.Combine(_home.Home, ".local", "share", "skupper", "plugins", "hello");
        Directory.Exists(installed).ShouldBeFalse("removed at the end");
        var lastList = outputs[commands.FindLastIndex(c => c.Command == "kubectl skupper plugin list")].Text;
        lastList.ShouldNotContain("hello");
        lastList.ShouldContain("token");
        var publish = Path.Combine(_home.Home, "hello", "publish");
        Directory.GetFiles(publish).Select(Path.GetFileName).ShouldNotContain("Skupper.Cli.Sdk.dll");
        // The plugins were built against the package just packed, not the stale one.
        AssemblyName.GetAssemblyName(Path.Combine(nugetPackages, "skupper.cli.sdk", version, "lib", "net10.0", "Skupper.Cli.Sdk.dll"))
            .Version.ShouldBe(Version.Parse(version + ".0"));
        // Nothing reached the machine's own NuGet cache.
        MachineSdkCacheEntries().ShouldBe(machineCache);
    }

    /// <summary>The versions of Skupper.Cli.Sdk in the machine's NuGet cache, which the walkthrough must leave alone.</summary>
    private static string[] MachineSdkCacheEntries()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var folder = Path.Combine(home, ".nuget", "packages", "skupper.cli.sdk");
        return Directory.Exists(folder) ? Directory.GetDirectories(folder).Order().ToArray() : [];
    }

    [GeneratedRegex("<PackageReference Include=\"Skupper.Cli.Sdk\" Version=\"([^\"]+)\"")]
    private static partial Regex SdkReference();
}
