using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.System.Tests;

/// <summary>
/// <c>system generate-bundle</c>: what the tarball holds, a self-extracting bundle installing the site into another (private)
/// data home, and bad input. No engine is involved: the bundles are for linux where one is run, which needs no engine.
/// </summary>
public sealed class BundleTests : IDisposable
{
    private readonly TestHome _home = new();
    private readonly TestHome _other = new();

    private string Bundles => Path.Combine(_home.SkupperData, "bundles");

    private Task<RunResult> Skupper(params string[] args) => ProcessRunner.KubectlSkupper(_home, args);

    [Fact]
    public async Task A_tarball_holds_the_rendered_site_with_placeholders_and_its_install_script_and_the_namespace_is_untouched()
    {
        (await Skupper("site", "create", "west", "--enable-link-access", "-n", "west", "--platform", "podman")).ExitCode.ShouldBe(0);

        var r = await Skupper("system", "generate-bundle", "west-site", "-n", "west", "--platform", "podman");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe(
            "Site \"west\" has been created (as a distributable bundle)\n" +
            $"Installation bundle available at: {Bundles}/west-site.tar.gz\n" +
            "Default namespace: west\n" +
            "Default platform: podman\n");
        var entries = await ReadTarGzAsync(Path.Combine(Bundles, "west-site.tar.gz"));
        entries.Keys.ShouldContain("install.sh");
        entries.Keys.ShouldContain("west/input/resources/Site-west.yaml");
        entries.Keys.ShouldContain("west/runtime/issuers/skupper-site-ca/ca.crt");
        entries.Keys.ShouldContain("west/runtime/certs/west/tls.key");
        entries.Keys.ShouldContain("west/internal/scripts/start.sh");
        entries.Keys.ShouldContain("west/internal/scripts/skupper.service.container");
        entries.Keys.ShouldContain(k => k.StartsWith("west/runtime/links/link-west-", StringComparison.Ordinal));
        entries["install.sh"].Mode.ShouldBe((UnixFileMode)0b111_101_101);
        entries["west/runtime/certs/west/tls.key"].Mode.ShouldBe((UnixFileMode)0b110_100_000);
        entries["install.sh"].Text.ShouldContain("SITE_NAME=\"west\"");
        entries["west/runtime/router/skrouterd.json"].Text.ShouldContain("{{.SiteId}}");
        var create = entries["west/internal/scripts/containers_create.sh"];
        create.Text.ShouldContain("{{.ContainerEngine}} run -d --name=west-skupper-router --user={{.RunAs}}");
        create.Text.ShouldContain("--volume={{.NamespacesPath}}/west/runtime/router:/etc/skupper-router/config:z");
        create.Text.ShouldContain("--label=skupper.io/site-id={{.SiteId}}");
        entries["west/internal/scripts/skupper.service.container"].Text
            .ShouldContain("ExecStart=/bin/bash {{.NamespacesPath}}/west/internal/scripts/start.sh");
        Directory.GetFileSystemEntries(Path.Combine(_home.SkupperData, "namespaces", "west")).Select(Path.GetFileName).ShouldBe(["input"]);
    }

