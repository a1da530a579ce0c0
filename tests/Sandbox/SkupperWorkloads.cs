using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Skupper.Sandbox;

/// <summary>
/// The Kubernetes objects a Skupper site runs on, as the real controller and Kubernetes' own controllers leave them, so
/// that what reads them (debug dump) meets them: for a site (skupperproject/skupper internal/kube/site/site.go,
/// checkRole, checkRoleBinding; resources/skupper-router-deployment.yaml and skupper-router-local-service.yaml) the
/// <c>skupper-router</c> ConfigMap, Role, RoleBinding, Deployment, the <c>skupper-router-local</c> Service (and
/// <c>skupper-router</c> with link access); for the controller (cmd/controller's deployment in config/), the
/// <c>skupper-controller</c> Deployment, Role, RoleBinding and the <c>skupper-grant-server</c> Service. For each
/// Deployment, what the deployment and ReplicaSet controllers, the scheduler, the kubelet and the endpoints controller
/// would add: a ReplicaSet, a Running pod with a log per container (<see cref="PodLogs"/>), its events, the Services'
/// endpoints. Made once; nothing updates or deletes them afterwards (there is no garbage collector).
/// </summary>
public sealed class SkupperWorkloads(ResourceStore store, ApiCatalog catalog, PodLogs logs)
{
    /// <summary>The containers' logs: <c>Append</c> a line, <c>Restart</c> a container.</summary>
    public PodLogs Logs => logs;

    public const string RouterImage = "quay.io/skupper/skupper-router:3.4.0";
    public const string AdaptorImage = "quay.io/skupper/kube-adaptor:2.1.0";
    public const string ControllerImage = "quay.io/skupper/controller:2.1.0";

    /// <summary>A site's router, with link access or not.</summary>
    public void EnsureRouter(string ns, string site, bool linkAccess)
    {
        var labels = new JsonObject
        {
            ["app.kubernetes.io/name"] = "skupper-router", ["app.kubernetes.io/part-of"] = "skupper",
            ["application"] = "skupper-router", ["skupper.io/component"] = "router", ["skupper.io/type"] = "site",
        };
        Create("", "configmaps", ns, new JsonObject
        {
            ["metadata"] = Meta("skupper-router"),
            ["data"] = new JsonObject { ["skrouterd.json"] = $"[[\"router\",{{\"id\":\"{site}\",\"mode\":\"interior\"}}]]" },
        });
        Rbac(ns, "skupper-router");
        Deployment(ns, "skupper-router", labels, new JsonObject { ["skupper.io/component"] = "router" },
            [("router", RouterImage, [$"SERVER (info) Container Name: {site}", "ROUTER (info) Router started in Interior mode"]),
             ("kube-adaptor", AdaptorImage, [$"Site {site} configured"])]);
        Service(ns, "skupper-router-local", new JsonObject { ["skupper.io/component"] = "router" }, ("amqps", 5671));
        if (linkAccess)
            Service(ns, "skupper-router", new JsonObject { ["skupper.io/component"] = "router" }, ("inter-router", 55671), ("edge", 45671));
    }

    /// <summary>The controller, installed in <paramref name="ns"/>.</summary>
    public void EnsureController(string ns)
    {
        var labels = new JsonObject { ["application"] = "skupper-controller" };
        Rbac(ns, "skupper-controller");
        Deployment(ns, "skupper-controller", labels, labels.DeepClone().AsObject(),
            [("controller", ControllerImage, ["Skupper controller started", $"Watching namespace {ns}"])]);
        Service(ns, "skupper-grant-server", labels.DeepClone().AsObject(), ("https", 9090));
    }

