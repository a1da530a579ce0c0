using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Site.Stores;

/// <summary>
/// Sites on Docker, Podman and Linux, kept where the Go CLI keeps them so that a user can switch between the two
/// (<see cref="FileResourceStore{T}"/>: <c>input/resources/Site-&lt;name&gt;.yaml</c>), and what <c>site delete</c> takes
/// with a site there: its router access always, everything else in the folder with <c>--all</c>.
/// </summary>
internal sealed class FileSiteStore(NamespaceHome home, IOutput output) : SiteStore(new FileResourceStore<SiteResource>(home, output))
{
    public override async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await base.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        // The Go CLI's plain delete also removes the site's router access, which "site create" on these platforms
        // writes beside it (skupperproject/skupper internal/cmd/skupper/site/nonkube/site_delete.go, Run).
        File.Delete(home.InputResource("RouterAccess", $"router-access-{name}"));
    }

    /// <summary>
    /// Everything else in <c>input/resources</c>: the Go CLI's <c>--all</c> removes that folder whole
    /// (internal/cmd/skupper/site/nonkube/site_delete.go, Run, through SiteHandler.Delete("")), so secrets,
    /// certificates, secured accesses, multi-key listeners, other sites and files of no known kind go too.
    /// Entries are listed by file name; a <c>Kind-name.yaml</c> file shows as that resource.
    /// </summary>
    public override Task<IReadOnlyList<RelatedResource>> ListRelatedAsync(string? site, CancellationToken cancellationToken)
    {
        var related = new List<RelatedResource>();
        if (Directory.Exists(home.InputResources))
        {
            var siteFile = site is null ? null : Location(site);
            foreach (var path in Directory.EnumerateFileSystemEntries(home.InputResources).Order(StringComparer.Ordinal))
            {
                if (path == siteFile) continue;
                var file = Path.GetFileName(path);
                var dash = file.IndexOf('-');
                related.Add(file.EndsWith(".yaml", StringComparison.Ordinal) && dash > 0 && dash < file.Length - ".yaml".Length - 1
                            && !Directory.Exists(path)
                    ? new RelatedResource(file[..dash], file[(dash + 1)..^".yaml".Length], path)
                    : new RelatedResource("File", file, path));
            }
        }
        return Task.FromResult<IReadOnlyList<RelatedResource>>(related);
    }

    public override Task DeleteRelatedAsync(RelatedResource resource, CancellationToken cancellationToken)
    {
        var path = resource.Location!;
        // A folder goes with its contents; Directory.Delete removes a symbolic link itself, never what it points to.
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else File.Delete(path);
        return Task.CompletedTask;
    }
}
