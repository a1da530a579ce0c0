using System.Formats.Tar;
using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace Skupper.Packaging.Tests;

/// <summary>
/// The generated manifest against krew's own rules (pkg/index/validation/validate.go, the
/// checks of cmd/validate-krew-manifest, and the install steps), written out as tests.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class ManifestTests(ReleaseBuild build)
{
    private Manifest M => build.Manifest;

    // krew's validate-krew-manifest: the <os,arch> pairs krew runs on.
    private static readonly (string Os, string Arch)[] KrewPlatforms =
    [
        ("windows", "386"), ("windows", "amd64"), ("windows", "arm64"), ("linux", "386"), ("linux", "amd64"),
        ("linux", "arm"), ("linux", "arm64"), ("linux", "ppc64le"), ("darwin", "386"), ("darwin", "amd64"), ("darwin", "arm64"),
    ];

    private static readonly string[] WindowsForbidden =
        ["CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
         "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"];

    /// <summary>The generated one, and the release manifest committed beside the template.</summary>
    public static TheoryData<string> Manifests => new() { "generated", "committed" };

    private Manifest Pick(string which) =>
        which == "generated" ? M : Manifest.Load(Path.Combine(ReleaseBuild.RepoRoot, "packaging", "krew", "skupper.yaml"));

    [Theory, MemberData(nameof(Manifests))]
    public void Api_version_and_kind_are_the_ones_krew_supports(string which)
    {
        var m = Pick(which);
        m.ApiVersion.ShouldBe("krew.googlecontainertools.github.com/v1alpha2");
        m.Kind.ShouldBe("Plugin");
    }

    [Theory, MemberData(nameof(Manifests))]
    public void Name_is_safe_lower_case_and_matches_the_file_name(string which)
    {
        var m = Pick(which);
        m.Name.ShouldBe("skupper");
        // krew-index keeps a plugin's manifest as plugins/<name>.yaml: the committed manifest must be that file.
        var committed = Path.Combine(ReleaseBuild.RepoRoot, "packaging", "krew", $"{m.Name}.yaml");
        File.Exists(committed).ShouldBeTrue(committed);
        m.Name!.ShouldMatch(@"^[\w-]+$");
        m.Name.ShouldBe(m.Name!.ToLowerInvariant());
        WindowsForbidden.ShouldNotContain(m.Name!.ToUpperInvariant());
    }

    [Theory, MemberData(nameof(Manifests))]
    public void Version_is_semver_with_a_leading_v_and_comes_from_SkupperCliVersion(string which)
    {
        var m = Pick(which);
        // krew: must start with "v", then k8s ParseSemantic (MAJOR.MINOR.PATCH[-pre][+build]).
        m.Version!.ShouldMatch(@"^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$");
        m.Version.ShouldBe("v" + ReleaseBuild.Version);
    }

    [Theory, MemberData(nameof(Manifests))]
    public void Short_description_is_one_line_that_krew_search_shows_whole(string which)
    {
        var m = Pick(which);
        m.ShortDescription.ShouldNotBeNullOrWhiteSpace();
        m.ShortDescription.ShouldNotContain("\n");
        m.ShortDescription.ShouldNotContain("\r");
        // krew has no hard limit; `kubectl krew search` cuts it at 50 characters (limitString).
        m.ShortDescription!.Length.ShouldBeLessThanOrEqualTo(50);
    }

    [Theory, MemberData(nameof(Manifests))]
    public void Documentation_fields_follow_krews_guidelines(string which)
    {
        // krew's plugin-manifest guide: shortDescription a tagline without redundant words;
        // description what the plugin does, without a list of commands or options; caveats only an
        // extra step the plugin needs to work, not documentation.
        var m = Pick(which);
        m.Homepage.ShouldStartWith("https://");
        m.ShortDescription!.ShouldNotContain("kubectl", Case.Insensitive);
        m.ShortDescription!.ShouldNotContain("plugin", Case.Insensitive);
        m.Description!.ShouldContain("Skupper v2 command-line client");
        m.Description!.ShouldNotContain("kubectl skupper ", customMessage: "no command list in the description");
        m.Description!.ShouldNotContain("--", customMessage: "no options in the description");
        m.Description!.ShouldNotContain("`", customMessage: "no command examples in the description");
        m.UnknownFields.ShouldBeEmpty("krew ignores unknown fields silently: a typo would be lost");
        m.Text.ShouldNotContain("@", customMessage: "a template placeholder was left unreplaced");
    }

    [Theory, MemberData(nameof(Manifests))]
    public void Caveats_hold_only_the_completion_step_as_a_copy_into_krews_bin(string which)
    {
        var m = Pick(which);
        KrewInstaller.CaveatCommands(m).ShouldBe(
            [$"cp \"${{KREW_ROOT:-$HOME/.krew}}/store/skupper/{m.Version}/kubectl_complete-skupper\" \"${{KREW_ROOT:-$HOME/.krew}}/bin/\""]);
        m.Caveats!.ShouldContain($@"copy ""%USERPROFILE%\.krew\store\skupper\{m.Version}\kubectl_complete-skupper.cmd"" ""%USERPROFILE%\.krew\bin\""");
        // Usage and folders are documentation (README.md, docs/), not a post-install step.
        foreach (var moved in new[] { "ln ", "enable-link-access", "hooks", "plugins/", "plugin list", "token issue" })
            m.Caveats!.ShouldNotContain(moved, Case.Insensitive);
        m.Caveats!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeLessThanOrEqualTo(6);
    }

    [Theory, MemberData(nameof(Manifests))]
    public void Every_platform_has_uri_sha256_bin_files_and_a_supported_selector(string which)
    {
        var m = Pick(which);
        m.Platforms.ShouldNotBeEmpty();
        foreach (var p in m.Platforms)
        {
            p.Uri.ShouldNotBeNullOrEmpty();
            p.Uri.ShouldStartWith("https://");
            (p.Uri!.EndsWith(".tar.gz", StringComparison.Ordinal) || p.Uri.EndsWith(".zip", StringComparison.Ordinal)).ShouldBeTrue(p.Uri);
            p.Sha256!.ShouldMatch("^[a-f0-9]{64}$");
            p.Bin.ShouldNotBeNullOrEmpty();
            p.HasSelector.ShouldBeTrue();
            (p.MatchLabels is { Count: > 0 } || p.MatchExpressions is { Count: > 0 }).ShouldBeTrue("empty selector is not supported");
            var keys = (p.MatchLabels?.Keys ?? []).Concat(p.MatchExpressions?.Select(e => e.Key) ?? []);
            keys.ShouldAllBe(k => k == "os" || k == "arch");
            // pkg/index/validation/validate.go, validatePlatform: "can't have a plugin without
            // specifying file operations" (older krews also took an absent `files` as "*" to ".").
            p.Files.ShouldNotBeNull("krew's validation wants file operations");
            p.Files.ShouldNotBeEmpty("krew's validation wants file operations");
            foreach (var f in p.Files)
            {
                f.From.ShouldNotBeNullOrEmpty();
                f.To.ShouldNotBeNullOrEmpty();
            }
            KrewPlatforms.Any(k => p.Matches(k.Os, k.Arch)).ShouldBeTrue($"{p.Uri} matches no platform krew runs on");
        }
    }

    [Theory, MemberData(nameof(Manifests))]
    public void No_platform_krew_runs_on_is_matched_by_two_entries(string which)
    {
        var m = Pick(which);
        foreach (var (os, arch) in KrewPlatforms)
            m.Platforms.Count(p => p.Matches(os, arch)).ShouldBeLessThanOrEqualTo(1, $"{os}/{arch}");
    }

    [Fact]
    public void The_committed_release_manifest_covers_the_five_platforms_with_the_archive_type_krew_expects()
    {
        var m = Pick("committed");
        var expected = new[] { ("linux", "amd64"), ("linux", "arm64"), ("darwin", "amd64"), ("darwin", "arm64"), ("windows", "amd64") };
        foreach (var (os, arch) in expected)
        {
            var p = m.Platforms.Single(p => p.Matches(os, arch));
            p.Uri.ShouldEndWith($"-{os}-{arch}{(os == "windows" ? ".zip" : ".tar.gz")}");
            p.Bin.ShouldBe(os == "windows" ? "kubectl-skupper.exe" : "kubectl-skupper");
        }
        m.Platforms.Count.ShouldBe(expected.Length);
        m.Platforms.Select(p => p.Sha256).Distinct().Count().ShouldBe(expected.Length);
    }

    [Fact]
    public void The_generated_manifest_has_the_built_platform_and_the_release_url()
    {
        var p = M.Platforms.ShouldHaveSingleItem();
        p.Matches("linux", "amd64").ShouldBeTrue();
        p.Uri.ShouldBe($"https://example.test/releases/v{ReleaseBuild.Version}/kubectl-skupper-v{ReleaseBuild.Version}-linux-amd64.tar.gz");
    }

    [Fact]
    public void Sha256_is_the_archives()
    {
        M.Platforms.Single().Sha256.ShouldBe(KrewInstaller.Sha256Of(build.ArchivePath));
    }

    [Fact]
    public void Every_files_from_is_in_the_archive()
    {
        var entries = KrewInstaller.List(build.ArchivePath);
        var top = entries.Keys.Select(k => k.TrimEnd('/')).Where(k => !k.Contains('/')).ToList();
        foreach (var f in M.Platforms.Single().EffectiveFiles)
        {
            var from = f.From!.TrimEnd('/');
            if (from.IndexOfAny(['*', '?', '[']) < 0)
                entries.Keys.ShouldContain(k => k == from || k == from + "/", $"files.from {from}");
            else
                top.ShouldContain(k => Regex.IsMatch(k, "^" + Regex.Escape(from).Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$"), $"files.from {from}");
        }
    }

    [Fact]
    public void Bin_is_in_the_archive_executable_and_named_kubectl_skupper()
    {
        var bin = M.Platforms.Single().Bin!;
        bin.ShouldBe("kubectl-skupper");
        var entries = KrewInstaller.List(build.ArchivePath);
        entries.ShouldContainKey(bin);
        entries[bin].Type.ShouldBeOneOf(TarEntryType.RegularFile, TarEntryType.V7RegularFile);
        entries[bin].Mode.HasFlag(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute).ShouldBeTrue(entries[bin].Mode.ToString());
    }
}
