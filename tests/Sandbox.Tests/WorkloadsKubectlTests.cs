namespace Skupper.Sandbox.Tests;

/// <summary>
/// The real kubectl against what the simulated controller deploys for a site (SkupperWorkloads) and the pods' log
/// subresource (PodLogs): what kube-apiserver answers, through kubectl's own wording.
/// </summary>
public sealed class WorkloadsKubectlTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxServer _server;
    private readonly Kubectl _kubectl;

    public WorkloadsKubectlTests(SandboxFixture fixture)
    {
        _server = fixture.Server;
        _kubectl = new Kubectl(_server);
    }

    public void Dispose() => _kubectl.Dispose();

    [Fact]
    public async Task A_ready_site_has_its_router_deployment_pod_logs_and_rbac_and_previous_logs_follow_restarts()
    {
        _server.PutSkupper("sites", "east", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "east" } });
        await _server.WaitForStatusAsync("sites", "east", "east");
        var pod = (await _kubectl.OkAsync("get", "pods", "-n", "east", "-l", "skupper.io/component=router", "-o", "name")).Trim();
        pod.ShouldStartWith("pod/skupper-router-");
        (await _kubectl.OkAsync("get", "deployment,replicaset,role,rolebinding,configmap,service,endpoints", "-n", "east", "-o", "name"))
            .ShouldContain("deployment.apps/skupper-router\n");

        // pkg/registry/core/pod/strategy.go, LogLocation: two containers and none named is a 400 naming both.
        var unnamed = await _kubectl.RunAsync("get", "--raw", $"/api/v1/namespaces/east/pods/{pod[4..]}/log");
        unnamed.Stderr.ShouldContain($"a container name must be specified for pod {pod[4..]}, choose one of: [router kube-adaptor]");
        (await _kubectl.OkAsync("logs", pod, "-c", "router", "-n", "east")).ShouldContain("ROUTER (info) Router started in Interior mode\n");
        var previous = await _kubectl.RunAsync("logs", pod, "-c", "router", "--previous", "-n", "east");
        previous.ExitCode.ShouldBe(1, previous.ToString());
        previous.Stderr.ShouldContain($"Error from server (BadRequest): previous terminated container \"router\" in pod \"{pod[4..]}\" not found");

        _server.Workloads.Logs.Restart("east", pod[4..], "router");
        (await _kubectl.OkAsync("logs", pod, "-c", "router", "--previous", "-n", "east")).ShouldContain("Router started");
        (await _kubectl.OkAsync("get", pod, "-n", "east", "-o", "jsonpath={.status.containerStatuses[0].restartCount}")).ShouldBe("1");
        (await _kubectl.OkAsync("get", "crd", "sites.skupper.io", "-o", "name")).ShouldBe("customresourcedefinition.apiextensions.k8s.io/sites.skupper.io\n");
    }
}
