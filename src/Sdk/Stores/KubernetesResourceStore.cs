using System.Text.Json.Nodes;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Sdk;

/// <summary>
/// Resources of one Skupper kind in the cluster, through the host's typed client (its retries, its error wording);
/// the controller gives them a status. Added in SDK 2.1.
/// </summary>
public sealed class KubernetesResourceStore<T>(IClusterAccess cluster) : ResourceStore<T> where T : SkupperResource, ISkupperKind
{
    private IResourceClient<T> Resources => cluster.Resources<T>();

    public override string Namespace => cluster.Namespace;

    public override bool HasController => true;

    public override Task CheckAvailableAsync(CancellationToken cancellationToken) => cluster.EnsureSkupperInstalledAsync(cancellationToken);

    public override Task<T?> GetAsync(string name, CancellationToken cancellationToken) => Resources.GetAsync(name, cancellationToken);

    public override async Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken) =>
        (await Resources.ListAsync(cancellationToken).ConfigureAwait(false)).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();

    public override Task<T> CreateAsync(T resource, CancellationToken cancellationToken) =>
        Resources.CreateAsync(resource, cancellationToken);

    public override Task<T> PatchAsync(string name, JsonObject mergePatch, CancellationToken cancellationToken) =>
        Resources.PatchAsync(name, mergePatch, cancellationToken);

    public override Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        Resources.DeleteAsync(name, cancellationToken);

    public override string? Location(string name) => null;
}
