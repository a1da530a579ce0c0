using System.Text.Json;
using Shouldly;
using Skupper.Cli.Host.Cli;
using Skupper.Cli.TestSupport;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// <c>-o json|yaml</c> on the host's own reports (version, plugin list, hook list): the user-facing
/// field names documented in docs/output.md, the same fields in both formats, one usage error for
/// anything else.
/// </summary>
public class ReportOutputTests : IDisposable
{
    private readonly TestHome _home = new();
    private readonly string _hooks;

    public ReportOutputTests()
    {
        _hooks = Path.Combine(_home.Root, "hooks");
        Directory.CreateDirectory(_hooks);
        File.SetUnixFileMode(_hooks, (UnixFileMode)0b111_101_101);
        _home.Variables["SKUPPER_HOOKS_PATH"] = _hooks;
    }

    public void Dispose()
    {
        _home.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string V => BuiltInCommands.HostVersion;

    [Fact]
    public async Task Version_reports_the_cli_and_each_plugin_in_yaml_and_json()
    {
        var yaml = await KubectlSkupper(_home, "version", "-o", "yaml");
        yaml.ExitCode.ShouldBe(0, yaml.ToString());
        yaml.Err.ShouldBeEmpty();
        yaml.Out.ShouldBe($"""
            name: kubectl-skupper
            version: {V}
            plugins:
            - name: debug
              version: {V}
              status: ok
            - name: expose
              version: {V}
              status: ok
            - name: link
              version: {V}
              status: ok
            - name: site
              version: {V}
              status: ok
            - name: system
              version: {V}
              status: ok
            - name: token
              version: {V}
              status: ok

            """);

        var json = await KubectlSkupper(_home, "version", "--output", "json");
        json.ExitCode.ShouldBe(0, json.ToString());
        var root = JsonDocument.Parse(json.Out).RootElement;
        root.GetProperty("name").GetString().ShouldBe("kubectl-skupper");
        root.GetProperty("version").GetString().ShouldBe(V);
        root.GetProperty("plugins").EnumerateArray().Select(p => $"{p.GetProperty("name")} {p.GetProperty("version")} {p.GetProperty("status")}")
            .ShouldBe([$"debug {V} ok", $"expose {V} ok", $"link {V} ok", $"site {V} ok", $"system {V} ok", $"token {V} ok"]);
    }

    [Fact]
    public async Task Plugin_list_json_uses_the_documented_names_and_no_internal_ones()
    {
        var r = await KubectlSkupper(_home, "plugin", "list", "-o", "json");
        r.ExitCode.ShouldBe(0, r.ToString());
        var site = JsonDocument.Parse(r.Out).RootElement.GetProperty("plugins").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "site");
        site.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)
            .ShouldBe(["commands", "folder", "name", "source", "status", "version"]);
        site.GetProperty("commands").EnumerateArray().Select(c => c.GetString())
            .ShouldBe(["site create", "site update", "site delete", "site status", "site generate"]);
        site.GetProperty("folder").GetString().ShouldBe(Path.Combine(ManagedHostDir, "plugins", "site"));
        site.GetProperty("source").GetString().ShouldBe("bundled");
        r.Out.ShouldNotContain("Fingerprint", Case.Insensitive);
        r.Out.ShouldNotContain("entryAssembly", Case.Insensitive);
    }

    [Fact]
    public async Task Plugin_list_yaml_holds_the_same_fields()
    {
        var r = await KubectlSkupper(_home, "plugin", "list", "-o", "yaml");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldStartWith($"""
            plugins:
            - name: debug
              version: {V}
              status: ok
              commands:
              - debug dump
              folder: {Path.Combine(ManagedHostDir, "plugins", "debug")}
              source: bundled
            - name: expose
              version: {V}
              status: ok
              commands:
              - listener create
              - listener update
              - listener delete
              - listener status
              - listener generate
              - connector create
              - connector update
              - connector delete
              - connector status
              - connector generate
              folder: {Path.Combine(ManagedHostDir, "plugins", "expose")}
              source: bundled
            - name: link
              version: {V}
              status: ok
              commands:
              - link generate
              - link update
              - link delete
              - link status
              folder: {Path.Combine(ManagedHostDir, "plugins", "link")}
              source: bundled
            - name: site
              version: {V}
              status: ok
              commands:
              - site create
              - site update
              - site delete
              - site status
              - site generate
              folder: {Path.Combine(ManagedHostDir, "plugins", "site")}
              source: bundled

            """);
    }

    [Fact]
    public async Task Hook_list_yaml_and_json_show_status_and_the_reason_of_a_refusal()
    {
        var ok = Path.Combine(_hooks, "a.js");
        await File.WriteAllTextAsync(ok, "export function beforeTokenIssue(ctx) {}");
        File.SetUnixFileMode(ok, (UnixFileMode)0b110_100_100);
        var bad = Path.Combine(_hooks, "b.js");
        await File.WriteAllTextAsync(bad, "export function afterTokenIssue(ctx) {}");
        File.SetUnixFileMode(bad, (UnixFileMode)0b110_100_110);

        var yaml = await KubectlSkupper(_home, "hook", "list", "-o", "yaml");
        yaml.ExitCode.ShouldBe(0, yaml.ToString());
        yaml.Out.ShouldContain($"""
            hooks:
            - name: a.js
              path: {ok}
              folder: {_hooks}
              source: SKUPPER_HOOKS_PATH
              events:
              - token.issue.before
              exports:
              - beforeTokenIssue
              failurePolicy: Fail
              status: ok
            - name: b.js

            """);

        var json = await KubectlSkupper(_home, "hook", "list", "-o", "json");
        json.ExitCode.ShouldBe(0, json.ToString());
        var hooks = JsonDocument.Parse(json.Out).RootElement.GetProperty("hooks").EnumerateArray().ToList();
        hooks.Select(h => $"{h.GetProperty("name")} {h.GetProperty("status")}").ShouldBe(["a.js ok", "b.js refused"]);
        hooks[1].GetProperty("refused").GetString()!.ShouldContain("is writable by others");
        hooks[0].TryGetProperty("refused", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("version")]
    [InlineData("plugin", "list")]
    [InlineData("hook", "list")]
    public async Task An_unknown_format_is_one_usage_error_naming_the_choices(params string[] command)
    {
        var r = await KubectlSkupper(_home, [.. command, "-o", "table"]);

        r.ExitCode.ShouldBe(2, r.ToString());
        r.Out.ShouldBeEmpty();
        r.Err.ShouldBe("Error: invalid value \"table\" for --output: choose json or yaml\n");
    }
}
