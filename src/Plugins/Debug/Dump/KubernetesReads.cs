using System.Text.Json;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Debug.Dump;

/// <summary>The dump's reads: GETs of API paths (<see cref="IClusterAccess.GetTextAsync"/>), as JSON or as text.</summary>
internal sealed class KubernetesReads(IClusterAccess cluster, CancellationToken cancellationToken)
{
    /// <summary>The object at <paramref name="path"/>, or null when the server answers 404.</summary>
    public async Task<JsonObject?> JsonAsync(string path)
    {
        var text = await cluster.GetTextAsync(path, cancellationToken).ConfigureAwait(false);
        if (text is null) return null;
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new Cli.Sdk.SkupperException($"the answer to GET {path} is not JSON: {e.Message}");
        }
    }

    public Task<string?> TextAsync(string path) => cluster.GetTextAsync(path, cancellationToken);

    /// <summary>The items of a namespace's list, only those <paramref name="selector"/> matches when it is given.</summary>
    public async Task<IReadOnlyList<JsonObject>> ItemsAsync(string apiVersion, string ns, string plural, string? selector = null)
    {
        var query = selector is null ? null : "labelSelector=" + Uri.EscapeDataString(selector);
        var list = await JsonAsync(Path(apiVersion, ns, plural, query: query)).ConfigureAwait(false);
        return (list?["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
    }

    /// <summary>The path of a namespaced resource, object or subresource: <c>/apis/apps/v1/namespaces/west/deployments/x</c>.</summary>
    public static string Path(string apiVersion, string ns, string plural, string? name = null, string? subresource = null,
        string? query = null) =>
        $"/{(apiVersion.Contains('/') ? "apis" : "api")}/{apiVersion}/namespaces/{Uri.EscapeDataString(ns)}/{plural}" +
        (name is null ? "" : "/" + Uri.EscapeDataString(name)) + (subresource is null ? "" : "/" + subresource) +
        (query is null ? "" : "?" + query);

    public static string Name(JsonNode obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? "";

    /// <summary>A deployment's <c>spec.selector.matchLabels</c> as a label selector (<c>a=b,c=d</c>), or null when it has none.</summary>
    public static string? Selector(JsonObject deployment)
    {
        if (deployment["spec"]?["selector"]?["matchLabels"] is not JsonObject labels || labels.Count == 0) return null;
        return string.Join(",", labels.Select(l => $"{l.Key}={l.Value?.GetValue<string>()}"));
    }
}
