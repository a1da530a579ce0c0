using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace Skupper.Cli.ThirdParty.Tests;

/// <summary>
/// The build checks the SDK package brings (build/Skupper.Cli.Sdk.targets, docs/plugins.md "Build checks"):
/// tiny plugin projects built against the packed SDK, each with one way of referencing it.
/// </summary>
[Collection(ThirdPartyCollection.Name)]
public sealed partial class BuildCheckTests(BuiltPlugins built)
{
    private const string Sdk = "<PackageReference Include=\"Skupper.Cli.Sdk\" Version=\"VERSION\" ExcludeAssets=\"runtime\" />";
    private const string SdkShipped = "<PackageReference Include=\"Skupper.Cli.Sdk\" Version=\"VERSION\" />";
    private const string KubernetesClient = "<PackageReference Include=\"KubernetesClient\" Version=\"21.0.8\" />";

    // "PATH : warning SKUPPER001: TEXT", with " [PROJECT]" after it when MSBuild names the project.
    [GeneratedRegex(@"warning (SKUPPER\d+): ([^\r\n]*?)(?: \[[^\]\r\n]*\])?\r?$", RegexOptions.Multiline)]
    private static partial Regex SkupperWarning();

    /// <summary>Builds a one-class plugin whose project has <paramref name="items"/>: its SKUPPER warnings, and the output.</summary>
    private async Task<(IReadOnlyList<(string Code, string Text)> Warnings, string Output)> BuildAsync(
        string name, string items, string properties = "")
    {
        var version = await built.SdkVersionAsync();
        var folder = Path.Combine(built.Root, "src", $"check-{name}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="skupper-sdk" value="{await built.SdkFeed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "Check.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <EnableDynamicLoading>true</EnableDynamicLoading>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {items.Replace("VERSION", version)}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Plugin.cs"),
            "public sealed class Plugin : Skupper.Cli.Sdk.ISkupperPlugin\n{\n" +
            "    public void Register(Skupper.Cli.Sdk.ICommandRegistrar r) { }\n}\n");
        var r = await built.DotnetAsync("build", folder, "-nologo");
        var warnings = SkupperWarning().Matches(r.Out).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).Distinct().ToList();
        return (warnings, r.Out);
    }

    private string Output(string name, string file) => Path.Combine(built.Root, "src", $"check-{name}", "bin", "Debug", "net10.0", file);

    [Fact]
    public async Task A_plugin_that_references_the_SDK_as_documented_builds_without_a_warning()
    {
        var (warnings, output) = await BuildAsync("good", Sdk);
        warnings.ShouldBeEmpty(output);
        File.Exists(Output("good", "Check.dll")).ShouldBeTrue(output);
        File.Exists(Output("good", "Skupper.Cli.Sdk.dll")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_direct_KubernetesClient_reference_is_SKUPPER001()
    {
        var (warnings, output) = await BuildAsync("kubernetesclient", Sdk + KubernetesClient);
        warnings.Select(w => w.Code).ShouldBe(["SKUPPER001"], output);
        warnings[0].Text.ShouldBe(
            "Remove the PackageReference to KubernetesClient: Skupper.Cli.Sdk already brings the KubernetesClient that the " +
            "kubectl-skupper host provides at run time, and a reference of your own can select another version, which fails " +
            "to compile (CS7069) or to run in the host. Reach the raw client through context.Cluster.Client.");
    }

    [Fact]
    public async Task An_SDK_reference_without_ExcludeAssets_runtime_is_SKUPPER002_and_would_ship_copies_the_host_never_loads()
    {
        var version = await built.SdkVersionAsync();
        var (warnings, output) = await BuildAsync("shipped", SdkShipped);
        warnings.Select(w => w.Code).ShouldBe(["SKUPPER002"], output);
        warnings[0].Text.ShouldBe(
            "Reference Skupper.Cli.Sdk with ExcludeAssets=\"runtime\": the kubectl-skupper host provides Skupper.Cli.Sdk and " +
            "KubernetesClient at run time, shared by every plugin, so the copies this reference puts into your plugin's folder " +
            $"are never loaded. Write <PackageReference Include=\"Skupper.Cli.Sdk\" Version=\"{version}\" ExcludeAssets=\"runtime\" />.");
        // What the warning says: the copies are there.
        File.Exists(Output("shipped", "Skupper.Cli.Sdk.dll")).ShouldBeTrue(output);
        File.Exists(Output("shipped", "KubernetesClient.dll")).ShouldBeTrue(output);
    }

    [Fact]
    public async Task NoWarn_silences_one_check_and_leaves_the_other()
    {
        var (warnings, output) = await BuildAsync("nowarn", SdkShipped + KubernetesClient, "<NoWarn>$(NoWarn);SKUPPER001</NoWarn>");
        warnings.Select(w => w.Code).ShouldBe(["SKUPPER002"], output);
    }
}
