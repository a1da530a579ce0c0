using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// The label every create carries: a random id of this one create, so that a create repeated after an answer
    /// that never came (a 5xx, a 429, a broken connection: the first may have reached the server) can tell its own
    /// object from someone else's.
    /// </summary>
    public const string RequestLabel = "kubectl-skupper/create-request";

    /// <summary>
    /// A create, retried on the failures <see cref="ApiConnection.RetryDelay"/> retries (with its backoff and
    /// Retry-After) within the command's cancellation. A repeated named create that meets 409 AlreadyExists is this
    /// create's success when the object carries this create's <see cref="RequestLabel"/>; before repeating a
    /// <c>generateName</c> create, the object is looked up by that label, so one create never makes two objects.
    /// </summary>
    public async Task<T> CreateAsync(T resource, CancellationToken cancellationToken)
    {
        var name = resource.Metadata.Name;
        var request = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var body = JsonNode.Parse(ModelJson.Write(resource))!.AsObject();
        var metadata = body["metadata"] as JsonObject ?? new JsonObject();
        body["metadata"] = metadata;
        if (metadata["labels"] is not JsonObject labels) metadata["labels"] = labels = new JsonObject();
        labels[RequestLabel] = request;
        var text = body.ToJsonString();
        var path = Path(null);
        var backoff = TimeSpan.FromMilliseconds(100);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (attempt > 0 && name is null && await FindCreatedAsync(request, cancellationToken).ConfigureAwait(false) is { } made)
                    return made;
                using var doc = await cluster.Api.SendAsync(HttpMethod.Post, path, cancellationToken, text).ConfigureAwait(false);
                return Read<T>(doc.RootElement);
            }
            catch (ApiStatusException e) when (attempt > 0 && name is not null && e.StatusCode == HttpStatusCode.Conflict)
            {
                var existing = await GetAsync(name, cancellationToken).ConfigureAwait(false);
                if (existing?.Metadata.Labels is { } l && l.TryGetValue(RequestLabel, out var mine) && mine == request) return existing; // the earlier attempt made it
                throw ApiErrors.Translate(e, "create", ResourceName, name, cluster);
            }
            catch (Exception e) when (attempt < ApiConnection.MaxRetries && ApiConnection.RetryDelay(e, backoff) is { } delay)
            {
                cluster.Api.LogRetry(HttpMethod.Post, path, e, delay, attempt + 1);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                backoff = ApiConnection.NextBackoff(backoff);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw ApiErrors.Translate(e, "create", ResourceName, name ?? resource.Metadata.GenerateName, cluster);
            }
        }
    }

    /// <summary>The object an earlier attempt of this create made, found by its <see cref="RequestLabel"/>, or null.</summary>
    private async Task<T?> FindCreatedAsync(string request, CancellationToken cancellationToken)
    {
        using var doc = await cluster.Api.GetAsync(Path(null, query: "labelSelector=" + Uri.EscapeDataString($"{RequestLabel}={request}")), cancellationToken)
            .ConfigureAwait(false);
        return doc.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(Read<T>).FirstOrDefault()
            : null;
    }

    public Task<T> UpdateAsync(T resource, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, Path(null, resource.Metadata.Name), ModelJson.Write(resource), "application/json",
            "update", resource.Metadata.Name, cancellationToken);

    public Task<T> PatchAsync(string name, object mergePatch, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, Path(null, name), ResourceText.Json(mergePatch), "application/merge-patch+json",
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
