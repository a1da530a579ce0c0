using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport.Unit;
using Xunit;

namespace Skupper.Plugins.Expose.Tests.Unit;

/// <summary>
/// <c>connector create</c> and <c>update</c>'s <c>--include-not-ready[=BOOL]</c> (a typed boolean the Connector carries as
/// <c>spec.includeNotReadyPods</c>) and the invocation name in the help's examples, with an in-memory cluster.
/// </summary>
public sealed class ConnectorOptionsTests : IDisposable
{
    private readonly UnitCli _cli = new(new ExposePlugin());

    public ConnectorOptionsTests() => _cli.Cluster.Put("sites", new JsonObject
    {
        ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Site", ["metadata"] = new JsonObject { ["name"] = "west" },
        ["status"] = new JsonObject { ["status"] = "Ready" },
    });

    public void Dispose() => _cli.Dispose();

    private JsonNode? IncludeNotReady() => _cli.Cluster.Object("connectors", "db").ShouldNotBeNull()["spec"]!["includeNotReadyPods"];

    [Fact]
    public async Task Include_not_ready_reaches_the_connector_and_an_update_turns_it_off()
    {
        var r = await _cli.RunAsync("connector", "create", "db", "5432", "--include-not-ready", "--wait", "none");
        r.ExitCode.ShouldBe(0, r.ToString());
        IncludeNotReady()!.GetValue<bool>().ShouldBeTrue();

        r = await _cli.RunAsync("connector", "update", "db", "--include-not-ready=false", "--wait", "none");
        r.ExitCode.ShouldBe(0, r.ToString());
        IncludeNotReady()!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Without_the_option_the_connector_leaves_it_to_the_controller()
    {
        var r = await _cli.RunAsync("connector", "create", "db", "5432", "--wait", "none");
        r.ExitCode.ShouldBe(0, r.ToString());
        IncludeNotReady().ShouldBeNull();
    }

    [Theory]
    [InlineData(new[] { "--include-not-ready=maybe" }, "Error: invalid value \"maybe\" for --include-not-ready: use true or false\n")]
    [InlineData(new[] { "--include-not-ready", "-p", "podman" },
        "Error: --include-not-ready is supported on Kubernetes only, not on platform \"podman\"\n")]
    public async Task A_wrong_include_not_ready_is_one_usage_line_and_creates_nothing(string[] options, string expected)
    {
        var r = await _cli.RunAsync(["connector", "create", "db", "5432", .. options]);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe(expected);
        _cli.Cluster.Objects("connectors").ShouldBeEmpty();
        Directory.Exists(Path.Combine(_cli.DataHome, "namespaces")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("listener", "create", "  # Set the routing key and host explicitly\n" +
                                      "  $ kubectl skupper listener create backend 8080 --routing-key be1 --host apiserver\n")]
    [InlineData("connector", "update", "  # Change the port\n  $ kubectl skupper connector update database --port 3306\n" +
                                      "  Waiting for status...\n  Connector \"database\" is configured.\n\n")]
    [InlineData("connector", "generate", "\n\n  # Generate a Connector resource and direct the output to a file\n" +
                                        "  $ kubectl skupper connector generate backend 8080 > backend.yaml\n\n")]
    public async Task Help_examples_start_with_the_name_the_user_invoked(string group, string verb, string example)
    {
        var r = await _cli.RunAsync(group, verb, "--help");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("\nExamples:\n  # ");
        r.Out.ShouldContain(example);
    }
}
