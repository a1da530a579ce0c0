using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Shouldly;
using Skupper.Cli.Host.Cli;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// IClusterAccess.Resources and IReadyWaiter for the core and apps kinds of ResourceKinds, through the host's own
/// connection against the sandbox: what reaches the cluster, what comes back, and how failures are worded.
/// </summary>
public sealed class ResourceKindsTests : OwnSandboxTest
{

    private ClusterAccess Access(SandboxServer? server = null) =>
        CommandClusterAccess.Create(Home, "--kubeconfig", (server ?? Server).KubeconfigPath, "-n", "west");

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Strategy = new V1DeploymentStrategy { RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = "50%" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "web", Image = "nginx:1.27", Ports = [new V1ContainerPort { ContainerPort = 80, Name = "http" }],
                            Resources = new V1ResourceRequirements
                            {
                                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m") },
                            },
                        },
                    ],
                },
            },
        },
    };

    [Fact]
    public async Task A_deployment_is_written_as_the_apiServer_reads_it_and_read_back_with_itsServer_side_fields()
    {
        using var access = Access();
        var deployments = access.Resources(ResourceKinds.Deployment);

        var made = await deployments.CreateAsync(Deployment("web"), CancellationToken.None);

        var stored = Server.Get("apps", "v1", "deployments", "west", "web").ShouldNotBeNull();
        stored["apiVersion"]!.GetValue<string>().ShouldBe("apps/v1");
        stored["kind"]!.GetValue<string>().ShouldBe("Deployment");
        stored["spec"]!["strategy"]!["rollingUpdate"]!.ToJsonString().ShouldBe("""{"maxSurge":1,"maxUnavailable":"50%"}""");
        stored["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["limits"]!["cpu"]!.GetValue<string>().ShouldBe("500m");
        made.Metadata.Generation.ShouldBe(1);
        made.Spec.Replicas.ShouldBe(1); // the API server's default
        made.Spec.Strategy.RollingUpdate.MaxSurge.Value.ShouldBe("1");
        made.Spec.Template.Spec.Containers[0].Ports[0].ContainerPort.ShouldBe(80);
        made.Spec.Template.Spec.Containers[0].Resources.Limits["cpu"].ToString().ShouldBe("500m");

        var read = (await deployments.GetAsync("web", CancellationToken.None)).ShouldNotBeNull();
        read.Metadata.ResourceVersion.ShouldBe(stored["metadata"]!["resourceVersion"]!.GetValue<string>());
        (await deployments.ListAsync(CancellationToken.None)).Select(d => (d.Kind, d.Metadata.Name)).ShouldBe([("Deployment", "web")]);
        (await deployments.GetAsync("none", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_service_keeps_a_named_and_a_numbered_target_port_and_a_secret_its_bytes()
    {
        using var access = Access();

        await access.Resources(ResourceKinds.Service).CreateAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "db" },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = "db" },
                Ports =
                [
                    new V1ServicePort { Name = "pg", Port = 5432, TargetPort = 5432 },
                    new V1ServicePort { Name = "web", Port = 80, TargetPort = "http" },
                ],
            },
        }, CancellationToken.None);
        await access.Resources(ResourceKinds.Secret).CreateAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "creds" }, Data = new Dictionary<string, byte[]> { ["key"] = [0, 1, 254, 255] },
        }, CancellationToken.None);

        Server.Get("", "v1", "services", "west", "db")!["spec"]!["ports"]!.ToJsonString()
            .ShouldBe("""[{"name":"pg","port":5432,"targetPort":5432},{"name":"web","port":80,"targetPort":"http"}]""");
        Server.Get("", "v1", "secrets", "west", "creds")!["data"]!["key"]!.GetValue<string>().ShouldBe("AAH+/w==");
        var service = (await access.Resources(ResourceKinds.Service).GetAsync("db", CancellationToken.None))!;
        service.Spec.Ports.Select(p => p.TargetPort.Value).ShouldBe(["5432", "http"]);
        var secret = await access.Resources(ResourceKinds.Secret).GetAsync("creds", CancellationToken.None);
        secret!.Data["key"].ShouldBe(new byte[] { 0, 1, 254, 255 });
    }

    [Fact]
    public async Task An_update_of_a_core_object_carries_its_resource_version_and_a_stale_one_is_refused()
    {
        using var access = Access();
        var configMaps = access.Resources(ResourceKinds.ConfigMap);
        var configMap = new V1ConfigMap { Metadata = new() { Name = "app" }, Data = new Dictionary<string, string> { ["k"] = "1" } };
        var made = await configMaps.CreateAsync(configMap, CancellationToken.None);

        made.Data["k"] = "2";
        var updated = await configMaps.UpdateAsync(made, CancellationToken.None);
        updated.Data["k"].ShouldBe("2");
        updated.Metadata.ResourceVersion.ShouldNotBe(made.Metadata.ResourceVersion);

        made.Data["k"] = "3"; // still the first version
        (await Should.ThrowAsync<SkupperException>(() => configMaps.UpdateAsync(made, CancellationToken.None))).Message
            .ShouldStartWith("configmaps \"app\" was changed by someone else while this command ran; run it again (");
        Server.Get("", "v1", "configmaps", "west", "app")!["data"]!["k"]!.GetValue<string>().ShouldBe("2");
    }

    private void SetStatus(string name, JsonObject status)
    {
        var current = Server.Get("apps", "v1", "deployments", "west", name)!;
        current["status"] = status;
        Server.Put("apps", "v1", "deployments", "west", current);
    }

    private static JsonObject Status(long observed, int replicas, int updated, int available, string? progressing = null)
    {
        var status = new JsonObject
        {
            ["observedGeneration"] = observed, ["replicas"] = replicas, ["updatedReplicas"] = updated, ["availableReplicas"] = available,
        };
        if (progressing is not null)
            status["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "Progressing", ["status"] = "False", ["reason"] = progressing });
        return status;
    }

    [Fact]
    public async Task A_wait_on_a_deployment_follows_its_rollout_until_every_replica_is_available()
    {
        using var access = Access();
        await access.Resources(ResourceKinds.Deployment).CreateAsync(Deployment("web"), CancellationToken.None);
        var waiter = new ReadyWaiter(access);
        var seen = new List<string?>();

        var wait = waiter.WaitAsync(ResourceKinds.Deployment, "west", "web", d =>
        {
            var verdict = WaitCheck.RolledOut(d);
            lock (seen) seen.Add(verdict.Message);
            return verdict;
        }, TimeSpan.FromSeconds(30), CancellationToken.None);
        // The wait's first read, before any status: under load the status below could otherwise come first.
        await WaitUntil(() => { lock (seen) return seen.Count > 0; });
        SetStatus("web", Status(observed: 1, replicas: 1, updated: 1, available: 0));
        await WaitUntil(() => { lock (seen) return seen.Contains("0 of 1 updated replicas are available"); });
        SetStatus("web", Status(observed: 1, replicas: 1, updated: 1, available: 1));

        var done = (await wait).ShouldNotBeNull();
        done.Status.AvailableReplicas.ShouldBe(1);
        seen[0].ShouldBe("waiting for the deployment spec update to be observed"); // generation 1, nothing observed yet
    }

    [Fact]
    public async Task A_deployment_wait_times_out_with_the_last_rollout_state_and_fails_at_once_past_the_progress_deadline()
    {
        using var access = Access();
        await access.Resources(ResourceKinds.Deployment).CreateAsync(Deployment("web"), CancellationToken.None);
        var waiter = new ReadyWaiter(access);
        SetStatus("web", Status(observed: 1, replicas: 2, updated: 1, available: 1));

        Task<V1Deployment?> Wait(TimeSpan timeout) =>
            waiter.WaitAsync(ResourceKinds.Deployment, "west", "web", WaitCheck.RolledOut, timeout, CancellationToken.None);

        var timeout = await Should.ThrowAsync<WaitTimeoutException>(() => Wait(TimeSpan.FromSeconds(1)));
        timeout.Message.ShouldBe("timed out after 1 second waiting for Deployment \"web\" to be ready; " +
                                 "last status: 1 old replicas are pending termination");

        SetStatus("web", Status(observed: 1, replicas: 1, updated: 0, available: 0, progressing: "ProgressDeadlineExceeded"));
        var failed = await Should.ThrowAsync<WaitFailedException>(() => Wait(TimeSpan.FromSeconds(30)));
        failed.Message.ShouldBe("Deployment \"web\" failed: deployment \"web\" exceeded its progress deadline");
    }

    [Fact]
    public async Task A_resource_the_cluster_does_not_serve_is_named_as_not_served_even_in_the_skupper_group()
    {
        using var access = Access();

        // The sandbox serves pods (for debug dump) but no PersistentVolumeClaims.
        var claims = access.Resources(new ResourceKind<V1PersistentVolumeClaim>("v1", "PersistentVolumeClaim", "persistentvolumeclaims"));
        var widgets = access.Resources(new ResourceKind<Site>("skupper.io/v2alpha1", "Widget", "widgets"));

        (await Should.ThrowAsync<SkupperException>(() => claims.ListAsync(CancellationToken.None))).Message
            .ShouldBe($"the cluster at {Server.Url} does not serve persistentvolumeclaims (the server could not find the requested resource)");
        (await Should.ThrowAsync<SkupperException>(() => widgets.GetAsync("w", CancellationToken.None))).Message
            .ShouldBe($"the cluster at {Server.Url} does not serve widgets.skupper.io (the server could not find the requested resource)");
    }

    [Fact]
    public async Task Without_skupper_only_a_skupper_kind_says_skupper_is_not_installed()
    {
        var server = await StartAsync(new SandboxOptions { InstallSkupper = false });
        using var access = Access(server);
        var notInstalled = $"Skupper is not installed in the cluster at {server.Url}: the skupper.io/v2alpha1 API is not available. " +
                           "Install Skupper v2 first.";

        (await Should.ThrowAsync<SkupperException>(() => access.Resources<Site>().ListAsync(CancellationToken.None))).Message
            .ShouldBe(notInstalled);
        (await Should.ThrowAsync<SkupperException>(() =>
                new ReadyWaiter(access).WaitAsync<Site>("west", "s", WaitCheck.Ready, TimeSpan.FromSeconds(10), CancellationToken.None)))
            .Message.ShouldBe(notInstalled);

        var configMaps = access.Resources(ResourceKinds.ConfigMap);
        (await configMaps.ListAsync(CancellationToken.None)).ShouldBeEmpty();
        (await configMaps.GetAsync("app", CancellationToken.None)).ShouldBeNull();
        var patch = new JsonObject { ["data"] = new JsonObject() };
        (await Should.ThrowAsync<SkupperException>(() => configMaps.PatchAsync("app", patch, CancellationToken.None))).Message
            .ShouldBe("configmaps \"app\" not found in namespace \"west\"");
        server.Put("", "v1", "configmaps", "west", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "app" } });
        var appeared = await new ReadyWaiter(access)
            .WaitAsync(ResourceKinds.ConfigMap, "west", "app", WaitCheck.Exists, TimeSpan.FromSeconds(10), CancellationToken.None);
        appeared.ShouldNotBeNull().Metadata.Name.ShouldBe("app");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException("the condition never held");
            await Task.Delay(20);
        }
    }
}
