using System.Text.Json.Nodes;

namespace Skupper.Plugins.Debug.Dump;

/// <summary>
/// The pods a deployment's selector matches, each with the log of each container, and the log of its previous run when it
/// restarted (the Go CLI's getDeployments, with kubectl logs' <c>--previous</c>).
/// </summary>
internal sealed class PodDump(KubernetesReads read, DumpArchive archive, string root)
{
    public async Task CollectAsync(string ns, string selector)
    {
        foreach (var pod in await read.ItemsAsync("v1", ns, "pods", selector).ConfigureAwait(false))
        {
            var name = KubernetesReads.Name(pod);
            archive.AddYaml($"{root}resources/Pod-{name}", pod, "Pod");
            var restarts = (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>()
                .ToDictionary(s => s["name"]?.GetValue<string>() ?? "", s => s["restartCount"]?.GetValue<long>() ?? 0);
            foreach (var container in (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var c = container["name"]?.GetValue<string>() ?? "";
                await LogAsync(ns, name, c, previous: false).ConfigureAwait(false);
                if (restarts.GetValueOrDefault(c) > 0) await LogAsync(ns, name, c, previous: true).ConfigureAwait(false);
            }
        }
    }

    private async Task LogAsync(string ns, string pod, string container, bool previous)
    {
        var query = "container=" + Uri.EscapeDataString(container) + (previous ? "&previous=true" : "");
        var file = $"{root}logs/{pod}-{container}{(previous ? "-previous" : "")}.txt";
        try
        {
            var log = await read.TextAsync(KubernetesReads.Path("v1", ns, "pods", pod, "log", query)).ConfigureAwait(false);
            if (log is null) archive.LeaveOut(file, $"pod {ns}/{pod} is gone");
            else archive.AddText(file, log);
        }
        catch (Cli.Sdk.SkupperException e)
        {
            archive.LeaveOut(file, e.Message);
        }
    }
}
