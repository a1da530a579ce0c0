using System.Text.Json;
using k8s;
using k8s.Models;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Host.Services;

/// <summary>Typed CRUD on one Skupper kind through the custom objects API, with errors in plain words.</summary>
public sealed class ResourceClient<T>(ClusterAccess cluster) : IResourceClient<T> where T : SkupperResource, ISkupperKind
{
    private static string ResourceName => $"{T.Plural}.{SkupperResource.Group}";

    public async Task<T?> GetAsync(string name, CancellationToken cancellationToken, string? @namespace = null)
    {
        var ns = @namespace ?? cluster.Namespace;
        try
        {
            var obj = await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync(
                SkupperResource.Group, SkupperResource.Version, ns, T.Plural, name, cancellationToken).ConfigureAwait(false);
            return Convert<T>(obj);
        }
        catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsObjectNotFound(e))
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, "get", ResourceName, name, cluster);
        }
    }

    public async Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken, string? @namespace = null) =>
        (await ListWithVersionAsync(cancellationToken, @namespace).ConfigureAwait(false)).Items;

    /// <summary>The items and the list's resourceVersion, from which a watch can start.</summary>
    public async Task<(IReadOnlyList<T> Items, string? ResourceVersion)> ListWithVersionAsync(
        CancellationToken cancellationToken, string? @namespace = null, string? fieldSelector = null)
    {
        var ns = @namespace ?? cluster.Namespace;
        try
        {
            var obj = await cluster.Client.CustomObjects.ListNamespacedCustomObjectAsync(
                SkupperResource.Group, SkupperResource.Version, ns, T.Plural, fieldSelector: fieldSelector,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var list = Convert<CustomResourceList>(obj);
            var items = list.Items?.Select(i => Convert<T>(i)).ToList() ?? [];
            return (items, list.Metadata?.ResourceVersion);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, "list", ResourceName, null, cluster);
        }
    }

    public async Task<T> CreateAsync(T resource, CancellationToken cancellationToken, string? @namespace = null)
    {
        var ns = @namespace ?? cluster.Namespace;
        try
        {
            var obj = await cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
                resource, SkupperResource.Group, SkupperResource.Version, ns, T.Plural,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return Convert<T>(obj);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, "create", ResourceName, resource.Metadata.Name ?? resource.Metadata.GenerateName, cluster);
        }
    }

    public async Task<T> UpdateAsync(T resource, CancellationToken cancellationToken, string? @namespace = null)
    {
        var ns = @namespace ?? cluster.Namespace;
        try
        {
            var obj = await cluster.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(
                resource, SkupperResource.Group, SkupperResource.Version, ns, T.Plural, resource.Metadata.Name,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return Convert<T>(obj);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, "update", ResourceName, resource.Metadata.Name, cluster);
        }
    }

    public async Task<T> PatchAsync(string name, object mergePatch, CancellationToken cancellationToken, string? @namespace = null)
    {
        var ns = @namespace ?? cluster.Namespace;
        try
        {
            var obj = await cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), SkupperResource.Group, SkupperResource.Version,
                ns, T.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Convert<T>(obj);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, "patch", ResourceName, name, cluster);
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken, string? @namespace = null)
    {
        var ns = @namespace ?? cluster.Namespace;
        try
        {
            await cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                SkupperResource.Group, SkupperResource.Version, ns, T.Plural, name,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsObjectNotFound(e))
        {
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, "delete", ResourceName, name, cluster);
        }
    }

    /// <summary>The client hands back JSON elements; Kubernetes' own serializer settings read them.</summary>
    private static TOut Convert<TOut>(object obj) =>
        KubernetesJson.Deserialize<TOut>(obj is JsonElement e ? e.GetRawText() : KubernetesJson.Serialize(obj));

    private sealed class CustomResourceList
    {
        [System.Text.Json.Serialization.JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; set; }
        [System.Text.Json.Serialization.JsonPropertyName("items")] public List<JsonElement>? Items { get; set; }
    }
}
