using System.ComponentModel;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Sdk;

/// <summary>
/// The Secret a <c>--tls-credentials</c> names must exist before a listener, connector or link refers to it: the Go
/// CLI checks it too (internal/cmd/skupper/{listener,connector,link}/kube, "tls-secret is not valid: does not exist"),
/// and without it the router has nothing to present and the resource never becomes ready.
/// Kept only so that a plugin built against SDK 2.0, which made it public, still loads: the bundled plugins use the
/// copy in their toolkit (Skupper.Cli.Toolkit), and SDK 3.0 leaves it out (docs/plugins.md, "The SDK and the toolkit").
/// </summary>
[Obsolete("A helper of the bundled plugins, not part of the plugin contract; SDK 3.0 leaves it out.")]
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TlsCredentials
{
    /// <summary>Adds a problem when <paramref name="name"/> is given and no such Secret is in the namespace.</summary>
    public static async Task CheckExistsAsync(IClusterAccess cluster, string? name, Problems problems, CancellationToken cancellationToken)
    {
        if (name is null || await cluster.GetSecretAsync(name, cancellationToken).ConfigureAwait(false) is not null) return;
        problems.Failure($"the Secret \"{name}\" named by --tls-credentials does not exist in namespace \"{cluster.Namespace}\"");
    }
}
