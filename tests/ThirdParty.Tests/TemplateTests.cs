using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.ThirdParty.Tests;

/// <summary>
/// templates/skupper-plugin: installed into a private template hive (the machine's template list is
/// never touched), instantiated into a temporary folder, built against the packed SDK, installed and
/// run through kubectl against the sandbox.
/// </summary>
[Collection(ThirdPartyCollection.Name)]
public sealed class TemplateTests(BuiltPlugins built, ControllerOffSandbox sandbox) : IClassFixture<ControllerOffSandbox>, IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task The_template_makes_a_plugin_that_builds_installs_and_runs()
    {
        var hive = Path.Combine(built.Root, "template-hive");
        // Installed from the template package, as docs/plugins.md says.
        var template = Path.Combine(await built.TemplateFeed, $"Skupper.Cli.Templates.{await built.SdkVersionAsync()}.nupkg");
        var installed = await built.DotnetAsync("new", "install", template, "--debug:custom-hive", hive);
        installed.Out.ShouldContain($"Success: Skupper.Cli.Templates@{await built.SdkVersionAsync()} installed");

        var project = Path.Combine(built.Root, "src", "backup");
        await built.DotnetAsync("new", "skupper-plugin", "-n", "Contoso.Skupper.Backup", "--group", "backup",
            "--sdk-version", await built.SdkVersionAsync(), "-o", project, "--debug:custom-hive", hive);
        Directory.GetFiles(project).Select(Path.GetFileName).Order().ShouldBe(
            [".gitignore", "Contoso.Skupper.Backup.csproj", "Plugin.cs", "README.md", "nuget.config"]);
        var code = File.ReadAllText(Path.Combine(project, "Plugin.cs"));
        code.ShouldContain("namespace Contoso.Skupper.Backup;");
        code.ShouldContain("registrar.Group(\"backup\"");
        File.ReadAllText(Path.Combine(project, "Contoso.Skupper.Backup.csproj"))
            .ShouldContain($"<PackageReference Include=\"Skupper.Cli.Sdk\" Version=\"{await built.SdkVersionAsync()}\" ExcludeAssets=\"runtime\" />");
        // The machine's own template list does not have it.
        var machineTemplates = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".templateengine");
        if (Directory.Exists(machineTemplates))
            Directory.GetFiles(machineTemplates, "*.json", SearchOption.AllDirectories)
                .ShouldNotContain(f => File.ReadAllText(f).Contains("Skupper.Cli.Templates.Plugin"));

        // Built as its README says, with the package where its nuget.config looks.
        BuiltPlugins.CopyPackages(await built.SdkFeed, Path.Combine(project, "packages"));
        var publish = Path.Combine(built.Root, "publish", "backup");
        await built.DotnetAsync("publish", project, "-c", "Release", "-o", publish);
        Directory.GetFiles(publish).Select(Path.GetFileName).Order().ShouldBe(
        [
            "Contoso.Skupper.Backup.deps.json", "Contoso.Skupper.Backup.dll", "Contoso.Skupper.Backup.pdb",
            "Contoso.Skupper.Backup.runtimeconfig.json",
        ]);

        BuiltPlugins.Install(publish, _home.UserPlugins, "backup");
        _home.Variables["KUBECONFIG"] = sandbox.Server.KubeconfigPath;
        var r = await Kubectl(_home, "skupper", "plugin", "list");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.Split('\n').Single(l => l.StartsWith("backup ")).Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(4).ShouldBe(["backup", "1.0.0", "ok", "backup status"]);

        var ns = $"backup-{Guid.NewGuid().ToString("N")[..8]}";
        sandbox.Server.Put("", "v1", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        r = await Kubectl(_home, "skupper", "backup", "status", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe($"There are no sites in namespace {ns}\n");

        sandbox.Server.PutSkupper("sites", ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "west" },
            ["spec"] = new JsonObject(),
            ["status"] = new JsonObject { ["status"] = "Ready", ["message"] = "OK" },
        });
        r = await Kubectl(_home, "skupper", "backup", "status", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("");
        r.Out.ShouldBe("NAME  STATUS  MESSAGE\nwest  Ready   OK\n");

        r = await Kubectl(_home, "skupper", "backup", "status", "-o", "yaml", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("kind: Site");

        // Its hook event, backup.status.before, reaches a hook exporting beforeBackupStatus.
        var hooks = Path.Combine(_home.ConfigHome, "skupper", "hooks");
        Directory.CreateDirectory(hooks);
        File.SetUnixFileMode(hooks, (UnixFileMode)0b111_101_101);
        var hook = Path.Combine(hooks, "freeze.js");
        File.WriteAllText(hook, "export function beforeBackupStatus(ctx) { refuse(`frozen: ${ctx.namespace}`); }\n");
        File.SetUnixFileMode(hook, (UnixFileMode)0b110_100_100);
        r = await Kubectl(_home, "skupper", "backup", "status", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: hook {hook} refused: frozen: {ns}\n");
        File.Delete(hook);

        r = await Kubectl(_home, "skupper", "backup", "status", "-o", "xml", "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe("Error: invalid value \"xml\" for --output: choose json or yaml\n");

        // Off Kubernetes it reads the files the bundled "site create" writes, through the SDK's shared store.
        r = await Kubectl(_home, "skupper", "backup", "status", "--platform", "podman", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe($"There are no sites in namespace {ns}\n");
        r = await Kubectl(_home, "skupper", "site", "create", "east", "--platform", "podman", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r = await Kubectl(_home, "skupper", "backup", "status", "--platform", "podman", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("");
        r.Out.ShouldBe("NAME  STATUS   MESSAGE\neast  Pending  -\n");
    }
}
