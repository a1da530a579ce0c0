using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Site.Stores;

/// <summary>One kind that <c>site delete --all</c> lists and deletes in the site's namespace.</summary>
internal abstract record RelatedKind(string Kind)
{
    public abstract Task<IReadOnlyList<string>> ListAsync(IClusterAccess cluster, CancellationToken cancellationToken);

    public abstract Task DeleteAsync(IClusterAccess cluster, string name, CancellationToken cancellationToken);
}

/// <summary>A kind the SDK has a model for: through the host's typed client (its retries and error wording).</summary>
internal sealed record TypedKind<T>() : RelatedKind(T.KindName) where T : SkupperResource, ISkupperKind
{
    public override async Task<IReadOnlyList<string>> ListAsync(IClusterAccess cluster, CancellationToken cancellationToken) =>
        (await cluster.Resources<T>().ListAsync(cancellationToken).ConfigureAwait(false)).Select(r => r.Name).ToList();

    public override Task DeleteAsync(IClusterAccess cluster, string name, CancellationToken cancellationToken) =>
        cluster.Resources<T>().DeleteAsync(name, cancellationToken);
}

/// <summary>
/// A kind the SDK has no model for (Connector, RouterAccess, ...): by raw path through the host's
/// <see cref="IKubernetes"/>, reading only names. A cluster whose Skupper predates the kind does not
/// serve its path (404 without an object in the answer): then there is nothing of it to delete.
/// </summary>
internal sealed record RawKind(string Kind, string Plural) : RelatedKind(Kind)
{
    private string Resource => $"{Plural}.{SkupperResource.Group}";

    public override async Task<IReadOnlyList<string>> ListAsync(IClusterAccess cluster, CancellationToken cancellationToken)
    {
        JsonElement list;
        try
        {
            list = await cluster.Client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(
                SkupperResource.Group, SkupperResource.Version, cluster.Namespace, Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound && StatusKind(e) is null)
        {
            return [];
        }
        catch (HttpOperationException e)
        {
            throw Translate(e, "list", cluster, null);
        }
        return list.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(i => i.GetProperty("metadata").GetProperty("name").GetString()!).ToList()
            : [];
    }

    public override async Task DeleteAsync(IClusterAccess cluster, string name, CancellationToken cancellationToken)
    {
        try
        {
            await cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                SkupperResource.Group, SkupperResource.Version, cluster.Namespace, Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        // Gone already (deleted by someone else, or by the controller with its owner): what was asked for.
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound) { }
        catch (HttpOperationException e)
        {
            throw Translate(e, "delete", cluster, name);
        }
    }

    /// <summary>The host's wording for the same failures (Host/Services/ApiErrors), so a user reads one voice.</summary>
    private SkupperException Translate(HttpOperationException e, string verb, IClusterAccess cluster, string? name)
    {
        var where = $"in namespace \"{cluster.Namespace}\"";
        var message = StatusMessage(e) ?? e.Response.ReasonPhrase ?? e.Response.StatusCode.ToString();
        return new SkupperException(e.Response.StatusCode switch
        {
            HttpStatusCode.Forbidden => $"forbidden: you are not allowed to {verb} {Resource} {where} ({message})",
            HttpStatusCode.Unauthorized => $"unauthorized: the cluster rejected the credentials ({message})",
            _ => $"the cluster failed to {verb} {Resource}{(name is null ? "" : $" \"{name}\"")} {where}: {(int)e.Response.StatusCode} {message}",
        }, inner: e);
    }

    private static string? StatusMessage(HttpOperationException e) =>
        Status(e) is { } s && s.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;

    /// <summary><c>details.kind</c> of the Status: set when the answer is about an object, absent when the path is not served.</summary>
    private static string? StatusKind(HttpOperationException e) =>
        Status(e) is { } s && s.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object
            && d.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;

    /// <summary>The metav1.Status the server answered with, if the body is one.</summary>
    private static JsonElement? Status(HttpOperationException e)
    {
        try
        {
            var root = JsonDocument.Parse(e.Response.Content ?? "").RootElement;
            return root.ValueKind == JsonValueKind.Object ? root.Clone() : null;
        }
        catch (JsonException) { return null; }
    }
}
