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
/// A kind the SDK has no model for (Connector, RouterAccess, ...): by raw path through the host's connection,
/// reading only names. A cluster whose Skupper predates the kind does not serve its path: then there is nothing
/// of it to delete.
/// </summary>
internal sealed record RawKind(string Kind, string Plural) : RelatedKind(Kind)
{
    public override async Task<IReadOnlyList<string>> ListAsync(IClusterAccess cluster, CancellationToken cancellationToken) =>
        (await cluster.ListObjectsAsync(SkupperResource.GroupVersion, Plural, cancellationToken).ConfigureAwait(false) ?? [])
        .Select(o => o["metadata"]!["name"]!.GetValue<string>()).ToList();

    // Gone already (deleted by someone else, or by the controller with its owner): what was asked for.
    public override Task DeleteAsync(IClusterAccess cluster, string name, CancellationToken cancellationToken) =>
        cluster.DeleteObjectAsync(SkupperResource.GroupVersion, Plural, name, cancellationToken);
}
