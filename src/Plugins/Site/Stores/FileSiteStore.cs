using Skupper.Cli.Sdk.Services;
using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;

namespace Skupper.Plugins.Site.Stores;

/// <summary>
/// Sites on Docker, Podman and Linux, kept where the Go CLI keeps them so that a user can switch
/// between the two: <c>&lt;data home&gt;/namespaces/&lt;ns&gt;/input/resources/Site-&lt;name&gt;.yaml</c>.
/// The status, when the platform's controller has written one, is read from the matching file
/// under <c>runtime/resources</c>. Writes are atomic; a malformed file is reported, never overwritten.
/// </summary>
internal sealed class FileSiteStore(string dataHome, string @namespace, IOutput output) : ISiteStore
{
    private const string SitePrefix = "Site-";

    public string Namespace => @namespace;
    public bool HasController => false;

    private NamespaceHome Home => new(dataHome, @namespace);
    private string InputResources => Home.InputResources;
    private string RuntimeResources => Home.RuntimeResources;

    public Task CheckAvailableAsync(CancellationToken cancellationToken)
    {
        // The namespace becomes a folder name: only a DNS-1123 name may (no "..", no "/").
        if (KubernetesNames.CheckSubdomain(@namespace) is { } rule)
            throw SkupperException.Usage($"invalid namespace: {rule}");
        return Task.CompletedTask;
    }

    public string? Location(string name) => Path.Combine(InputResources, $"{SitePrefix}{name}.yaml");

    public Task<IReadOnlyList<SiteResource>> ListAsync(CancellationToken cancellationToken)
    {
        var sites = new List<SiteResource>();
        if (Directory.Exists(InputResources))
        {
            foreach (var path in Directory.EnumerateFiles(InputResources, $"{SitePrefix}*.yaml").Order(StringComparer.Ordinal))
            {
                var site = Read(path);
                var runtime = Path.Combine(RuntimeResources, Path.GetFileName(path));
                if (File.Exists(runtime) && TryRead(runtime) is { Status: { } status }) site.Status = status;
                sites.Add(site);
            }
        }
        return Task.FromResult<IReadOnlyList<SiteResource>>(sites);
    }

    public Task<SiteResource> CreateAsync(SiteResource site, CancellationToken cancellationToken)
    {
        var path = Location(site.Name)!;
        if (File.Exists(path))
            throw new SkupperException($"A site resource already exists: {Printable.Path(path)}");
        Directory.CreateDirectory(InputResources);
        Write(path, site);
        return Task.FromResult(site);
    }

    public Task<SiteResource> UpdateAsync(SiteResource site, SiteChanges changes, CancellationToken cancellationToken)
    {
        // Re-read the input file: the site handed in may carry a runtime status that does not belong in it.
        var path = Location(site.Name)!;
        var current = Read(path);
        changes.ApplyTo(current);
        Write(path, current);
        return Task.FromResult(current);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        File.Delete(Location(name)!);
        // The Go CLI's plain delete also removes the site's router access, which "site create" on these platforms
        // writes beside it (skupperproject/skupper internal/cmd/skupper/site/nonkube/site_delete.go, Run).
        File.Delete(Path.Combine(InputResources, $"RouterAccess-router-access-{name}.yaml"));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Everything else in <c>input/resources</c>: the Go CLI's <c>--all</c> removes that folder whole
    /// (internal/cmd/skupper/site/nonkube/site_delete.go, Run, through SiteHandler.Delete("")), so secrets,
    /// certificates, secured accesses, multi-key listeners, other sites and files of no known kind go too.
    /// Entries are listed by file name; a <c>Kind-name.yaml</c> file shows as that resource.
    /// </summary>
    public Task<IReadOnlyList<RelatedResource>> ListRelatedAsync(string? site, CancellationToken cancellationToken)
    {
        var related = new List<RelatedResource>();
        if (Directory.Exists(InputResources))
        {
            var siteFile = site is null ? null : Location(site);
            foreach (var path in Directory.EnumerateFileSystemEntries(InputResources).Order(StringComparer.Ordinal))
            {
                if (path == siteFile) continue;
                var file = Path.GetFileName(path);
                var dash = file.IndexOf('-');
                related.Add(file.EndsWith(".yaml", StringComparison.Ordinal) && dash > 0 && dash < file.Length - ".yaml".Length - 1 && !Directory.Exists(path)
                    ? new RelatedResource(file[..dash], file[(dash + 1)..^".yaml".Length], path)
                    : new RelatedResource("File", file, path));
            }
        }
        return Task.FromResult<IReadOnlyList<RelatedResource>>(related);
    }

    public Task DeleteRelatedAsync(RelatedResource resource, CancellationToken cancellationToken)
    {
        var path = resource.Location!;
        // A folder goes with its contents; Directory.Delete removes a symbolic link itself, never what it points to.
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else File.Delete(path);
        return Task.CompletedTask;
    }

    private void Write(string path, SiteResource site)
    {
        site.Status = null;
        site.Metadata.ResourceVersion = null;
        AtomicFile.Write(path, output.Render(site, "yaml"), AtomicFile.Ordinary);
    }

    /// <summary>Reads a Site file; anything that is not one is an error naming the file.</summary>
    private SiteResource Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SkupperException($"cannot read the site file {Printable.Path(path)}: {Printable.Escape(e.Message)}");
        }
        SiteResource? site;
        try { site = output.Parse<SiteResource>(text); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Malformed(path, FirstLine(e.InnerException?.Message ?? e.Message));
        }
        if (site is null) throw Malformed(path, "it is empty");
        if (site.Kind != "Site") throw Malformed(path, $"its kind is \"{site.Kind}\", not \"Site\"");
        if (string.IsNullOrEmpty(site.Metadata?.Name)) throw Malformed(path, "it has no metadata.name");
        site.Spec ??= new();
        return site;
    }

    private SiteResource? TryRead(string path)
    {
        try { return Read(path); }
        catch (SkupperException) { return null; }
    }

    private static SkupperException Malformed(string path, string reason) =>
        new($"the site file {Printable.Path(path)} is not a valid Site resource: {Printable.Escape(reason)}; fix or remove it");

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
