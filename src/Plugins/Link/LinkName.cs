using Skupper.Cli.Sdk;
using LinkResource = Skupper.Cli.Sdk.Models.Link;

namespace Skupper.Plugins.Link;

/// <summary>The <c>&lt;name&gt;</c> of a link command, and the check that the link is there.</summary>
internal static class LinkName
{
    public static IArgumentValue Add(ICommandDeclaration cmd, bool required) =>
        cmd.Argument("name", required ? "The name of the link." : "The name of a link (default: every link in the namespace).",
            required: required, values: ValueCompletion.NamesOfKind(LinkResource.Plural));

    public static string? Read(IArgumentValue argument, Problems problems, string usage)
    {
        if (argument.Value is not { } name)
        {
            problems.Usage($"a link name is required: {usage}");
            return null;
        }
        if (KubernetesNames.CheckSubdomain(name) is not { } rule) return name;
        problems.Usage($"invalid link name: {rule}");
        return null;
    }

    /// <summary>The link, or a problem naming the namespace when it is not there.</summary>
    public static async Task<LinkResource?> FindAsync(ResourceStore<LinkResource> store, string name, Problems problems,
        CancellationToken cancellationToken)
    {
        var link = await store.GetAsync(name, cancellationToken).ConfigureAwait(false);
        if (link is null) problems.Failure($"No link named \"{name}\" exists in namespace \"{store.Namespace}\"");
        return link;
    }
}
