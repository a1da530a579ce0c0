using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Expose.Tests;

/// <summary>Listeners and connectors on Kubernetes, end to end through kubectl-skupper and the sandbox's controller.</summary>
public sealed class KubernetesTests(InstantSandbox fixture) : SandboxTestBase(fixture.Server), IClassFixture<InstantSandbox>
{
    [Fact]
    public async Task A_connector_in_west_and_a_listener_in_east_are_ready_once_the_sites_are_linked()
    {
        var home = NewHome();
        var west = await SiteAsync("west", linkAccess: true);
        var east = await SiteAsync("east");
        await LinkAsync(home, from: east, to: west);

        var connector = await Skupper(home, "connector", "create", "backend", "8080", "-n", west);
        connector.ExitCode.ShouldBe(0, connector.ToString());
        connector.Out.ShouldBe("Connector \"backend\" is configured.\n");
        connector.Err.ShouldBe("Waiting for status...\n");

        var listener = await Skupper(home, "listener", "create", "backend", "8080", "--wait", "ready", "-n", east);
        listener.ExitCode.ShouldBe(0, listener.ToString());
        listener.Out.ShouldBe("Listener \"backend\" is ready.\n");

        var spec = Get("connectors", west, "backend")!["spec"]!;
        spec.ToJsonString().ShouldBe("""{"routingKey":"backend","port":8080,"selector":"app=backend"}""");
        Get("listeners", east, "backend")!["spec"]!.ToJsonString().ShouldBe("""{"routingKey":"backend","host":"backend","port":8080}""");

        (await Skupper(home, "listener", "status", "-n", east)).Out.ShouldBe(
            "NAME     STATUS  ROUTING-KEY  HOST     PORT  CONNECTORS  MESSAGE\n" +
            "backend  Ready   backend      backend  8080  true        OK\n");
        await Server.WaitForStatusAsync("connectors", west, "backend");
        (await Skupper(home, "connector", "status", "backend", "-n", west)).Out.ShouldBe(
            "Name:                     backend\n" +
            "Status:                   Ready\n" +
            "Message:                  OK\n" +
            "Routing key:              backend\n" +
            "Selector:                 app=backend\n" +
            "Host:                     <none>\n" +
            "Port:                     8080\n" +
            "Has matching listeners:   true\n");
    }

