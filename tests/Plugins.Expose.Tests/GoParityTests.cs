using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Expose.Tests;

/// <summary>
/// What a user of the Skupper Go CLI types and reads (internal/cmd/skupper/{listener,connector}): <c>--type</c>, <c>-r</c>,
/// the 10 s minimum of <c>--timeout</c>, the MESSAGE column, <c>generate -n</c>, and <c>status -o</c> printing the
/// resources themselves. Through the built CLI against the sandbox.
/// </summary>
public sealed class GoParityTests(InstantSandbox fixture) : SandboxTestBase(fixture.Server), IClassFixture<InstantSandbox>
{
    private const string TimeoutRefused = "Error: invalid value \"5s\" for --timeout: it must be at least 10s\n";

    [Fact]
    public async Task Type_and_r_are_the_go_cli_spellings_and_the_old_type_names_still_work()
    {
        var home = NewHome();
        var ns = await SiteAsync("west");

        (await Skupper(home, "listener", "create", "db", "5432", "--type", "tcp", "--wait", "none", "-n", ns)).ExitCode.ShouldBe(0);
        (await Skupper(home, "listener", "create", "old", "5432", "--listener-type", "tcp", "--wait", "none", "-n", ns)).ExitCode.ShouldBe(0);
        var connector = await Skupper(home, "connector", "create", "be", "8080", "-r", "be1", "--type", "tcp", "--wait", "none", "-n", ns);
        connector.ExitCode.ShouldBe(0, connector.ToString());
        Get("listeners", ns, "db")!["spec"]!["type"]!.GetValue<string>().ShouldBe("tcp");
        Get("listeners", ns, "old")!["spec"]!["type"]!.GetValue<string>().ShouldBe("tcp");
        Get("connectors", ns, "be")!["spec"]!.ToJsonString().ShouldBe("""{"routingKey":"be1","port":8080,"selector":"app=be","type":"tcp"}""");

        var update = await Skupper(home, "connector", "update", "be", "-r", "be2", "--connector-type", "tcp", "--wait", "none", "-n", ns);
        update.ExitCode.ShouldBe(0, update.ToString());
        Get("connectors", ns, "be")!["spec"]!["routingKey"]!.GetValue<string>().ShouldBe("be2");
        (await Skupper(home, "listener", "update", "db", "--listener-type", "tcp", "--wait", "none", "-n", ns)).ExitCode.ShouldBe(0);

        // A wrong value is named as the user spelled the option.
        var wrong = await Skupper(home, "listener", "update", "db", "--type", "udp", "-n", ns);
        wrong.ExitCode.ShouldBe(2, wrong.ToString());
        wrong.Err.ShouldBe("Error: invalid value \"udp\" for --type: choose tcp\n");
        wrong = await Skupper(home, "listener", "update", "db", "--listener-type", "udp", "-n", ns);
        wrong.Err.ShouldBe("Error: invalid value \"udp\" for --listener-type: choose tcp\n");

        // -r is the connector's only, as in the Go CLI.
        var listenerR = await Skupper(home, "listener", "create", "x", "1", "-r", "key", "-n", ns);
        listenerR.ExitCode.ShouldBe(2, listenerR.ToString());
        listenerR.Err.ShouldStartWith("Error: unknown shorthand flag: 'r' in -r\n");
        List("listeners", ns).Count.ShouldBe(2);
    }

    [Fact]
    public async Task The_help_shows_type_and_r_and_hides_the_old_type_names()
    {
        var home = NewHome();
        foreach (var (kind, verb) in new[] { ("listener", "create"), ("listener", "update"), ("connector", "create"), ("connector", "generate") })
        {
            var help = await Skupper(home, kind, verb, "--help");
            help.ExitCode.ShouldBe(0, help.ToString());
            help.Out.ShouldContain("\n  --type <TYPE>  ");
            help.Out.ShouldNotContain($"{kind}-type");
        }
        (await Skupper(home, "connector", "update", "--help")).Out.ShouldContain("\n  -r|--routing-key <KEY>  ");
        (await Skupper(home, "connector", "generate", "--help")).Out.ShouldContain("\n  --routing-key <KEY>  ");
        (await Skupper(home, "listener", "create", "--help")).Out.ShouldContain("\n  --routing-key <KEY>  ");
        var typo = await Skupper(home, "listener", "create", "db", "1", "--listener-typ", "tcp");
        typo.ExitCode.ShouldBe(2, typo.ToString());
        typo.Err.ShouldNotContain("--listener-type");
        var complete = await Skupper(home, "__complete", "listener", "create", "db", "1", "--");
        complete.ExitCode.ShouldBe(0, complete.ToString());
        complete.Out.Split('\n').ShouldContain(l => l.StartsWith("--type\t", StringComparison.Ordinal));
        complete.Out.ShouldNotContain("listener-type");
    }

