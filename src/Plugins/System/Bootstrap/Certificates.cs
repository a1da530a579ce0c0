using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Skupper.Cli.Sdk;

namespace Skupper.Plugins.System.Bootstrap;

/// <summary>
/// A certificate as <c>ca.crt</c>, <c>tls.crt</c> and <c>tls.key</c> (PEM), made as the Go CLI makes them
/// (internal/certs/certs.go, GenerateSecret): RSA 2048 with the key in PKCS#1, valid 5 years from now, a random 128-bit
/// serial, CN = subject, server and client authentication on every certificate, each host a DNS name (and an IP
/// address too when it is one); without a CA it signs itself and may sign others.
/// </summary>
internal sealed record CertificateFiles(string CaCrt, string TlsCrt, string TlsKey)
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(5 * 365);

    public static CertificateFiles Generate(string subject, IReadOnlyList<string> hosts, CertificateFiles? ca)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(new X500DistinguishedName(CommonName(subject)), key, HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        var usage = X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature;
        if (ca is null) usage |= X509KeyUsageFlags.KeyCertSign;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca is null, false, 0, critical: true));
        if (hosts.Count > 0)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var host in hosts.Select(h => h.Trim()))
            {
                if (IPAddress.TryParse(host, out var ip)) names.AddIpAddress(ip);
                names.AddDnsName(host);
            }
            request.CertificateExtensions.Add(names.Build());
        }
        var notBefore = DateTimeOffset.UtcNow;
        var notAfter = notBefore + Validity;
        string crt;
        if (ca is null)
        {
            var signer = X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1);
            using var self = request.Create(request.SubjectName, signer, notBefore, notAfter, Serial());
            crt = self.ExportCertificatePem();
        }
        else
        {
            using var issuer = X509Certificate2.CreateFromPem(ca.TlsCrt, ca.TlsKey);
            // A certificate may not outlive its issuer.
            if (notAfter > issuer.NotAfter) notAfter = issuer.NotAfter;
            using var signed = request.Create(issuer, notBefore, notAfter, Serial());
            crt = signed.ExportCertificatePem();
        }
        return new CertificateFiles(ca?.TlsCrt ?? crt + "\n", crt + "\n", key.ExportRSAPrivateKeyPem() + "\n");
    }

    /// <summary>A positive serial below 2^128, as Go's rand.Int(2^128).</summary>
    private static byte[] Serial()
    {
        var serial = new BigInteger(RandomNumberGenerator.GetBytes(16), isUnsigned: true, isBigEndian: true);
        if (serial.IsZero) serial = BigInteger.One;
        // Two's complement, as DER reads a serial: a leading zero byte keeps it positive.
        return serial.ToByteArray(isUnsigned: false, isBigEndian: true);
    }

    private static string CommonName(string subject) => "CN=" + subject.Replace("\\", "\\\\").Replace(",", "\\,").Replace("+", "\\+")
        .Replace("=", "\\=").Replace("\"", "\\\"").Replace("<", "\\<").Replace(">", "\\>").Replace(";", "\\;");

    /// <summary>The three files in a folder, or null when it lacks any of them.</summary>
    public static CertificateFiles? Read(string folder)
    {
        string F(string n) => Path.Combine(folder, n);
        if (!File.Exists(F("tls.crt")) || !File.Exists(F("tls.key"))) return null;
        var crt = File.ReadAllText(F("tls.crt"));
        return new CertificateFiles(File.Exists(F("ca.crt")) ? File.ReadAllText(F("ca.crt")) : crt, crt, File.ReadAllText(F("tls.key")));
    }

    /// <summary>Writes the files with mode 0640, as the Go CLI does (a group may run the router).</summary>
    public void Write(string folder, IReadOnlyDictionary<string, string>? extra = null)
    {
        Directory.CreateDirectory(folder);
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        AtomicFile.Write(Path.Combine(folder, "ca.crt"), CaCrt, mode);
        AtomicFile.Write(Path.Combine(folder, "tls.crt"), TlsCrt, mode);
        AtomicFile.Write(Path.Combine(folder, "tls.key"), TlsKey, mode);
        foreach (var (name, content) in extra ?? new Dictionary<string, string>())
            AtomicFile.Write(Path.Combine(folder, name), content, mode);
    }
}
