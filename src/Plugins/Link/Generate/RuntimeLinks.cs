using Skupper.Cli.Sdk;
using LinkResource = Skupper.Cli.Sdk.Models.Link;

namespace Skupper.Plugins.Link.Generate;

/// <summary>
/// Off Kubernetes, the links a running site offers are files its controller writes into the namespace's
/// <c>runtime/links</c> under the data home (a Secret and Links each), and <c>link generate</c> prints one of
/// them (skupperproject/skupper internal/cmd/skupper/link/nonkube/link_generate.go; pkg/nonkube/api, RuntimeTokenPath;
/// internal/nonkube/client/fs/token_handler.go, List): the first with a Link of the name given and an endpoint on the
/// host given (<c>--host</c>), each filter only when given, else the first.
/// </summary>
internal sealed class RuntimeLinks(ICommandContext context)
{
    public string Namespace => context.Namespace;

    private NamespaceHome Home => NamespaceHome.Of(context);

    private string Folder => Home.RuntimeLinks;

    /// <summary>The file to print; throws a one-line error when the site has none (or none that matches).</summary>
    public string Find(string? name, string? host)
    {
        Home.Check();
        var files = Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, "*.yaml").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
            throw new SkupperException(
                $"No link to generate in namespace \"{Namespace}\": there is no running site with link access " +
                $"(its controller writes the links to {Printable.Path(Folder)} when the site starts)");
        if (name is null && host is null) return files[0];
        // As the Go CLI matches: both filters hold for one Link of the file.
        return files.FirstOrDefault(f => Links(f).Any(l =>
                   (name is null || l.Metadata.Name == name) && (host is null || l.Spec.Endpoints?.Any(e => e.Host == host) == true)))
               ?? throw new SkupperException(
                   $"No link{(name is null ? "" : $" named \"{name}\"")}" +
                   $"{(host is null ? "" : $" with an endpoint on host \"{Printable.Escape(host)}\"")} " +
                   $"in the site's links in namespace \"{Namespace}\" ({Printable.Path(Folder)})");
    }

    /// <summary>The Link documents of a runtime link file.</summary>
    private IEnumerable<LinkResource> Links(string file)
    {
        foreach (var document in File.ReadAllText(file).Split("\n---"))
        {
            LinkResource? link = null;
            try { link = context.Output.Parse<LinkResource>(document); }
            catch (Exception e) when (e is not OutOfMemoryException) { }
            if (link is { Kind: "Link" } && !string.IsNullOrEmpty(link.Metadata?.Name)) yield return link;
        }
    }
}
