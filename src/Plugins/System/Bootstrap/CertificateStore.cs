using System.Text;
using System.Text.Json;
using Skupper.Cli.Sdk;

namespace Skupper.Plugins.System.Bootstrap;

/// <summary>
/// The site's certificates on disk (internal/nonkube/common/fs_config_renderer.go, createTlsCertificates): CAs in
/// <c>runtime/issuers/NAME</c>, never replaced once there; server and client certificates in <c>runtime/certs/NAME</c>,
/// clients with the <c>connect.json</c> of the local RouterAccess; each Link's Secret in <c>runtime/certs/SECRET-profile</c>.
/// The user's own in <c>input/issuers/NAME</c> or <c>input/certs/NAME</c> take the place of generated ones.
/// </summary>
internal sealed class CertificateStore(NamespaceHome home, SiteState state)
{
    public void Write()
    {
        foreach (var ca in state.Certificates.Values.Where(c => c.Signing).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var folder = Path.Combine(home.Issuers, ca.Name);
            if (CertificateFiles.Read(Path.Combine(home.InputIssuers, ca.Name)) is { } given) given.Write(folder);
            else if (CertificateFiles.Read(folder) is null) CertificateFiles.Generate(ca.Subject, ca.Hosts, null).Write(folder);
        }
        var issued = state.Certificates.Values.Where(c => !c.Signing && (c.Server || c.Client))
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var cert in issued)
        {
            var given = CertificateFiles.Read(Path.Combine(home.InputCertificates, cert.Name));
            // A user's own certificate takes the place of the whole secret, connect.json included, as in Go
            // (createTlsCertificates; fs_config_renderer_test.go counts three files in such a client's folder).
            (given ?? Generate(cert)).Write(Path.Combine(home.Certificates, cert.Name),
                cert.Client && given is null ? new Dictionary<string, string> { ["connect.json"] = ConnectJson() } : null);
        }
        foreach (var link in state.Links)
        {
            var secret = state.Secrets.First(s => s.Name == link.Spec.TlsCredentials);
            var folder = Path.Combine(home.Certificates, $"{secret.Name}-profile");
            Directory.CreateDirectory(folder);
            if (secret.Data is { ValueKind: JsonValueKind.Object } data)
            {
                foreach (var file in data.EnumerateObject())
                    AtomicFile.Write(Path.Combine(folder, file.Name), Encoding.UTF8.GetString(file.Value.GetBytesFromBase64()),
                        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            }
        }
    }

    private CertificateFiles Generate(CertificateSpec cert)
    {
        var ca = cert.Ca is null ? null : CertificateFiles.Read(Path.Combine(home.Issuers, cert.Ca))
            ?? throw new SkupperException($"the CA {cert.Ca} of certificate {cert.Name} is missing from {Printable.Path(home.Issuers)}");
        return CertificateFiles.Generate(cert.Subject, cert.Hosts, ca);
    }

    /// <summary>Where a client of the local RouterAccess connects, as fs_config_renderer.go's connectJson writes it.</summary>
    private string ConnectJson()
    {
        var local = state.RouterAccesses.First(r => r.Roles.Any(x => x.Role == "normal"));
        var port = local.Roles.First(x => x.Role == "normal").Port;
        return $$"""

            {
                "scheme": "amqps",
                "host": "{{local.BindHost ?? "127.0.0.1"}}",
                "port": "{{port}}",
                "tls": {
                    "ca": "/etc/messaging/ca.crt",
                    "cert": "/etc/messaging/tls.crt",
                    "key": "/etc/messaging/tls.key",
                    "verify": true
                }
            }

            """;
    }
}
