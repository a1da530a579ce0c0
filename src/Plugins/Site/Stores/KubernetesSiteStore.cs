using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using Skupper.Plugins.Site.Options;

namespace Skupper.Plugins.Site.Stores;

/// <summary>Sites as skupper.io/v2alpha1 resources in the cluster's namespace.</summary>
internal sealed class KubernetesSiteStore(IClusterAccess cluster) : ISiteStore
{
    public string Namespace => cluster.Namespace;
    public bool HasController => true;

    public Task CheckAvailableAsync(CancellationToken cancellationToken) => cluster.EnsureSkupperInstalledAsync(cancellationToken);

    public Task<IReadOnlyList<SiteResource>> ListAsync(CancellationToken cancellationToken) =>
        cluster.Resources<SiteResource>().ListAsync(cancellationToken);

    public Task<SiteResource> CreateAsync(SiteResource site, CancellationToken cancellationToken) =>
        cluster.Resources<SiteResource>().CreateAsync(site, cancellationToken);

    public Task<SiteResource> UpdateAsync(SiteResource site, SiteChanges changes, CancellationToken cancellationToken) =>
        cluster.Resources<SiteResource>().PatchAsync(site.Name, changes.ToMergePatch(), cancellationToken);

    public Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        cluster.Resources<SiteResource>().DeleteAsync(name, cancellationToken);

    public async Task<IReadOnlyList<RelatedResource>> ListRelatedAsync(CancellationToken cancellationToken)
    {
        // Links first, then the tokens that made them, then the grants: the order a user would undo them.
        var related = new List<RelatedResource>();
        related.AddRange(await NamesOf<Link>(cancellationToken).ConfigureAwait(false));
        related.AddRange(await NamesOf<AccessToken>(cancellationToken).ConfigureAwait(false));
        related.AddRange(await NamesOf<AccessGrant>(cancellationToken).ConfigureAwait(false));
        return related;
    }

    public Task DeleteRelatedAsync(RelatedResource resource, CancellationToken cancellationToken) => resource.Kind switch
    {
        "Link" => cluster.Resources<Link>().DeleteAsync(resource.Name, cancellationToken),
        "AccessToken" => cluster.Resources<AccessToken>().DeleteAsync(resource.Name, cancellationToken),
        "AccessGrant" => cluster.Resources<AccessGrant>().DeleteAsync(resource.Name, cancellationToken),
        _ => throw new ArgumentException($"unknown kind {resource.Kind}", nameof(resource)),
    };

    public string? Location(string name) => null;

    private async Task<IEnumerable<RelatedResource>> NamesOf<T>(CancellationToken cancellationToken) where T : SkupperResource, ISkupperKind =>
        (await cluster.Resources<T>().ListAsync(cancellationToken).ConfigureAwait(false))
        .Select(r => new RelatedResource(T.KindName, r.Name))
        .OrderBy(r => r.Name, StringComparer.Ordinal);
}
