using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.ThirdParty.Tests;

/// <summary>
/// The version rule seen from a third party: the sample built against SDK 2.99.0 (the SDK packed a
/// second time with -p:Version=2.99.0) is refused by this 2.x host, which says what it needs; every
/// other command keeps working.
/// </summary>
[Collection(ThirdPartyCollection.Name)]
public sealed class FutureSdkTests(BuiltPlugins built) : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task A_plugin_built_against_a_newer_SDK_minor_is_refused_and_nothing_else_breaks()
    {
        var hostVersion = await built.SdkVersionAsync();
        var folder = BuiltPlugins.Install(await built.FutureGrantPlugin, _home.UserPlugins, "grant");
        var warning = $"Warning: plugin \"grant\" in {folder} not loaded: " +
                      $"built for SDK 2.99: needs kubectl skupper 2.99 or later (this is {hostVersion})\n";

        var r = await Kubectl(_home, "skupper", "version");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain(hostVersion);
        r.Err.ShouldBe(warning);

        r = await Kubectl(_home, "skupper", "token", "--help");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("issue");
        r.Out.ShouldContain("redeem");
        r.Err.ShouldBe(warning);

        r = await Kubectl(_home, "skupper", "plugin", "list");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.Split('\n').Single(l => l.StartsWith("grant ")).ShouldContain(
            $"broken: built for SDK 2.99: needs kubectl skupper 2.99 or later (this is {hostVersion})");

        // Its commands are absent, not half-loaded.
        r = await Kubectl(_home, "skupper", "grant", "status");
        r.ExitCode.ShouldNotBe(0, r.ToString());
        r.Err.ShouldContain(warning.TrimEnd());
    }

    [Fact]
    public async Task The_same_plugin_built_against_the_hosts_SDK_loads_from_a_folder_of_SKUPPER_PLUGIN_PATH()
    {
        var root = Path.Combine(_home.Root, "team-plugins");
        _home.Variables["SKUPPER_PLUGIN_PATH"] = root;
        var folder = BuiltPlugins.Install(await built.GrantPlugin, root, "grant");
        var r = await Kubectl(_home, "skupper", "grant", "--help");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("");
        r.Out.ShouldContain("status");

        r = await Kubectl(_home, "skupper", "plugin", "list");
        r.Out.Split('\n').Single(l => l.StartsWith("grant ")).ShouldEndWith($"{folder} (SKUPPER_PLUGIN_PATH)");
    }
}
