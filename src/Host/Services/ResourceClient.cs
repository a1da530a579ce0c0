using System.Net;
using System.Net.Http;
using System.Text.Json;
using k8s;
using Skupper.Cli.Host.Services.Connection;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Host.Services;

/// <summary>Typed CRUD on one Skupper kind over the host's <see cref="ApiConnection"/>, with errors in plain words.</summary>
public sealed class ResourceClient<T>(ClusterAccess cluster) : IResourceClient<T> where T : SkupperResource, ISkupperKind
{
    private static string ResourceName => $"{T.Plural}.{SkupperResource.Group}";

    private string Path(string? @namespace, string? name = null, string? query = null) =>
        $"/apis/{SkupperResource.Group}/{SkupperResource.Version}/namespaces/{Uri.EscapeDataString(@namespace ?? cluster.Namespace)}/{T.Plural}" +
        (name is null ? "" : "/" + Uri.EscapeDataString(name)) + (query is null ? "" : "?" + query);

    public async Task<T?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            using var doc = await cluster.Api.GetAsync(Path(null, name), cancellationToken).ConfigureAwait(false);
            return Read<T>(doc.RootElement);
        }
        catch (ApiStatusException e) when (ApiErrors.IsObjectNotFound(e))
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, "get", ResourceName, name, cluster);
        }
    }

    public async Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken) =>
        (await ListWithVersionAsync(cancellationToken).ConfigureAwait(false)).Items;

    /// <summary>The items and the list's resourceVersion, from which a watch can start.</summary>
    public async Task<(IReadOnlyList<T> Items, string? ResourceVersion)> ListWithVersionAsync(
        CancellationToken cancellationToken, string? @namespace = null, string? fieldSelector = null)
    {
        try
        {
            var query = fieldSelector is null ? null : "fieldSelector=" + Uri.EscapeDataString(fieldSelector);
            using var doc = await cluster.Api.GetAsync(Path(@namespace, query: query), cancellationToken).ConfigureAwait(false);
            var root = doc.RootElement;
            var items = root.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(Read<T>).ToList()
                : [];
            var version = root.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() : null;
            return (items, version);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, "list", ResourceName, null, cluster);
        }
    }

    /// <summary>A watch from <paramref name="resourceVersion"/>: (type, object) per event, ERROR events raw.</summary>
    public IAsyncEnumerable<(string Type, JsonElement Object)> WatchAsync(string @namespace, string? resourceVersion,
        string fieldSelector, CancellationToken cancellationToken) =>
        cluster.Api.WatchAsync(Path(@namespace, query:
            $"watch=true&allowWatchBookmarks=true&fieldSelector={Uri.EscapeDataString(fieldSelector)}" +
            (resourceVersion is null ? "" : "&resourceVersion=" + Uri.EscapeDataString(resourceVersion))), cancellationToken);

    public Task<T> CreateAsync(T resource, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, Path(null), ModelJson.Write(resource), "application/json",
            "create", resource.Metadata.Name ?? resource.Metadata.GenerateName, cancellationToken);

    public Task<T> UpdateAsync(T resource, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, Path(null, resource.Metadata.Name), ModelJson.Write(resource), "application/json",
            "update", resource.Metadata.Name, cancellationToken);

    public Task<T> PatchAsync(string name, object mergePatch, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, Path(null, name), (mergePatch is SkupperResource or System.Collections.IDictionary ? ModelJson.Write(mergePatch) : KubernetesJson.Serialize(mergePatch)), "application/merge-patch+json",
            "patch", name, cancellationToken);

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            using var _ = await cluster.Api.SendAsync(HttpMethod.Delete, Path(null, name), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ApiStatusException e) when (ApiErrors.IsObjectNotFound(e))
        {
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, "delete", ResourceName, name, cluster);
        }
    }

    private async Task<T> SendAsync(HttpMethod method, string path, string body, string contentType, string verb, string? name,
        CancellationToken cancellationToken)
    {
        try
        {
            using var doc = await cluster.Api.SendAsync(method, path, cancellationToken, body, contentType).ConfigureAwait(false);
            return Read<T>(doc.RootElement);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, verb, ResourceName, name, cluster);
        }
    }

    internal static TOut Read<TOut>(JsonElement element) => ModelJson.Read<TOut>(element);
}