    [Fact]
    public async Task A_timeout_under_10s_is_refused_on_create_update_and_delete_and_nothing_changes()
    {
        var home = NewHome();
        var ns = await SiteAsync("west");
        (await Skupper(home, "connector", "create", "be", "8080", "--wait", "none", "-n", ns)).ExitCode.ShouldBe(0);

        foreach (var args in new[]
                 {
                     new[] { "listener", "create", "db", "5432" }, ["connector", "create", "db", "5432"],
                     ["connector", "update", "be", "--port", "9090"], ["listener", "update", "be", "--port", "9090"],
                     ["connector", "delete", "be"], ["listener", "delete", "be"],
                 })
        {
            var r = await Skupper(home, [.. args, "--timeout", "5s", "-n", ns]);
            r.ExitCode.ShouldBe(2, r.ToString());
            r.Err.ShouldStartWith(TimeoutRefused, Case.Sensitive, string.Join(' ', args));
        }
        List("listeners", ns).ShouldBeEmpty();
        List("connectors", ns).Single()["spec"]!["port"]!.GetValue<int>().ShouldBe(8080);

        var ten = await Skupper(home, "connector", "update", "be", "--port", "9090", "--timeout", "10s", "-n", ns);
        ten.ExitCode.ShouldBe(0, ten.ToString());
        Get("connectors", ns, "be")!["spec"]!["port"]!.GetValue<int>().ShouldBe(9090);
    }

    [Fact]
    public async Task Status_as_json_or_yaml_prints_each_resource_as_the_cluster_holds_it_spec_and_status_included()
    {
        var home = NewHome();
        var ns = await SiteAsync("west");
        (await Skupper(home, "listener", "create", "db", "5432", "--routing-key", "pg", "-n", ns)).ExitCode.ShouldBe(0);
        (await Skupper(home, "connector", "create", "be", "8080", "--host", "10.0.0.1", "-n", ns)).ExitCode.ShouldBe(0);
        var held = await Server.WaitForStatusAsync("listeners", ns, "db", "Pending");

        var one = await Skupper(home, "listener", "status", "db", "-o", "json", "-n", ns);
        one.ExitCode.ShouldBe(0, one.ToString());
        var listener = JsonNode.Parse(one.Out)!.AsObject();
        listener["spec"]!.ToJsonString().ShouldBe(held["spec"]!.ToJsonString());
        listener["status"]!["status"]!.GetValue<string>().ShouldBe("Pending");
        listener["status"]!["message"]!.GetValue<string>().ShouldBe("No matching connectors");
        listener["status"]!["conditions"]!.AsArray().ShouldNotBeEmpty();
        listener["metadata"]!["uid"]!.GetValue<string>().ShouldBe(held["metadata"]!["uid"]!.GetValue<string>());
        listener["metadata"]!["namespace"]!.GetValue<string>().ShouldBe(ns);

        var all = await Skupper(home, "connector", "status", "-o", "json", "-n", ns);
        all.ExitCode.ShouldBe(0, all.ToString());
        var list = JsonNode.Parse(all.Out)!;
        list["kind"]!.GetValue<string>().ShouldBe("List");
        var item = list["items"]!.AsArray().Single()!;
        item["kind"]!.GetValue<string>().ShouldBe("Connector");
        item["spec"]!.ToJsonString().ShouldBe("""{"routingKey":"be","port":8080,"host":"10.0.0.1"}""");
        item["status"]!["status"]!.GetValue<string>().ShouldNotBeNullOrEmpty();

        var yaml = await Skupper(home, "listener", "status", "-o", "yaml", "-n", ns);
        yaml.ExitCode.ShouldBe(0, yaml.ToString());
        yaml.Out.ShouldContain("\n  spec:\n    routingKey: pg\n    host: db\n    port: 5432\n");
        yaml.Out.ShouldContain("\n  status:\n");
        yaml.Out.ShouldContain("    message: No matching connectors\n");

        (await Skupper(home, "connector", "status", "-o", "name", "-n", ns)).Out.ShouldBe("connector.skupper.io/be\n");
    }

    [Fact]
    public async Task Generate_writes_the_namespace_given_with_n_as_the_go_cli_does()
    {
        var home = NewHome();
        var listener = await Skupper(home, "listener", "generate", "backend", "8080", "-n", "west");
        listener.ExitCode.ShouldBe(0, listener.ToString());
        listener.Out.ShouldStartWith("apiVersion: skupper.io/v2alpha1\nkind: Listener\nmetadata:\n  name: backend\n  namespace: west\nspec:\n");

        var connector = await Skupper(home, "connector", "generate", "backend", "8080", "-o", "json", "-n", "east", "--platform", "podman");
        connector.ExitCode.ShouldBe(0, connector.ToString());
        JsonNode.Parse(connector.Out)!["metadata"]!.ToJsonString().ShouldBe("""{"name":"backend","namespace":"east"}""");

        var bad = await Skupper(home, "connector", "generate", "backend", "8080", "-n", "East_1");
        bad.ExitCode.ShouldBe(2, bad.ToString());
        bad.Err.ShouldStartWith("Error: invalid namespace: \"East_1\" is not a valid name");
        bad.Out.ShouldBeEmpty();
    }
}
