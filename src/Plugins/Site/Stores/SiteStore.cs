using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;

namespace Skupper.Plugins.Site.Stores;

/// <summary>
/// A resource that belongs to the site's namespace and goes with it on <c>site delete --all</c>;
/// <paramref name="Location"/> is its file on Docker, Podman and Linux.
/// </summary>
internal sealed record RelatedResource(string Kind, string Name, string? Location = null)
{
    public override string ToString() => $"{Kind} \"{Name}\"";
}

/// <summary>
/// Where a platform keeps Site resources, over the SDK's <see cref="ResourceStore{T}"/> (the cluster on Kubernetes, the Go
/// CLI's YAML files on Docker, Podman and Linux), and what <c>site delete --all</c> takes with a site, which the
/// platforms answer differently. Commands are written once against this; only the store differs.
/// </summary>
internal abstract class SiteStore(ResourceStore<SiteResource> sites)
{
    /// <summary>The store of the selected platform.</summary>
    public static SiteStore For(ICommandContext context) => context.Platform == Platform.Kubernetes
        ? new KubernetesSiteStore(context.Cluster)
        : new FileSiteStore(NamespaceHome.Of(context), context.Output);

    /// <summary>The namespace the sites live in.</summary>
    public string Namespace => sites.Namespace;

    /// <summary>True when a controller acts on the site and writes its status (Kubernetes), so there is something to wait for.</summary>
    public bool HasController => sites.HasController;

    /// <summary>Throws a clear error when the store cannot be used at all (Skupper not installed, a bad namespace).</summary>
    public Task CheckAvailableAsync(CancellationToken cancellationToken) => sites.CheckAvailableAsync(cancellationToken);

    public Task<IReadOnlyList<SiteResource>> ListAsync(CancellationToken cancellationToken) => sites.ListAsync(cancellationToken);

    public Task<SiteResource> CreateAsync(SiteResource site, CancellationToken cancellationToken) =>
        sites.CreateAsync(site, cancellationToken);

    /// <summary>Changes only the fields in <paramref name="changes"/> of <paramref name="site"/>.</summary>
    public Task<SiteResource> UpdateAsync(SiteResource site, SiteChanges changes, CancellationToken cancellationToken) =>
        sites.PatchAsync(site.Name, changes.ToMergePatch(), cancellationToken);

    public virtual Task DeleteAsync(string name, CancellationToken cancellationToken) => sites.DeleteAsync(name, cancellationToken);

    /// <summary>
    /// What <c>site delete --all</c> deletes besides the site, in the order it deletes them; without a site (files only),
    /// whatever a deleted one left behind.
    /// </summary>
    public abstract Task<IReadOnlyList<RelatedResource>> ListRelatedAsync(string? site, CancellationToken cancellationToken);

    public abstract Task DeleteRelatedAsync(RelatedResource resource, CancellationToken cancellationToken);

    /// <summary>Where the site is kept, for messages: a file path, or null on Kubernetes.</summary>
    public string? Location(string name) => sites.Location(name);

    /// <summary>The line that ends a create or update: where the file went, what was done, or what was waited for.</summary>
    public string Outcome(string name, string done, string? condition) => sites.Outcome(name, done, condition);
}

internal static class SiteStores
{
    /// <summary>The one site a command without a name works on, or a problem saying why there is none.</summary>
    public static SiteResource? Pick(IReadOnlyList<SiteResource> sites, string? name, string @namespace, Problems problems,
        string invocation)
    {
        if (name is not null)
        {
            var named = sites.FirstOrDefault(s => s.Name == name);
            if (named is null)
                problems.Failure(sites.Count == 0
                    ? $"No site resource exists in namespace \"{@namespace}\""
                    : $"No site resource named \"{name}\" exists in namespace \"{@namespace}\" (it has {Names(sites)})");
            return named;
        }
        switch (sites.Count)
        {
            case 0:
                problems.Failure(
                    $"No site resource exists in namespace \"{@namespace}\"; create one with \"{invocation} site create <name>\"");
                return null;
            case 1:
                return sites[0];
            default:
                problems.Usage($"namespace \"{@namespace}\" has several sites ({Names(sites)}): give the name of one");
                return null;
        }
    }

    public static string Names(IEnumerable<SiteResource> sites) => string.Join(", ", sites.Select(s => $"\"{s.Name}\""));
}
