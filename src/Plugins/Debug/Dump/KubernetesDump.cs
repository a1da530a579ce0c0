using System.Text.Json;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Debug.Dump;

/// <summary>
/// What the Go CLI's dump reads from a cluster (internal/cmd/skupper/debug/kube/debug.go), by plain GETs so that each
/// object is kept as the server sent it. Layout as the Go CLI's: <c>versions/</c>, <c>site-namespace/</c> (the namespace's
/// events, endpoints, Skupper CRDs and resources, the router's deployments) and <c>controller-namespace/</c> (the
/// controller's). What the cluster refuses or does not serve is noted in README.txt and the dump goes on; only a cluster
/// that cannot be reached at all fails the command.
/// </summary>
internal sealed class KubernetesDump(IClusterAccess cluster, DumpArchive archive, CancellationToken cancellationToken)
{
    private const string SitePath = "site-namespace/";
    private const string ControllerPath = "controller-namespace/";

    // As the Go CLI's getDeployments, Run and its ConfigMap and Service lists.
    private static readonly string[] RouterDeployments = ["skupper-router", "network-observer", "network-observer-prometheus"];
    private static readonly string[] ConfigMaps = ["skupper-router", "skupper-network-status", "prometheus-server-config"];
    private static readonly string[] RouterServices =
        ["skupper", "skupper-router", "skupper-router-local", "network-observer", "network-observer-prometheus", "skupper-grant-server"];

    private readonly List<JsonObject> _images = [];
    private readonly KubernetesReads _read = new(cluster, cancellationToken);
    private string Namespace => cluster.Namespace;

    public async Task CollectAsync()
    {
        // The one read that must succeed: without it there is no cluster to dump.
        var version = await _read.JsonAsync("/version").ConfigureAwait(false);
        archive.AddYaml("versions/kubernetes", new JsonObject { ["serverVersion"] = version });

        var ns = Namespace;
        await Try("events", () => AddListAsync(SitePath + "events", "v1", ns, "events")).ConfigureAwait(false);
        await Try("endpoints", () => AddListAsync(SitePath + "resources/endpoints", "v1", ns, "endpoints")).ConfigureAwait(false);
        foreach (var name in RouterDeployments) await DeploymentAsync(SitePath, ns, name).ConfigureAwait(false);
        await Try("Skupper CRDs", CrdsAsync).ConfigureAwait(false);
        foreach (var name in ConfigMaps) await ObjectAsync(SitePath, ns, "v1", "configmaps", "ConfigMap", name).ConfigureAwait(false);
        foreach (var name in RouterServices) await ObjectAsync(SitePath, ns, "v1", "services", "Service", name).ConfigureAwait(false);
        await Try("Skupper resources", SkupperResourcesAsync).ConfigureAwait(false);
        await Try("the skupper-controller deployment", ControllerAsync).ConfigureAwait(false);

        archive.AddYaml("versions/skupper", new JsonObject { ["images"] = new JsonArray([.. _images]) });
    }

    /// <summary>Runs one part of the dump; what the cluster refuses there is noted, and the rest goes on.</summary>
    private async Task Try(string what, Func<Task> part)
    {
        try
        {
            await part().ConfigureAwait(false);
        }
        catch (SkupperException e)
        {
            archive.LeaveOut(what, e.Message);
        }
    }

    private async Task AddListAsync(string name, string apiVersion, string ns, string plural)
    {
        if (await _read.JsonAsync(KubernetesReads.Path(apiVersion, ns, plural)).ConfigureAwait(false) is { } list)
            archive.AddYaml(name, list);
    }

    private Task ObjectAsync(string root, string ns, string apiVersion, string plural, string kind, string name) =>
        Try($"{kind} {ns}/{name}", async () =>
        {
            if (await _read.JsonAsync(KubernetesReads.Path(apiVersion, ns, plural, name)).ConfigureAwait(false) is { } obj)
                archive.AddYaml($"{root}resources/{kind}-{name}", obj, kind);
        });

