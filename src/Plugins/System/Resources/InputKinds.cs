using Skupper.Cli.Sdk.Models;

namespace Skupper.Plugins.System.Resources;

/// <summary>
/// The kinds the Go CLI reads from input files (internal/nonkube/client/fs/input_parser.go, ParseInput, and the handlers
/// system apply calls): the Skupper kinds a site on these platforms uses, and Secrets. An AccessGrant, which that parser
/// reads but no handler writes, is refused here with the rest.
/// </summary>
internal static class InputKinds
{
    private static readonly string[] Skupper =
        ["Site", "Listener", "Connector", "MultiKeyListener", "Link", "RouterAccess", "AccessToken", "SecuredAccess", "Certificate"];

    public static string Accepted => string.Join(", ", Skupper) + " (skupper.io/v2alpha1) and Secret (v1)";

    public static bool IsAccepted(string? apiVersion, string? kind) => apiVersion switch
    {
        SkupperResource.GroupVersion => Skupper.Contains(kind, StringComparer.Ordinal),
        "v1" => kind == "Secret",
        _ => false,
    };

    /// <summary>Kinds whose file holds a secret (a Secret's keys, a token's code): written for the owner alone.</summary>
    public static bool HoldsSecret(string kind) => kind is "Secret" or "AccessToken";
}
