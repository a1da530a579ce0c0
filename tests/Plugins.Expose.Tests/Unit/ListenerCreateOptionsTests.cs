using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Cli.TestSupport.Unit;
using Skupper.Plugins.Expose;
using Xunit;

namespace Skupper.Plugins.Expose.Tests.Unit;

/// <summary><c>listener create</c>'s options as the Listener carries them, and its refusals, with an in-memory cluster: option reading and validation in milliseconds a case.</summary>
public sealed class ListenerCreateOptionsTests : IDisposable
{
    private readonly UnitCli _cli = new(new ExposePlugin());

    public ListenerCreateOptionsTests()
    {
        _cli.Cluster.Put("sites", new JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Site", ["metadata"] = new JsonObject { ["name"] = "west" },
            ["status"] = new JsonObject { ["status"] = "Ready" },
        });
        _cli.Cluster.Put("secrets", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "db-tls" } });
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Options_reach_the_listener()
    {
        var r = await _cli.RunAsync("listener", "create", "db", "5432", "--host", "db.example", "--routing-key", "db-key",
            "--tls-credentials", "db-tls", "--wait", "none");
        r.ExitCode.ShouldBe(0, r.ToString());
        var spec = _cli.Cluster.Object("listeners", "db").ShouldNotBeNull()["spec"]!;
        spec["port"]!.GetValue<int>().ShouldBe(5432);
        spec["host"]!.GetValue<string>().ShouldBe("db.example");
        spec["routingKey"]!.GetValue<string>().ShouldBe("db-key");
        spec["tlsCredentials"]!.GetValue<string>().ShouldBe("db-tls");
    }

    [Fact]
    public async Task Defaults_are_the_name_for_host_and_routing_key()
    {
        var r = await _cli.RunAsync("listener", "create", "db", "5432", "--wait", "none");
        r.ExitCode.ShouldBe(0, r.ToString());
        var spec = _cli.Cluster.Object("listeners", "db").ShouldNotBeNull()["spec"]!;
        spec["host"]!.GetValue<string>().ShouldBe("db");
        spec["routingKey"]!.GetValue<string>().ShouldBe("db");
    }

    [Theory]
    [InlineData("70000", new string[0], "70000", 2)]
    [InlineData("5432", new[] { "--wait", "sometimes" }, "--wait", 2)]
    [InlineData("5432", new[] { "--host", "bad host!" }, "--host", 2)]
    // Not a usage error: the command line is right, the cluster lacks what it names.
    [InlineData("5432", new[] { "--tls-credentials", "missing-tls" }, "the Secret \"missing-tls\" named by --tls-credentials does not exist", 1)]
    public async Task Bad_input_is_one_error_line_and_creates_nothing(string port, string[] options, string expected, int exit)
    {
        var r = await _cli.RunAsync(["listener", "create", "db", port, .. options]);
        r.ExitCode.ShouldBe(exit, r.ToString());
        r.Err.ShouldStartWith("Error: ");
        r.Err.ShouldContain(expected);
        _cli.Cluster.Objects("listeners").ShouldBeEmpty();
    }
}