    [Fact]
    public async Task Without_the_other_end_a_listener_stays_pending_and_waiting_for_ready_times_out_saying_why()
    {
        var home = NewHome();
        var ns = await SiteAsync("solo");

        var r = await Skupper(home, "listener", "create", "db", "5432", "--routing-key", "postgres", "--wait", "ready", "--timeout", "10s", "-n", ns);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe("Waiting for status...\n" +
                       "Error: Listener \"db\" is not ready yet: timed out after 10 seconds; last status: No matching connectors\n" +
                       "Check its status with \"kubectl skupper listener status db\".\n");
        // The listener was made: waiting is not a reason to take it back (as the Go CLI and site create do).
        (await Skupper(home, "listener", "status", "db", "-n", ns)).Out.ShouldContain("Message:                   No matching connectors\n");
        // Issue 35's mutation re-check: no match reads "false" in both views, never blank or true.
        (await Skupper(home, "listener", "status", "db", "-n", ns)).Out.ShouldContain("Has matching connectors:   false\n");
        (await Skupper(home, "listener", "status", "-n", ns)).Out.ShouldBe(
            "NAME  STATUS   ROUTING-KEY  HOST  PORT  CONNECTORS  MESSAGE\n" +
            "db    Pending  postgres     db    5432  false       No matching connectors\n");

        // A connector with the same routing key in the same site matches it.
        (await Skupper(home, "connector", "create", "postgres", "5432", "-n", ns)).ExitCode.ShouldBe(0);
        var ready = await Server.WaitForStatusAsync("listeners", ns, "db");
        ready["status"]!["hasMatchingConnector"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_connector_in_a_site_that_is_not_linked_is_no_match()
    {
        // The network is the sites joined by links: the same routing key in an unlinked namespace is another network.
        var home = NewHome();
        var west = await SiteAsync("west");
        var east = await SiteAsync("east");
        (await Skupper(home, "connector", "create", "backend", "8080", "--wait", "none", "-n", west)).ExitCode.ShouldBe(0);

        var r = await Skupper(home, "listener", "create", "backend", "8080", "--wait", "ready", "--timeout", "10s", "-n", east);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldContain("Error: Listener \"backend\" is not ready yet: timed out after 10 seconds; last status: No matching connectors\n");
    }

    [Fact]
    public async Task Update_changes_only_what_is_given_and_delete_waits_until_it_is_gone()
    {
        var home = NewHome();
        var ns = await SiteAsync("west");
        (await Skupper(home, "connector", "create", "backend", "8080", "--selector", "app=be1", "-n", ns)).ExitCode.ShouldBe(0);

        var port = await Skupper(home, "connector", "update", "backend", "--port", "9090", "-n", ns);
        port.ExitCode.ShouldBe(0, port.ToString());
        port.Out.ShouldBe("Connector \"backend\" is configured.\n");
        Get("connectors", ns, "backend")!["spec"]!.ToJsonString().ShouldBe("""{"routingKey":"backend","port":9090,"selector":"app=be1"}""");

        // A host replaces the selector: a connector targets one or the other.
        (await Skupper(home, "connector", "update", "backend", "--host", "db.example.com", "-n", ns)).ExitCode.ShouldBe(0);
        Get("connectors", ns, "backend")!["spec"]!.ToJsonString().ShouldBe("""{"routingKey":"backend","port":9090,"host":"db.example.com"}""");

        var delete = await Skupper(home, "connector", "delete", "backend", "-n", ns);
        delete.ExitCode.ShouldBe(0, delete.ToString());
        delete.Out.ShouldBe("Connector \"backend\" is deleted.\n");
        delete.Err.ShouldBe("Waiting for deletion...\n");
        List("connectors", ns).ShouldBeEmpty();

        var again = await Skupper(home, "connector", "delete", "backend", "-n", ns);
        again.ExitCode.ShouldBe(1);
        again.Err.ShouldBe($"Error: No connector named \"backend\" exists in namespace \"{ns}\"\n");
    }

    [Fact]
    public async Task A_before_hook_sees_the_listener_and_may_refuse_it_before_anything_is_created()
    {
        var home = NewHome();
        var ns = await SiteAsync("west");
        var hooks = Path.Combine(home.Root, "hooks");
        Directory.CreateDirectory(hooks);
        File.SetUnixFileMode(hooks, (UnixFileMode)0b111_101_101);
        var hook = Path.Combine(hooks, "ports.js");
        File.WriteAllText(hook, """
            export function beforeListenerCreate(ctx) {
              if (ctx.port < 1024) refuse(`${ctx.name}: port ${ctx.port} on ${ctx.host} (key ${ctx.routingKey}) is privileged`);
            }
            """);
        File.SetUnixFileMode(hook, (UnixFileMode)0b110_100_100);
        home.Variables["SKUPPER_HOOKS_PATH"] = hooks;

        var refused = await Skupper(home, "listener", "create", "web", "80", "-n", ns);
        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Err.ShouldBe($"Error: hook {hook} refused: web: port 80 on web (key web) is privileged\n");
        List("listeners", ns).ShouldBeEmpty();

        (await Skupper(home, "listener", "create", "web", "8080", "-n", ns)).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Generate_prints_what_create_would_make_for_kubectl_apply()
    {
        var home = NewHome();
        var listener = await Skupper(home, "listener", "generate", "backend", "8080");
        listener.ExitCode.ShouldBe(0, listener.ToString());
        listener.Out.ShouldBe("""
            apiVersion: skupper.io/v2alpha1
            kind: Listener
            metadata:
              name: backend
            spec:
              routingKey: backend
              host: backend
              port: 8080

            """);
        var connector = await Skupper(home, "connector", "generate", "backend", "8080", "--routing-key", "be1", "-o", "json");
        connector.ExitCode.ShouldBe(0, connector.ToString());
        connector.Out.ShouldContain("\"selector\": \"app=backend\"");
        connector.Out.ShouldContain("\"routingKey\": \"be1\"");
    }

    [Fact]
    public async Task Kubectl_runs_the_listener_group_and_its_help_reads_as_the_reference()
    {
        var home = NewHome();
        var help = await Kubectl(home, "skupper", "listener", "create", "--help");
        help.ExitCode.ShouldBe(0, help.ToString());
        help.Out.ShouldStartWith("Create a listener.\n\nPlatforms: Kubernetes, Docker, Podman, Linux\nWaits for: Configured (Kubernetes)\n\n" +
                                 "Usage: kubectl skupper listener create <name> <port> [options]\n");
        help.Out.ShouldContain("  $ kubectl skupper listener create database 5432\n  Waiting for status...\n  Listener \"database\" is configured.\n");
    }

    [Fact]
    public async Task Tls_credentials_must_name_a_secret_in_the_namespace_before_anything_is_made()
    {
        var home = NewHome();
        var ns = await SiteAsync("west");

        var r = await InProcess.KubectlSkupper(home, "listener", "create", "db", "5432", "--tls-credentials", "db-tls", "-n", ns);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: the Secret \"db-tls\" named by --tls-credentials does not exist in namespace \"{ns}\"\n");
        List("listeners", ns).ShouldBeEmpty();

        Server.Put("", "v1", "secrets", ns, new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret", ["type"] = "kubernetes.io/tls",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "db-tls" },
        });
        r = await InProcess.KubectlSkupper(home, "listener", "create", "db", "5432", "--tls-credentials", "db-tls", "--wait", "none", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        Get("listeners", ns, "db")!["spec"]!["tlsCredentials"]!.GetValue<string>().ShouldBe("db-tls");

        r = await InProcess.KubectlSkupper(home, "listener", "update", "db", "--tls-credentials", "other-tls", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: the Secret \"other-tls\" named by --tls-credentials does not exist in namespace \"{ns}\"\n");
        Get("listeners", ns, "db")!["spec"]!["tlsCredentials"]!.GetValue<string>().ShouldBe("db-tls");
    }

    [Fact]
    public async Task Workload_targets_the_pods_a_deployment_or_service_selects_and_bad_workloads_are_refused()
    {
        var home = NewHome();
        var ns = await SiteAsync("west");
        var apply = await ProcessRunner.Run("kubectl", ["apply", "-n", ns, "-f", "-"], home, stdin: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: db
            spec:
              selector:
                matchLabels:
                  tier: data
                  app: db
              template:
                metadata:
                  labels:
                    app: db
                    tier: data
                spec:
                  containers:
                  - name: db
                    image: postgres
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: db-replica
            spec:
              selector:
                app: db-replica
              ports:
              - port: 5432
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: bare
            spec:
              selector:
                matchExpressions:
                - {key: app, operator: Exists}
              template:
                metadata:
                  labels:
                    app: bare
                spec:
                  containers:
                  - name: bare
                    image: busybox
            """);
        apply.ExitCode.ShouldBe(0, apply.ToString());
        apply.Out.ShouldContain("deployment.apps/db created");

        var r = await Skupper(home, "connector", "create", "db", "5432", "--workload", "Deployment/db", "--wait", "none", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        Get("connectors", ns, "db")!["spec"]!.ToJsonString().ShouldBe("""{"routingKey":"db","port":5432,"selector":"app=db,tier=data"}""");

        r = await InProcess.KubectlSkupper(home, "connector", "update", "db", "--workload", "service/db-replica", "--wait", "none", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        Get("connectors", ns, "db")!["spec"]!["selector"]!.GetValue<string>().ShouldBe("app=db-replica");

        r = await InProcess.KubectlSkupper(home, "connector", "create", "x", "1", "--workload", "pod/db", "--selector", "app=x", "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe(
            "Error: invalid value \"pod/db\" for --workload: use TYPE/NAME with TYPE deployment, service, daemonset or statefulset, such as deployment/backend\n" +
            "Error: --workload cannot be combined with --selector or --host: a connector targets one of them\n");

        r = await InProcess.KubectlSkupper(home, "connector", "update", "db", "--workload", "deployment/gone", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: the workload deployment/gone given with --workload does not exist in namespace \"{ns}\"\n");

        r = await InProcess.KubectlSkupper(home, "connector", "create", "bare", "80", "--workload", "statefulset/bare", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        // Issue 35, item 14: matchExpressions narrow the pods; a label=value selector cannot, so it is refused, not dropped.
        r.Err.ShouldBe("Error: the workload statefulset/bare selects its pods with spec.selector.matchExpressions, which a connector's selector " +
                       "(label=value terms) cannot express: give the connector --selector or --host instead\n");
        Get("connectors", ns, "db")!["spec"]!["selector"]!.GetValue<string>().ShouldBe("app=db-replica");
        Get("connectors", ns, "bare").ShouldBeNull();

        // What a server sends is checked as a hand-given --selector is: a number, or a term with a space, is refused.
        Server.Put("", "v1", "services", ns, new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "odd" },
            ["spec"] = new System.Text.Json.Nodes.JsonObject { ["selector"] = new System.Text.Json.Nodes.JsonObject { ["app"] = 5, ["tier"] = "a b" } },
        });
        r = await InProcess.KubectlSkupper(home, "connector", "create", "odd", "80", "--workload", "service/odd", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe("Error: the workload service/odd has a selector that is not label=value terms ({\"app\":5,\"tier\":\"a b\"}): " +
                       "give the connector --selector or --host instead\n");

        r = await InProcess.KubectlSkupper(home, "connector", "create", "y", "1", "--workload", "deployment/db", "--platform", "podman");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldStartWith("Error: --workload");
    }
}
