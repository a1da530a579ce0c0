using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Skupper.Sandbox;

/// <summary>
/// An in-memory CA and the HTTPS server certificate it signs. Clients trust the CA (it is the
/// kubeconfig's certificate-authority-data), exactly as with a real cluster.
/// ECDSA P-256 because key generation is near-instant, which keeps sandbox start-up fast.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    public X509Certificate2 CaCertificate { get; }
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>PEM of the CA certificate (what a client must trust).</summary>
    public string CaPem { get; }

    public CertificateAuthority()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=skupper-sandbox-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        var caSki = new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false);
        caRequest.CertificateExtensions.Add(caSki);
        CaCertificate = caRequest.CreateSelfSigned(now.AddHours(-1), now.AddYears(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=skupper-sandbox", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(caSki));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive serial, as Go's x509 parser insists
        using var signed = serverRequest.Create(CaCertificate, now.AddHours(-1), now.AddDays(30), serial);
        ServerCertificate = signed.CopyWithPrivateKey(serverKey);

        CaPem = CaCertificate.ExportCertificatePem() + "\n";
    }

    public void Dispose()
    {
        ServerCertificate.Dispose();
        CaCertificate.Dispose();
    }
}