    private void Deployment(string ns, string name, JsonObject labels, JsonObject selector,
        IReadOnlyList<(string Name, string Image, string[] Log)> containers)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ns + "/" + name)))[..10];
        var template = new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(
                    [.. containers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["image"] = c.Image })]),
            },
        };
        var deployment = Create("apps", "deployments", ns, new JsonObject
        {
            ["metadata"] = Meta(name, labels),
            ["spec"] = new JsonObject { ["selector"] = new JsonObject { ["matchLabels"] = selector }, ["template"] = template },
        });
        if (deployment is null) return;
        var podLabels = labels.DeepClone().AsObject();
        podLabels["pod-template-hash"] = hash;
        var rs = Create("apps", "replicasets", ns, new JsonObject
        {
            ["metadata"] = Meta($"{name}-{hash}", podLabels, Owner(deployment, "apps/v1", "Deployment")),
            ["spec"] = new JsonObject
                { ["replicas"] = 1, ["selector"] = deployment["spec"]!["selector"]!.DeepClone(), ["template"] = template.DeepClone() },
            ["status"] = new JsonObject { ["replicas"] = 1, ["readyReplicas"] = 1, ["availableReplicas"] = 1 },
        });
        var pod = $"{name}-{hash}-{hash[..5]}";
        var spec = template["spec"]!.DeepClone().AsObject();
        spec["nodeName"] = "sandbox-node";
        Create("", "pods", ns, new JsonObject
        {
            ["metadata"] = Meta(pod, podLabels, rs is null ? null : Owner(rs, "apps/v1", "ReplicaSet")),
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["phase"] = "Running", ["podIP"] = "10.244.0.10", ["startTime"] = ResourceStore.Now(),
                ["containerStatuses"] = new JsonArray([.. containers.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name, ["image"] = c.Image, ["ready"] = true, ["restartCount"] = 0, ["started"] = true,
                    ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ResourceStore.Now() } },
                })]),
            },
        });
        foreach (var c in containers)
        {
            logs.Append(ns, pod, c.Name, string.Concat(c.Log.Select(line => $"{ResourceStore.Now()} {line}\n")));
            Event(ns, pod, "Started", $"Started container {c.Name}");
        }
        Store(catalog.Find("apps", "v1", "deployments")!, ns, name, d => d["status"] = new JsonObject
        {
            ["observedGeneration"] = 1, ["replicas"] = 1, ["updatedReplicas"] = 1, ["readyReplicas"] = 1, ["availableReplicas"] = 1,
        });
    }

    private void Rbac(string ns, string name)
    {
        Create("rbac.authorization.k8s.io", "roles", ns, new JsonObject
        {
            ["metadata"] = Meta(name),
            ["rules"] = new JsonArray(new JsonObject
            {
                ["apiGroups"] = new JsonArray(""), ["resources"] = new JsonArray("secrets", "pods", "configmaps", "services"),
                ["verbs"] = new JsonArray("get", "list", "watch"),
            }),
        });
        Create("rbac.authorization.k8s.io", "rolebindings", ns, new JsonObject
        {
            ["metadata"] = Meta(name),
            ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = name }),
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Role", ["name"] = name },
        });
    }

    private void Service(string ns, string name, JsonObject selector, params (string Name, int Port)[] ports)
    {
        Create("", "services", ns, new JsonObject
        {
            ["metadata"] = Meta(name),
            ["spec"] = new JsonObject
            {
                ["selector"] = selector, ["type"] = "ClusterIP",
                ["ports"] = new JsonArray(
                    [.. ports.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["port"] = p.Port, ["targetPort"] = p.Port })]),
            },
        });
        Create("", "endpoints", ns, new JsonObject
        {
            ["metadata"] = Meta(name),
            ["subsets"] = new JsonArray(new JsonObject
            {
                ["addresses"] = new JsonArray(new JsonObject { ["ip"] = "10.244.0.10" }),
                ["ports"] = new JsonArray([.. ports.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["port"] = p.Port })]),
            }),
        });
    }

    private void Event(string ns, string pod, string reason, string message) =>
        Create("", "events", ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["generateName"] = pod + "." },
            ["involvedObject"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = ns, ["name"] = pod, ["apiVersion"] = "v1" },
            ["reason"] = reason, ["message"] = message, ["type"] = "Normal", ["count"] = 1,
            ["source"] = new JsonObject { ["component"] = "kubelet" },
            ["firstTimestamp"] = ResourceStore.Now(), ["lastTimestamp"] = ResourceStore.Now(),
        });

    private static JsonObject Meta(string name, JsonObject? labels = null, JsonObject? owner = null)
    {
        var meta = new JsonObject { ["name"] = name };
        if (labels is not null) meta["labels"] = labels.DeepClone();
        if (owner is not null) meta["ownerReferences"] = new JsonArray(owner);
        return meta;
    }

    private static JsonObject Owner(JsonObject owner, string apiVersion, string kind) => new()
    {
        ["apiVersion"] = apiVersion, ["kind"] = kind, ["name"] = owner["metadata"]!["name"]!.DeepClone(),
        ["uid"] = owner["metadata"]!["uid"]!.DeepClone(), ["controller"] = true,
    };

    /// <summary>Creates the object unless one of its name exists; null when it existed.</summary>
    private JsonObject? Create(string group, string plural, string ns, JsonObject obj)
    {
        try
        {
            return store.Create(catalog.Require(group, "v1", plural), ns, obj);
        }
        catch (ApiException e) when (e.Code == 409)
        {
            return null;
        }
    }

    private void Store(ResourceType type, string ns, string name, Action<JsonObject> change) =>
        store.Update(type, ns, name, current =>
        {
            change(current);
            return current;
        }, statusSubresource: true, isPatch: true);
}