    /// <summary>
    /// A deployment and what belongs to it, as getDeployments collects it: its pods with their logs, the Role and
    /// RoleBinding of its name, its ReplicaSets. Pods and ReplicaSets are those its selector matches (the Go CLI matches
    /// a label of the deployment's name, which the controller's pods do not all carry).
    /// </summary>
    private Task DeploymentAsync(string root, string ns, string name) => Try($"Deployment {ns}/{name}", async () =>
    {
        var path = KubernetesReads.Path("apps/v1", ns, "deployments", name);
        if (await _read.JsonAsync(path).ConfigureAwait(false) is not JsonObject deployment) return;
        archive.AddYaml($"{root}resources/Deployment-{name}", deployment, "Deployment");
        foreach (var container in deployment["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? [])
            _images.Add(new JsonObject
            {
                ["deployment"] = name, ["namespace"] = ns,
                ["container"] = container?["name"]?.DeepClone(), ["image"] = container?["image"]?.DeepClone(),
            });
        var selector = KubernetesReads.Selector(deployment);
        if (selector is not null)
        {
            await Try($"pods of {ns}/{name}", () => new PodDump(_read, archive, root).CollectAsync(ns, selector)).ConfigureAwait(false);
            await Try($"ReplicaSets of {ns}/{name}", async () =>
            {
                foreach (var rs in await _read.ItemsAsync("apps/v1", ns, "replicasets", selector).ConfigureAwait(false))
                    archive.AddYaml($"{root}resources/ReplicaSet-{KubernetesReads.Name(rs)}", rs, "ReplicaSet");
            }).ConfigureAwait(false);
        }
        await ObjectAsync(root, ns, "rbac.authorization.k8s.io/v1", "roles", "Role", name).ConfigureAwait(false);
        await ObjectAsync(root, ns, "rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding", name).ConfigureAwait(false);
    });

    /// <summary>The names of the cluster's Skupper CRDs (the Go CLI lists every CRD's name).</summary>
    private async Task CrdsAsync()
    {
        var list = await _read.JsonAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions").ConfigureAwait(false);
        var names = (list?["items"] as JsonArray ?? [])
            .Where(c => c?["spec"]?["group"]?.GetValue<string>() == "skupper.io")
            .Select(c => KubernetesReads.Name(c!)).Order(StringComparer.Ordinal).Select(n => (JsonNode)n).ToArray();
        archive.AddYaml(SitePath + "resources/crds", new JsonArray(names));
    }

    /// <summary>Every kind the cluster's skupper.io API serves (its discovery document), every object of it in the namespace.</summary>
    private async Task SkupperResourcesAsync()
    {
        const string groupVersion = "skupper.io/v2alpha1";
        if (await _read.JsonAsync("/apis/" + groupVersion).ConfigureAwait(false) is not { } discovery)
        {
            archive.LeaveOut("Skupper resources", $"the cluster does not serve {groupVersion}: Skupper is not installed");
            return;
        }
        foreach (var resource in (discovery["resources"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var plural = resource["name"]?.GetValue<string>() ?? "";
            var kind = resource["kind"]?.GetValue<string>() ?? "";
            if (plural.Contains('/') || resource["namespaced"]?.GetValueKind() != JsonValueKind.True) continue;
            await Try($"{plural}.skupper.io", async () =>
            {
                foreach (var item in await _read.ItemsAsync(groupVersion, Namespace, plural).ConfigureAwait(false))
                    archive.AddYaml($"{SitePath}resources/{kind}-{KubernetesReads.Name(item)}", item, kind);
            }).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The controller: in the namespace, as the Go CLI looks for it, else (a cluster-wide install, the usual one) wherever
    /// a deployment of that name carries the label the Go CLI selects its pods by.
    /// </summary>
    private async Task ControllerAsync()
    {
        var ns = Namespace;
        if (await _read.JsonAsync(KubernetesReads.Path("apps/v1", ns, "deployments", "skupper-controller")).ConfigureAwait(false) is null)
        {
            var all = await _read.JsonAsync("/apis/apps/v1/deployments?labelSelector=" +
                Uri.EscapeDataString("application=skupper-controller")).ConfigureAwait(false);
            var found = (all?["items"] as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(d => KubernetesReads.Name(d) == "skupper-controller");
            if (found?["metadata"]?["namespace"]?.GetValue<string>() is not { } other)
            {
                archive.LeaveOut("the skupper-controller deployment", "not found in any namespace this user can list");
                return;
            }
            ns = other;
        }
        await DeploymentAsync(ControllerPath, ns, "skupper-controller").ConfigureAwait(false);
        await ObjectAsync(ControllerPath, ns, "v1", "services", "Service", "skupper-grant-server").ConfigureAwait(false);
    }
}
