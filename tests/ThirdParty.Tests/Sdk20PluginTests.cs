using System.Reflection;
using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.ThirdParty.Tests;

/// <summary>
/// The compatibility promise of the SDK: a plugin built against Skupper.Cli.Sdk 2.0.0, the committed package
/// in tests/Fixtures/ThirdParty/sdk-2.0.0 (not this build's SDK), loads and runs unchanged in this host,
/// through the real kubectl against the sandbox.
/// </summary>
[Collection(ThirdPartyCollection.Name)]
public sealed class Sdk20PluginTests(BuiltPlugins built, ControllerOffSandbox sandbox) : IClassFixture<ControllerOffSandbox>, IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private async Task<string> InstallAsync()
    {
        _home.Variables["KUBECONFIG"] = sandbox.Server.KubeconfigPath;
        return BuiltPlugins.Install(await built.Sdk20Plugin, _home.UserPlugins, "compat");
    }

    private string NewNamespace()
    {
        var name = $"compat-{Guid.NewGuid().ToString("N")[..8]}";
        sandbox.Server.Put("", "v1", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        return name;
    }

    [Fact]
    public async Task It_loads_and_runs_on_this_hosts_newer_SDK()
    {
        var folder = await InstallAsync();
        var hostSdk = AssemblyName.GetAssemblyName(Path.Combine(ManagedHostDir, "Skupper.Cli.Sdk.dll")).Version!;
        // Meaningful only while the host is past 2.0 and still of major 2.
        (hostSdk.Major, hostSdk.Minor > 0).ShouldBe((2, true), $"host SDK {hostSdk}");

        var r = await Kubectl(_home, "skupper", "plugin", "list");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("");
        r.Out.Split('\n').Single(l => l.StartsWith("compat "))
            .Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ShouldBe(["compat", "1.0.0", "ok", "compat versions, compat sites, compat grant", $"{folder} (user)"]);

        // Compiled against the package's 2.0.0.0, bound at run time to the host's assembly: no copy of its own.
        r = await Kubectl(_home, "skupper", "compat", "versions");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe($"built against Skupper.Cli.Sdk 2.0.0.0, running on {hostSdk}\n");
        r.Err.ShouldBe("");
        Directory.GetFiles(folder).Select(Path.GetFileName).ShouldNotContain("Skupper.Cli.Sdk.dll");

        r = await Kubectl(_home, "skupper", "compat", "grant", "--help");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldStartWith("Create an access grant.\n");
        r.Out.ShouldContain("Usage: kubectl skupper compat grant <name> [options]");
        r.Out.ShouldContain("--expiration-window <DURATION>");
    }

    [Fact]
    public async Task Its_commands_read_and_change_the_cluster_through_the_SDK_2_0_contract()
    {
        await InstallAsync();
        var ns = NewNamespace();

        var r = await Kubectl(_home, "skupper", "compat", "sites", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe($"There are no sites in namespace {ns}\n");

        sandbox.Server.PutSkupper("sites", ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "west" },
            ["spec"] = new JsonObject(),
            ["status"] = new JsonObject { ["status"] = "Ready", ["message"] = "OK" },
        });
        r = await Kubectl(_home, "skupper", "compat", "sites", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("");
        r.Out.ShouldBe("NAME  STATUS\nwest  Ready\n");

        r = await Kubectl(_home, "skupper", "compat", "sites", "-o", "yaml", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("kind: Site");
        r.Out.ShouldContain("name: west");

        r = await Kubectl(_home, "skupper", "compat", "grant", "west-grant", "--redemptions", "3", "--expiration-window", "30m", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("");
        r.Out.ShouldBe("Access grant \"west-grant\" created: 3 redemptions within 30m0s\n");
        var grant = sandbox.Server.GetSkupper("accessgrants", ns, "west-grant").ShouldNotBeNull();
        grant["spec"]!["redemptionsAllowed"]!.GetValue<int>().ShouldBe(3);
        grant["spec"]!["expirationWindow"]!.GetValue<string>().ShouldBe("30m0s");

        // The SDK 2.0 checks, gathered and worded by the host's SDK: a usage error, nothing created.
        r = await Kubectl(_home, "skupper", "compat", "grant", "East", "--redemptions", "0", "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Out.ShouldBe("");
        var errors = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        errors.ShouldContain(e => e.StartsWith("Error: \"East\" is not a valid name", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("Error: invalid value \"0\" for --redemptions", StringComparison.Ordinal));
        sandbox.Server.List("skupper.io", "v2alpha1", "accessgrants", ns).Select(g => g["metadata"]!["name"]!.GetValue<string>())
            .ShouldBe(["west-grant"]);
    }
}
