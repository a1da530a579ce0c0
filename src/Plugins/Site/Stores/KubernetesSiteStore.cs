using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Site.Stores;

/// <summary>
/// Sites as skupper.io/v2alpha1 resources in the cluster's namespace, and the kinds <c>site delete --all</c> takes with them.
/// </summary>
internal sealed class KubernetesSiteStore(IClusterAccess cluster) : SiteStore(new KubernetesResourceStore<SiteResource>(cluster))
{
    public override async Task<IReadOnlyList<RelatedResource>> ListRelatedAsync(string? site, CancellationToken cancellationToken)
    {
        var related = new List<RelatedResource>();
        foreach (var kind in RelatedKinds)
        {
            var names = await kind.ListAsync(cluster, cancellationToken).ConfigureAwait(false);
            related.AddRange(names.Order(StringComparer.Ordinal).Select(n => new RelatedResource(kind.Kind, n)));
        }
        return related;
    }

    public override Task DeleteRelatedAsync(RelatedResource resource, CancellationToken cancellationToken) =>
        RelatedKinds.Single(k => k.Kind == resource.Kind).DeleteAsync(cluster, resource.Name, cancellationToken);

    /// <summary>
    /// What <c>site delete --all</c> deletes, in the Go CLI's order (skupperproject/skupper
    /// internal/cmd/skupper/site/kube/site_delete.go, Run): connectors, listeners, access tokens, access grants,
    /// router accesses, secured accesses, certificates, attached connectors, attached connector bindings.
    /// The Go CLI leaves links to the controller, which removes them with the site; this CLI deletes them itself
    /// (after listeners, where the Go CLI says so) so that none is left when no controller runs.
    /// MultiKeyListeners are not on the Go CLI's list and stay.
    /// </summary>
    private static readonly RelatedKind[] RelatedKinds =
    [
        new RawKind("Connector", "connectors"),
        new RawKind("Listener", "listeners"),
        new TypedKind<Link>(),
        new TypedKind<AccessToken>(),
        new TypedKind<AccessGrant>(),
        new RawKind("RouterAccess", "routeraccesses"),
        new RawKind("SecuredAccess", "securedaccesses"),
        new RawKind("Certificate", "certificates"),
        new RawKind("AttachedConnector", "attachedconnectors"),
        new RawKind("AttachedConnectorBinding", "attachedconnectorbindings"),
    ];
}