    [Fact]
    public async Task A_shell_script_bundle_installs_the_site_into_another_data_home_once_and_removes_it_with_x()
    {
        (await Skupper("site", "create", "west", "--platform", "linux")).ExitCode.ShouldBe(0);
        (await Skupper("listener", "create", "db", "5432", "--platform", "linux")).ExitCode.ShouldBe(0);
        var r = await Skupper("system", "generate-bundle", "west", "--type", "shell-script", "--platform", "linux");
        r.ExitCode.ShouldBe(0, r.ToString());
        var bundle = Path.Combine(Bundles, "west.sh");
        File.GetUnixFileMode(bundle).ShouldBe((UnixFileMode)0b111_101_101);

        var install = await ProcessRunner.Run("sh", [bundle], _other);

        install.ExitCode.ShouldBe(0, install.ToString());
        var target = Path.Combine(_other.SkupperData, "namespaces", "default");
        install.Out.ShouldStartWith(
            "Skupper site bundle installation\nNamespace : default\nSite name : west\nPlatform  : linux\n" +
            $"Definition: {target}/input/resources\n");
        install.Out.ShouldEndWith("Site \"west\" is now running on namespace \"default\"\n");
        File.ReadAllText(Path.Combine(target, "internal", "platform.yaml")).ShouldBe("platform: linux\n");
        File.Exists(Path.Combine(target, "input", "resources", "Listener-db.yaml")).ShouldBeTrue();
        var config = File.ReadAllText(Path.Combine(target, "runtime", "router", "skrouterd.json"));
        config.ShouldContain("\"tcpListener\"");
        var siteId = JsonNode.Parse(JsonNode.Parse(config)![0]![1]!["metadata"]!.GetValue<string>())!["id"]!.GetValue<string>();
        Guid.TryParse(siteId, out _).ShouldBeTrue(siteId);
        var unit = File.ReadAllText(Path.Combine(target, "internal", "scripts", "skupper.service.linux"));
        unit.ShouldContain($"ExecStart=skrouterd -c {target}/runtime/router/skrouterd.json\n");
        unit.ShouldContain($"Environment=\"SKUPPER_SITE_ID={siteId}\"\n");
        Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("{{.", StringComparison.Ordinal)).ShouldBeEmpty();
        File.GetUnixFileMode(Path.Combine(target, "runtime", "certs", "skupper-local-server", "tls.key"))
            .ShouldBe((UnixFileMode)0b110_100_000);
        Directory.EnumerateDirectories(Path.GetTempPath(), "skupper-bundle.*").ShouldBeEmpty();

        var again = await ProcessRunner.Run("sh", [bundle], _other);
        again.ExitCode.ShouldBe(1, again.ToString());
        again.Out.ShouldStartWith("Failed: namespace \"default\" is already defined\n");

        var remove = await ProcessRunner.Run("sh", [bundle, "-x"], _other);
        remove.ExitCode.ShouldBe(0, remove.ToString());
        Directory.Exists(target).ShouldBeFalse();
    }

    [Theory]
    [InlineData(new[] { "--type", "zip" }, 2, "Error: invalid value \"zip\" for --type")]
    [InlineData(new string[0], 2, "Error: You need to specify a name for the bundle file to generate.")]
    [InlineData(new[] { "--input", "no-such-dir" }, 2, "Error: The input path does not exist: ")]
    [InlineData(new[] { "../escape" }, 2, "Error: invalid bundle name \"../escape\"")]
    public async Task Bad_input_is_one_error_line_and_writes_no_bundle(string[] args, int exit, string error)
    {
        (await Skupper("site", "create", "west", "--platform", "podman")).ExitCode.ShouldBe(0);
        var r = await Skupper([.. "system generate-bundle".Split(' '), .. args, .. Named(args), "--platform", "podman"]);

        r.ExitCode.ShouldBe(exit, r.ToString());
        r.Err.ShouldStartWith(error);
        r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("Error:", StringComparison.Ordinal)).ShouldBe(1);
        Directory.Exists(Bundles).ShouldBeFalse();
    }

    /// <summary>A bundle name for the cases that are about something else.</summary>
    private static string[] Named(string[] args) => args.Length > 0 && args[0].StartsWith("--", StringComparison.Ordinal) ? ["b"] : [];

    [Fact]
    public async Task Without_input_resources_it_says_where_it_looked()
    {
        var r = await Skupper("system", "generate-bundle", "b", "-n", "east", "--platform", "podman");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith($"Error: No sources found at: {_home.SkupperData}/namespaces/east/input/resources\n");
        Directory.Exists(Bundles).ShouldBeFalse();
    }

    private static async Task<Dictionary<string, (UnixFileMode Mode, string Text)>> ReadTarGzAsync(string file)
    {
        var entries = new Dictionary<string, (UnixFileMode, string)>();
        await using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            if (entry.EntryType is not TarEntryType.RegularFile) continue;
            using var reader = new StreamReader(entry.DataStream!);
            entries[entry.Name] = (entry.Mode, await reader.ReadToEndAsync());
        }
        return entries;
    }

    public void Dispose()
    {
        _home.Dispose();
        _other.Dispose();
    }
}
