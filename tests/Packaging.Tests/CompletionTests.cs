using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Packaging.Tests;

/// <summary>
/// kubectl's plugin completion (1.26+) against the installed archive: kubectl runs
/// <c>kubectl_complete-skupper &lt;words after "kubectl skupper"&gt; &lt;word to complete&gt;</c> from PATH and
/// shows its answer (cobra's: candidate[\tdescription] lines, then :directive).
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class CompletionTests(ReleaseBuild build) : IDisposable
{
    private readonly TestHome _home = new();

    /// <summary>Runs the helper as kubectl does, from krew's bin/ (linked as the caveats say).</summary>
    private async Task<(List<string> Candidates, string Directive)> Complete(params string[] words)
    {
        var r = await ProcessRunner.Run(Path.Combine(build.Install.BinDir, "kubectl_complete-skupper"), words, _home, pathPrefix: build.Install.BinDir);
        r.ExitCode.ShouldBe(0, r.ToString());
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.ShouldNotBeEmpty(r.ToString());
        lines[^1].ShouldStartWith(":", customMessage: r.ToString());
        return (lines[..^1], lines[^1]);
    }

    private static List<string> Names(List<string> candidates) => candidates.Select(c => c.Split('\t')[0]).ToList();

    [Fact]
    public async Task Empty_word_lists_the_root_commands_with_descriptions_and_no_file_completion()
    {
        var (candidates, directive) = await Complete("");
        var names = Names(candidates);
        foreach (var command in new[] { "options", "plugin", "site", "token", "version" }) names.ShouldContain(command);
        names.ShouldBe(names.Order(StringComparer.Ordinal).ToList());
        names.ShouldAllBe(n => !n.StartsWith('_') && !n.StartsWith('-'));
        candidates.ShouldContain(c => c.StartsWith("token\tManage access tokens", StringComparison.Ordinal));
        directive.ShouldBe(":4");
    }

    [Fact]
    public async Task A_prefix_narrows_the_commands()
    {
        var (candidates, directive) = await Complete("tok");
        Names(candidates).ShouldBe(["token"]);
        directive.ShouldBe(":4");
    }

    [Fact]
    public async Task A_group_lists_its_subcommands()
    {
        var (candidates, directive) = await Complete("token", "");
        Names(candidates).ShouldBe(["issue", "redeem", "revoke", "status"]);
        directive.ShouldBe(":4");
        Names((await Complete("site", "")).Candidates).ShouldBe(["create", "delete", "generate", "status", "update"]);
    }

    [Fact]
    public async Task Double_dash_lists_the_commands_flags_and_the_global_ones()
    {
        var (candidates, directive) = await Complete("token", "issue", "--");
        var names = Names(candidates);
        names.ShouldContain("--timeout");
        names.ShouldContain("--expiration-window");
        names.ShouldContain("--redemptions-allowed");
        names.ShouldContain("--context");
        names.ShouldContain("--namespace");
        names.ShouldContain("--platform");
        names.ShouldNotContain("-n");
        names.ShouldAllBe(n => n.StartsWith("--"));
        directive.ShouldBe(":4");
    }

    [Fact]
    public async Task Flags_after_global_options_with_values_are_those_of_the_command_reached()
    {
        var (candidates, _) = await Complete("-n", "west", "site", "create", "--e");
        Names(candidates).ShouldBe(["--enable-ha", "--enable-link-access"]);
    }

    [Fact]
    public async Task Platform_values_are_offered()
    {
        var (candidates, directive) = await Complete("token", "issue", "--platform", "");
        Names(candidates).ShouldBe(["kubernetes", "docker", "podman", "linux"]);
        directive.ShouldBe(":4");
    }

    [Fact]
    public async Task The_token_file_argument_leaves_completion_to_the_shells_file_names()
    {
        var (candidates, directive) = await Complete("token", "issue", "");
        candidates.ShouldBeEmpty();
        directive.ShouldBe(":0");
    }

    [Fact]
    public async Task Commands_of_a_third_party_plugin_installed_by_the_user_complete_too()
    {
        PluginCopy.Directory(ReleaseBuild.GreetPluginDir, Path.Combine(_home.UserPlugins, "greet"));

        Names((await Complete("")).Candidates).ShouldContain("greet");
        Names((await Complete("gr")).Candidates).ShouldBe(["greet"]);
        var (sub, _) = await Complete("greet", "");
        sub.ShouldBe([
            "configmap-create\tCreate a ConfigMap: NAME [KEY=VALUE...].", "configmap-delete\tDelete a ConfigMap and wait until it is gone.",
            "configmap-get\tShow a ConfigMap's data.", "configmap-list\tList the ConfigMaps of the namespace.",
            "configmap-set\tSet keys of a ConfigMap: NAME KEY=VALUE...", "configmap-wait\tWait until a ConfigMap holds a key: NAME KEY.",
            "hello\tSay hello.", "show\tShow resources with typed options.", "sites\tCount the sites through IKubernetes.",
            "wait\tWait until interrupted."]);
        Names((await Complete("greet", "hello", "--p")).Candidates).ShouldBe(["--platform"]);
    }

    [Fact]
    public async Task Real_kubectl_delegates_completion_of_kubectl_skupper_to_the_helper()
    {
        var r = await ProcessRunner.Run("kubectl", ["__complete", "skupper", "token", "i"], _home, pathPrefix: build.Install.BinDir);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldStartWith("issue\tIssue a token file", customMessage: r.ToString());
        r.Out.ShouldContain(":4");
        r.Err.ShouldContain("kubectl_complete-skupper");

        // And kubectl offers the plugin itself as a command of kubectl.
        var root = await ProcessRunner.Run("kubectl", ["__complete", "skup"], _home, pathPrefix: build.Install.BinDir);
        root.Out.ShouldContain("skupper\t");
    }

    [Fact]
    public async Task The_helper_copied_as_the_caveats_say_still_completes_after_krew_upgrade()
    {
        var krew = new KrewInstaller(Path.Combine(_home.Root, "krew"));
        var first = krew.Install(build.ManifestPath, build.ArchivePath);
        krew.RunCaveats(build.Manifest);
        var helper = new FileInfo(Path.Combine(krew.BinDir, "kubectl_complete-skupper"));
        helper.LinkTarget.ShouldBeNull("a copy, not a link into the versioned store");

        // The next release: same archive, a newer version in the manifest.
        var next = Path.Combine(_home.Root, "next", "skupper.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(next)!);
        File.WriteAllText(next, build.Manifest.Text.Replace($"version: v{ReleaseBuild.Version}", "version: v99.0.0"));
        krew.Upgrade(next, build.ArchivePath).ShouldEndWith("v99.0.0");
        Directory.Exists(first).ShouldBeFalse("krew upgrade removes the old version's folder");

        var r = await ProcessRunner.Run(helper.FullName, ["tok"], _home, pathPrefix: krew.BinDir);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldStartWith("token\tManage access tokens", customMessage: r.ToString());
        r.Out.ShouldEndWith("\n:4\n", customMessage: r.ToString());
    }

    [Fact]
    public async Task The_completion_command_is_hidden_from_help()
    {
        var r = await ProcessRunner.Run(Path.Combine(build.Install.BinDir, "kubectl-skupper"), ["--help"], _home);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("token");
        r.Out.ShouldNotContain("complete");
    }

    public void Dispose() => _home.Dispose();
}
