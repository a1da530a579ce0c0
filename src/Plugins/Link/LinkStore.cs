using Skupper.Cli.Sdk;
using LinkResource = Skupper.Cli.Sdk.Models.Link;

namespace Skupper.Plugins.Link;

/// <summary>
/// Links in the cluster, or as <c>Link-NAME.yaml</c> files in the namespace's <c>input/resources</c>
/// under the data home, where <c>token redeem</c> and the Go CLI put them on Docker, Podman and Linux
/// (skupperproject/skupper internal/cmd/skupper/link/nonkube).
/// </summary>
internal sealed class LinkStore(ICommandContext context)
{
    public bool HasController => context.Platform == Platform.Kubernetes;
    public string Namespace => HasController ? context.Cluster.Namespace : context.Namespace;

    private string InputResources => new NamespaceHome(context.DataHome, Namespace).InputResources;

    public string? Location(string name) => HasController ? null : Path.Combine(InputResources, $"Link-{name}.yaml");

    public Task CheckAvailableAsync(CancellationToken cancellationToken)
    {
        if (HasController) return context.Cluster.EnsureSkupperInstalledAsync(cancellationToken);
        // The namespace becomes a folder name: only a DNS-1123 name may (no "..", no "/").
        if (KubernetesNames.CheckSubdomain(Namespace) is { } rule) throw SkupperException.Usage($"invalid namespace: {rule}");
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<LinkResource>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<LinkResource> links = HasController
            ? await context.Cluster.Resources<LinkResource>().ListAsync(cancellationToken).ConfigureAwait(false)
            : Directory.Exists(InputResources)
                ? Directory.EnumerateFiles(InputResources, "Link-*.yaml").Select(Read).ToList()
                : [];
        return links.OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<LinkResource?> GetAsync(string name, CancellationToken cancellationToken) => HasController
        ? await context.Cluster.Resources<LinkResource>().GetAsync(name, cancellationToken).ConfigureAwait(false)
        : File.Exists(Location(name)) ? Read(Location(name)!) : null;

    /// <summary>Only what was given changes: a merge patch in the cluster, the same fields in the file.</summary>
    public async Task UpdateAsync(LinkResource link, int? cost, string? tlsCredentials, CancellationToken cancellationToken)
    {
        if (HasController)
        {
            var spec = new System.Text.Json.Nodes.JsonObject();
            if (cost is not null) spec["cost"] = cost;
            if (tlsCredentials is not null) spec["tlsCredentials"] = tlsCredentials;
            await context.Cluster.Resources<LinkResource>().PatchAsync(link.Name, new System.Text.Json.Nodes.JsonObject { ["spec"] = spec }, cancellationToken)
                .ConfigureAwait(false);
            return;
        }
        if (cost is not null) link.Spec.Cost = cost;
        if (tlsCredentials is not null) link.Spec.TlsCredentials = tlsCredentials;
        link.Status = null;
        AtomicFile.Write(Location(link.Name)!, context.Output.Render(link, "yaml"), AtomicFile.Ordinary);
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (HasController) await context.Cluster.Resources<LinkResource>().DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        else File.Delete(Location(name)!);
    }

    private LinkResource Read(string path)
    {
        LinkResource? link;
        try { link = context.Output.Parse<LinkResource>(File.ReadAllText(path)); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new SkupperException($"the file {Printable.Path(path)} is not a valid Link resource: " +
                                       $"{Printable.Escape((e.InnerException?.Message ?? e.Message).Split('\n')[0])}; fix or remove it");
        }
        if (link is null || link.Kind != "Link" || string.IsNullOrEmpty(link.Metadata?.Name))
            throw new SkupperException($"the file {Printable.Path(path)} is not a valid Link resource; fix or remove it");
        return link;
    }
}
