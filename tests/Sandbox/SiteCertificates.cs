using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Skupper.Sandbox;

/// <summary>
/// The certificates Skupper's controller makes for a site (internal/certs/certs.go, GenerateSecret), apart from
/// the sandbox's own <see cref="CertificateAuthority"/>, whose client certificates the API server takes as users:
/// an RSA 2048 key; CN = the subject; server and client authentication; each host a DNS name (and an IP address
/// when it parses as one); five years; self-signed with certificate signing for a CA (ca.crt is then the
/// certificate itself), else signed by the CA whose tls.crt and tls.key are in <paramref name="caSecret"/>.
/// </summary>
internal static class SiteCertificates
{
    public static IReadOnlyDictionary<string, byte[]> Generate(string subject, IEnumerable<string> hosts, JsonObject? caSecret)
    {
        using var key = RSA.Create(2048);
        // A subject may hold commas ("10.0.0.1,10.0.0.2" from link generate): one CN, escaped, as Go's pkix.Name writes it.
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(subject);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var usage = X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature;
        if (caSecret == null) usage |= X509KeyUsageFlags.KeyCertSign;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(caSecret == null, false, 0, true));
        var san = new SubjectAlternativeNameBuilder();
        var anyHost = false;
        foreach (var host in hosts.Select(h => h.Trim()))
        {
            if (IPAddress.TryParse(host, out var ip)) san.AddIpAddress(ip);
            san.AddDnsName(host);
            anyHost = true;
        }
        if (anyHost) request.CertificateExtensions.Add(san.Build());
        var notBefore = DateTimeOffset.UtcNow;
        var notAfter = notBefore.AddYears(5);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f; // a positive serial, as Go's rand.Int below 2^128 gives

        byte[] certificatePem;
        byte[] caPem;
        if (caSecret == null)
        {
            using var self = request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1), notBefore, notAfter, serial);
            certificatePem = Encoding.ASCII.GetBytes(self.ExportCertificatePem() + "\n");
            caPem = certificatePem;
        }
        else
        {
            var caCertificatePem = Field(caSecret, "tls.crt");
            using var ca = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(caCertificatePem), Encoding.ASCII.GetString(Field(caSecret, "tls.key")));
            using var caKey = ca.GetRSAPrivateKey() ?? throw new InvalidOperationException("the CA Secret's key is not an RSA key");
            using var issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1), notBefore,
                notAfter < ca.NotAfter ? notAfter : ca.NotAfter, serial);
            certificatePem = Encoding.ASCII.GetBytes(issued.ExportCertificatePem() + "\n");
            caPem = caCertificatePem;
        }
        return new Dictionary<string, byte[]>
        {
            ["ca.crt"] = caPem,
            ["tls.crt"] = certificatePem,
            ["tls.key"] = Encoding.ASCII.GetBytes(key.ExportRSAPrivateKeyPem() + "\n"),
        };
    }

    private static byte[] Field(JsonObject secret, string key) =>
        Convert.FromBase64String(secret["data"]?[key]?.GetValue<string>() ?? throw new InvalidOperationException($"the CA Secret has no {key}"));
}
