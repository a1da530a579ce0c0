using System.ComponentModel;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Cli.Sdk;

/// <summary>
/// The site of the namespace that other sites link to (<c>token issue</c>, <c>link generate</c>): the Ready one, else
/// the first; a problem, worded as the Skupper CLI words it, when there is none, it is an edge site, or
/// its link access is off.
/// Kept only so that a plugin built against SDK 2.0, which made it public, still loads: the bundled plugins use the
/// copy in their toolkit (Skupper.Cli.Toolkit), and SDK 3.0 leaves it out (docs/plugins.md, "The SDK and the toolkit").
/// </summary>
[Obsolete("A helper of the bundled plugins, not part of the plugin contract; SDK 3.0 leaves it out.")]
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LinkableSite
{
    /// <summary>The site, or null (and a problem); <paramref name="action"/> ends the error: "a token can be created".</summary>
    public static async Task<Site?> FindAsync(ICommandContext context, string @namespace, string action, Problems problems,
        CancellationToken cancellationToken)
    {
        var sites = await context.Cluster.Resources<Site>().ListAsync(cancellationToken).ConfigureAwait(false);
        var site = sites.FirstOrDefault(s => s.Status?.IsReady == true) ?? (sites.Count > 0 ? sites[0] : null);
        if (site is null)
            problems.Failure($"A site must exist in namespace {@namespace} before {action}");
        else if (site.Spec.Edge == true)
            problems.Failure("Edge sites cannot accept incoming links from remote sites: " +
                             $"site \"{site.Name}\" in namespace {@namespace} is an edge site");
        else if (!site.LinkAccessEnabled)
            problems.Failure("Link access is not enabled",
                hint: $"You can use \"{context.InvocationName} site update --enable-link-access\" to enable it.");
        return site;
    }
}
