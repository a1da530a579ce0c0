using System.Security.Cryptography.X509Certificates;
using k8s.Models;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Plugins.Link.Generate;

/// <summary>
/// The client certificate <c>link generate</c> hands to the remote site: a Certificate it reuses must be one, and its
/// Secret must hold one, never a CA's key.
/// </summary>
internal static class LinkCredentials
{
    /// <summary>
    /// A Certificate of that name is reused, so it must be what a link needs: a client certificate, never a CA. The
    /// site's own CA (<c>skupper-site-ca</c>) named here would hand out its key, and with it the power to sign any site's certificate.
    /// </summary>
    public static async Task CheckExistingAsync(ICommandContext context, string name, string ns, Problems problems,
        CancellationToken cancellationToken)
    {
        var existing = await context.Cluster.Resources<Certificate>().GetAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is null) return;
        if (existing.Spec?.Signing == true)
            problems.Usage($"the Certificate \"{name}\" in namespace \"{ns}\" is a CA (signing), not a client certificate: " +
                           "a link never carries a CA's key; name another with --tls-credentials or the link's name");
        else if (existing.Spec?.Client != true)
            problems.Usage($"the Certificate \"{name}\" in namespace \"{ns}\" is not a client certificate (spec.client is not true): " +
                           "name another with --tls-credentials or the link's name");
    }

    /// <summary>
    /// The certificate's Secret as the remote site applies it: its name, type and the three keys, nothing of this cluster's.
    /// </summary>
    public static async Task<V1Secret> ReadSecretAsync(ICommandContext context, string credentials, string ns,
        CancellationToken cancellationToken)
    {
        var issued = await context.Cluster.GetSecretAsync(credentials, cancellationToken).ConfigureAwait(false)
                     ?? throw new SkupperException(
                         $"The certificate \"{credentials}\" is ready but its Secret does not exist in namespace \"{ns}\"");
        var data = new Dictionary<string, byte[]>();
        foreach (var key in new[] { "ca.crt", "tls.crt", "tls.key" })
        {
            if (issued.Data?.TryGetValue(key, out var value) != true || value is null)
                throw new SkupperException(
                    $"The Secret \"{credentials}\" in namespace \"{ns}\" has no {key}: it is not a client certificate");
            data[key] = value;
        }
        ClientCertificateCheck(data["tls.crt"], credentials, ns);
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = credentials },
            Type = "kubernetes.io/tls",
            Data = data,
        };
    }

    /// <summary>
    /// What the Secret holds must be a client certificate too: not a CA (basic constraints), and, when it names its uses,
    /// usable for TLS clients.
    /// </summary>
    private static void ClientCertificateCheck(byte[] pem, string name, string ns)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(pem));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            throw new SkupperException($"The Secret \"{name}\" in namespace \"{ns}\" holds no readable certificate in tls.crt");
        }
        using (certificate)
        {
            foreach (var extension in certificate.Extensions)
            {
                if (extension is X509BasicConstraintsExtension { CertificateAuthority: true })
                    throw new SkupperException(
                        $"The Secret \"{name}\" in namespace \"{ns}\" holds a CA certificate, not a client certificate: it is not printed");
                if (extension is X509EnhancedKeyUsageExtension usages &&
                    !usages.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(u => u.Value == "1.3.6.1.5.5.7.3.2"))
                    throw new SkupperException(
                        $"The Secret \"{name}\" in namespace \"{ns}\" holds a certificate not meant for TLS clients: it is not printed");
            }
        }
    }
}
