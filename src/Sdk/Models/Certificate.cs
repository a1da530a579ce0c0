using System.Text.Json.Serialization;

namespace Skupper.Cli.Sdk.Models;

/// <summary>
/// A Certificate: TLS credentials the controller issues into a Secret of the same name
/// (the <c>certificates.skupper.io</c> custom resource of Skupper v2); <c>link generate</c> asks for a link's client certificate with one.
/// </summary>
public sealed class Certificate() : SkupperResource("Certificate"), ISkupperKind
{
    public static string KindName => "Certificate";
    public static string Plural => "certificates";

    [JsonPropertyName("spec")] public CertificateSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public ResourceStatus? Status { get; set; }
    [JsonIgnore] public override ResourceStatus? CommonStatus => Status;
}

public sealed class CertificateSpec
{
    /// <summary>The Secret of the CA that signs it (a site's is in its <c>status.defaultIssuer</c>).</summary>
    [JsonPropertyName("ca")] public string Ca { get; set; } = "";
    [JsonPropertyName("subject")] public string Subject { get; set; } = "";
    [JsonPropertyName("hosts")] public IList<string>? Hosts { get; set; }
    [JsonPropertyName("client")] public bool? Client { get; set; }
    [JsonPropertyName("server")] public bool? Server { get; set; }
    [JsonPropertyName("signing")] public bool? Signing { get; set; }
}
