using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Skupper.Sandbox;

/// <summary>
/// An in-memory CA, the HTTPS server certificate it signs, and the client certificates it issues.
/// Clients trust the CA (it is the kubeconfig's certificate-authority-data), exactly as with a real cluster;
/// the server trusts it for client certificates, as kube-apiserver trusts its --client-ca-file.
/// ECDSA P-256 because key generation is near-instant, which keeps sandbox start-up fast.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private readonly ECDsa _caKey;
    private readonly X509SubjectKeyIdentifierExtension _caSki;

    public X509Certificate2 CaCertificate { get; }
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>PEM of the CA certificate (what a client must trust).</summary>
    public string CaPem { get; }

    /// <param name="serverNames">Subject alternative names of the server certificate: entries that parse as
    /// IP addresses become IP SANs, the others DNS SANs (what Go's crypto/x509 checks the dialled host against).</param>
    public CertificateAuthority(IEnumerable<string> serverNames)
    {
        var now = DateTimeOffset.UtcNow;
        _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=skupper-sandbox-ca", _caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        _caSki = new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false);
        caRequest.CertificateExtensions.Add(_caSki);
        CaCertificate = caRequest.CreateSelfSigned(now.AddHours(-1), now.AddYears(1));

        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in serverNames)
        {
            if (IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip);
            else san.AddDnsName(name);
        }
        ServerCertificate = Issue("CN=skupper-sandbox", ServerAuth, san.Build(), now.AddDays(30), X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment);

        CaPem = CaCertificate.ExportCertificatePem() + "\n";
    }

    /// <summary>
    /// A client certificate as kube-apiserver's x509 authenticator reads it: user = subject CN, groups = subject O
    /// (kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go,
    /// CommonNameUserConversion), with the client-auth extended key usage its verify options require.
    /// </summary>
    public (string CertificatePem, string KeyPem) IssueClientCertificate(string user, IEnumerable<string> groups, TimeSpan? validFor = null)
    {
        var subject = new X500DistinguishedNameBuilder();
        foreach (var group in groups) subject.AddOrganizationName(group);
        subject.AddCommonName(user);
        var notAfter = DateTimeOffset.UtcNow + (validFor ?? TimeSpan.FromDays(30));
        using var cert = Issue(subject.Build(), ClientAuth, null, notAfter, X509KeyUsageFlags.DigitalSignature);
        using var key = cert.GetECDsaPrivateKey()!;
        return (cert.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>
    /// Whether a presented client certificate chains to this CA, is within its validity period and allows
    /// client authentication: the checks of x509.go's Authenticator (Verify with KeyUsages ClientAuth, Roots = client CA).
    /// </summary>
    public bool VerifiesClient(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(CaCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuth);
        chain.ChainPolicy.VerificationTime = DateTime.Now;
        return chain.Build(certificate);
    }

    private X509Certificate2 Issue(string subject, Oid usage, X509Extension? san, DateTimeOffset notAfter, X509KeyUsageFlags keyUsage) =>
        Issue(new X500DistinguishedName(subject), usage, san, notAfter, keyUsage);

    private X509Certificate2 Issue(X500DistinguishedName subject, Oid usage, X509Extension? san, DateTimeOffset notAfter, X509KeyUsageFlags keyUsage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (san != null) request.CertificateExtensions.Add(san);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(_caSki));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive serial, as Go's x509 parser insists
        using var signed = request.Create(CaCertificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey),
            DateTimeOffset.UtcNow.AddHours(-1), notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    public void Dispose()
    {
        ServerCertificate.Dispose();
        CaCertificate.Dispose();
        _caKey.Dispose();
    }
}
