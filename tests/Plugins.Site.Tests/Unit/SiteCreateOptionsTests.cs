using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Cli.TestSupport.Unit;
using Skupper.Plugins.Site;
using Xunit;

namespace Skupper.Plugins.Site.Tests.Unit;

/// <summary>
/// <c>site create</c>'s options as the Site carries them, on Kubernetes (an in-memory cluster whose "controller" makes
/// the site Ready at once) and in the files of the other platforms, and its refusals: through the host's parser, in
/// milliseconds a case. The controller's real behaviour is the end-to-end tests' (against the sandbox).
/// </summary>
public sealed class SiteCreateOptionsTests : IDisposable
{
    private readonly UnitCli _cli = new(new SitePlugin());

    public SiteCreateOptionsTests() =>
        _cli.Cluster.OnCreate = (plural, site) => site["status"] = new JsonObject
        {
            ["status"] = "Ready", ["message"] = "OK",
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "Ready", ["message"] = "OK" }),
        };

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Link_access_options_reach_the_site()
    {
        var r = await _cli.RunAsync("site", "create", "west", "--enable-link-access", "--link-access-type", "loadbalancer", "--enable-ha");
        r.ExitCode.ShouldBe(0, r.ToString());
        var site = _cli.Cluster.Object("sites", "west").ShouldNotBeNull();
        site["spec"]!["linkAccess"]!.GetValue<string>().ShouldBe("loadbalancer");
        site["spec"]!["ha"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Off_kubernetes_the_site_is_a_file_in_the_data_home()
    {
        var r = await _cli.RunAsync("site", "create", "west", "--enable-link-access", "-p", "podman");
        r.ExitCode.ShouldBe(0, r.ToString());
        var file = Path.Combine(_cli.DataHome, "namespaces", "default", "input", "resources", "Site-west.yaml");
        File.ReadAllText(file).ShouldContain("linkAccess: default");
        _cli.Cluster.Objects("sites").ShouldBeEmpty();
    }

    [Theory]
    [InlineData(new[] { "--link-access-type", "loadbalancer" }, "--link-access-type needs link access: add --enable-link-access")]
    [InlineData(new[] { "--enable-link-access", "--link-access-type", "nodeport" }, "--link-access-type")]
    [InlineData(new[] { "--timeout", "soon" }, "--timeout")]
    public async Task Bad_options_are_one_usage_line_and_create_nothing(string[] options, string expected)
    {
        var r = await _cli.RunAsync(["site", "create", "west", .. options]);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldStartWith("Error: ");
        r.Err.ShouldContain(expected);
        _cli.Cluster.Objects("sites").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_name_that_is_no_kubernetes_name_is_refused_before_anything_is_created()
    {
        var r = await _cli.RunAsync("site", "create", "West_1");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldContain("West_1");
        _cli.Cluster.Objects("sites").ShouldBeEmpty();
    }
}
