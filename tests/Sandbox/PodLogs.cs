using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Skupper.Sandbox;

/// <summary>
/// What the kubelets of the sandbox's pods logged, per container, and the <c>log</c> subresource that serves it as
/// kube-apiserver does (kubernetes/kubernetes): the container is chosen as <c>pkg/registry/core/pod/strategy.go</c>
/// LogLocation chooses it (the only one when not named; 400 <c>a container name must be specified for pod P, choose one
/// of: [a b]</c>, or <c>container C is not valid for pod P</c>); <c>previous=true</c> needs a terminated run before the
/// current one, else the kubelet's 400 (<c>pkg/kubelet/kubelet_pods.go</c> validateContainerLogStatus:
/// <c>previous terminated container "C" in pod "P" not found</c>, relayed by the API server's LocationStreamer); the
/// body is plain text (<c>pkg/registry/core/pod/rest/log.go</c>, LogREST: <c>text/plain</c>).
/// </summary>
public sealed class PodLogs(ResourceStore store, ApiCatalog catalog)
{
    private readonly ConcurrentDictionary<(string Ns, string Pod, string Container, bool Previous), string> _logs = new();

    /// <summary>Adds <paramref name="text"/> (whole lines) to the current run's log of a container.</summary>
    public void Append(string ns, string pod, string container, string text) =>
        _logs.AddOrUpdate((ns, pod, container, false), text, (_, log) => log + text);

    /// <summary>
    /// The container ends and starts again, as a kubelet restarts a failed one: its log becomes the previous run's, its
    /// status gets <c>restartCount</c> + 1 and <c>lastState.terminated</c>.
    /// </summary>
    public void Restart(string ns, string pod, string container)
    {
        _logs[(ns, pod, container, true)] = _logs.TryRemove((ns, pod, container, false), out var log) ? log : "";
        store.Update(catalog.Pods, ns, pod, current =>
        {
            foreach (var status in (current["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (status["name"]?.GetValue<string>() != container) continue;
                status["restartCount"] = (status["restartCount"]?.GetValue<long>() ?? 0) + 1;
                status["lastState"] = new JsonObject
                {
                    ["terminated"] = new JsonObject
                    {
                        ["exitCode"] = 1, ["reason"] = "Error", ["finishedAt"] = ResourceStore.Now(),
                        ["containerID"] = $"containerd://{Guid.NewGuid():N}",
                    },
                };
            }
            return current;
        }, statusSubresource: true, isPatch: true);
    }

    /// <summary>GET <c>pods/NAME/log</c>: the log text, or the API server's error.</summary>
    public string Read(string ns, string name, IQueryCollection query)
    {
        var pod = store.Get(catalog.Pods, ns, name) ?? throw ApiException.NotFound(catalog.Pods, name);
        static List<string> Names(JsonNode? list) =>
            (list as JsonArray ?? []).Select(c => c?["name"]?.GetValue<string>() ?? "").ToList();
        var containers = Names(pod["spec"]?["containers"]);
        var init = Names(pod["spec"]?["initContainers"]);
        var container = query["container"].ToString();
        if (container.Length == 0)
        {
            if (containers.Count == 1) container = containers[0];
            else if (containers.Count == 0) throw ApiException.BadRequest($"a container name must be specified for pod {name}");
            else
                throw ApiException.BadRequest($"a container name must be specified for pod {name}, " +
                                              $"choose one of: [{string.Join(" ", containers)}]" +
                                              (init.Count > 0 ? $" or one of the init containers: [{string.Join(" ", init)}]" : ""));
        }
        else if (!containers.Contains(container) && !init.Contains(container))
            throw ApiException.BadRequest($"container {container} is not valid for pod {name}");
        var previous = query["previous"] == "true";
        if (previous)
        {
            var status = (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(s => s["name"]?.GetValue<string>() == container);
            if (status?["lastState"]?["terminated"] is null)
                throw ApiException.BadRequest($"previous terminated container \"{container}\" in pod \"{name}\" not found");
        }
        return _logs.TryGetValue((ns, name, container, previous), out var log) ? log : "";
    }
}
