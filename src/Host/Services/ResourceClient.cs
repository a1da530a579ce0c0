using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Skupper.Cli.Host.Services.Connection;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Host.Services;

/// <summary>
/// Typed CRUD on one kind over the host's <see cref="ApiConnection"/>, with errors in plain words: the Skupper kinds, and
/// any other that a <see cref="ResourceKind{T}"/> describes. Objects are read and written by <see cref="ModelJson"/>,
/// whatever their kind, so that the native build has one serializer for all of them.
/// </summary>
public sealed class ResourceClient<T>(ClusterAccess cluster, ResourceKind<T> kind) : IResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private string ResourceName => kind.Resource;

    private string Path(string? @namespace, string? name = null, string? query = null) =>
        $"/{(kind.Group.Length == 0 ? "api" : "apis")}/{kind.ApiVersion}" +
        $"/namespaces/{Uri.EscapeDataString(@namespace ?? cluster.Namespace)}/{kind.Plural}" +
        (name is null ? "" : "/" + Uri.EscapeDataString(name)) + (query is null ? "" : "?" + query);

    /// <summary>The error for a failed request, found out as <see cref="ApiErrors.TranslateAsync"/> does.</summary>
    private Task<Sdk.SkupperException> FailureAsync(Exception e, string verb, string? name, CancellationToken cancellationToken) =>
        ApiErrors.TranslateAsync(e, verb, kind.Group, ResourceName, name, cluster, cancellationToken);

    public async Task<T?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            using var doc = await cluster.Api.GetAsync(Path(null, name), cancellationToken).ConfigureAwait(false);
            return Read(doc.RootElement);
        }
        catch (ApiStatusException e) when (ApiErrors.IsObjectNotFound(e))
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw await FailureAsync(e, "get", name, cancellationToken).ConfigureAwait(false);
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
                ? list.EnumerateArray().Select(Read).ToList()
                : [];
            var version = root.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("resourceVersion", out var rv)
                ? rv.GetString()
                : null;
            return (items, version);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw await FailureAsync(e, "list", null, cancellationToken).ConfigureAwait(false);
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
    public const string RequestLabel = OutputOptions.CreateRequestLabel;

    /// <summary>
    /// A create, retried on the failures <see cref="ApiConnection.RetryDelay"/> retries (with its backoff and
    /// Retry-After) within the command's cancellation. A repeated named create that meets 409 AlreadyExists is this
    /// create's success when the object carries this create's <see cref="RequestLabel"/>; before repeating a
    /// <c>generateName</c> create, the object is looked up by that label, so one create never makes two objects.
    /// </summary>
    public async Task<T> CreateAsync(T resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var name = resource.Metadata?.Name;
        var request = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var body = Body(resource);
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
                return Read(doc.RootElement);
            }
            catch (ApiStatusException e) when (attempt > 0 && name is not null && e.StatusCode == HttpStatusCode.Conflict)
            {
                var existing = await GetAsync(name, cancellationToken).ConfigureAwait(false);
                // The earlier attempt made it.
                if (existing?.Metadata?.Labels is { } l && l.TryGetValue(RequestLabel, out var mine) && mine == request) return existing;
                throw await FailureAsync(e, "create", name, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < ApiConnection.MaxRetries && ApiConnection.RetryDelay(e, backoff) is { } delay)
            {
                cluster.Api.LogRetry(HttpMethod.Post, path, e, delay, attempt + 1);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                backoff = ApiConnection.NextBackoff(backoff);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw await FailureAsync(e, "create", name ?? resource.Metadata?.GenerateName, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The object an earlier attempt of this create made, found by its <see cref="RequestLabel"/>, or null.</summary>
    private async Task<T?> FindCreatedAsync(string request, CancellationToken cancellationToken)
    {
        var selector = "labelSelector=" + Uri.EscapeDataString($"{RequestLabel}={request}");
        using var doc = await cluster.Api.GetAsync(Path(null, query: selector), cancellationToken).ConfigureAwait(false);
        return doc.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(Read).FirstOrDefault()
            : null;
    }

    public Task<T> UpdateAsync(T resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var name = resource.Metadata?.Name is { Length: > 0 } n
            ? n
            : throw new ArgumentException($"a {kind.Kind} to update needs metadata.name", nameof(resource));
        return SendAsync(HttpMethod.Put, Path(null, name), Body(resource).ToJsonString(), "application/json", "update", name,
            cancellationToken);
    }

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
            throw await FailureAsync(e, "delete", name, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<T> SendAsync(HttpMethod method, string path, string body, string contentType, string verb, string? name,
        CancellationToken cancellationToken)
    {
        try
        {
            using var doc = await cluster.Api.SendAsync(method, path, cancellationToken, body, contentType).ConfigureAwait(false);
            return Read(doc.RootElement);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw await FailureAsync(e, verb, name, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One object of this kind. The items of a built-in kind's list carry no apiVersion and kind (the API server leaves
    /// them out of typed lists), so they are filled in from the kind, as on an object read by itself.
    /// </summary>
    internal T Read(JsonElement element)
    {
        var resource = ModelJson.Read<T>(element);
        if (string.IsNullOrEmpty(resource.ApiVersion)) resource.ApiVersion = kind.ApiVersion;
        if (string.IsNullOrEmpty(resource.Kind)) resource.Kind = kind.Kind;
        return resource;
    }

    /// <summary>The JSON sent for <paramref name="resource"/>, with the kind's apiVersion and kind where the model left them out.</summary>
    private JsonObject Body(T resource)
    {
        var body = JsonNode.Parse(ModelJson.Write(resource))!.AsObject();
        if (body["apiVersion"] is null) body["apiVersion"] = kind.ApiVersion;
        if (body["kind"] is null) body["kind"] = kind.Kind;
        return body;
    }
}
