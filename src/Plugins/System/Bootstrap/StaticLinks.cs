using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using Skupper.Plugins.System.Resources;

namespace Skupper.Plugins.System.Bootstrap;

/// <summary>
/// <c>runtime/links/link-&lt;ra&gt;-&lt;host&gt;.yaml</c>: for each RouterAccess with link access and each host it answers
/// to, a Secret with a client certificate and a Link to it, which <c>link generate</c> prints for another site
/// (pkg/nonkube/api/token.go, CreateTokens; internal/nonkube/common/fs_config_renderer.go, createTokens).
/// The hosts: the bind host (else 127.0.0.1), then the server certificate's IP addresses and DNS names.
/// </summary>
internal static class StaticLinks
{
    public static void Write(NamespaceHome home, SiteState state, IOutput output)
    {
        foreach (var ra in state.RouterAccesses)
        {
            var interRouter = ra.Roles.FirstOrDefault(r => r.Role == "inter-router").Port;
            var edge = ra.Roles.FirstOrDefault(r => r.Role == "edge").Port;
            if (interRouter == 0 && edge == 0) continue;
            var client = CertificateFiles.Read(Path.Combine(home.Certificates, $"client-{ra.TlsCredentials}"))!;
            foreach (var host in Hosts(ra, Path.Combine(home.Certificates, ra.TlsCredentials, "tls.crt")))
            {
                var name = $"link-{ra.Name}";
                var secret = new InputResource { ApiVersion = "v1", Kind = "Secret", Type = "kubernetes.io/tls" };
                secret.Metadata.Name = name;
                var json = new JsonObject
                {
                    ["ca.crt"] = B64(client.CaCrt), ["tls.crt"] = B64(client.TlsCrt), ["tls.key"] = B64(client.TlsKey),
                }.ToJsonString();
                using (var data = JsonDocument.Parse(json))
                    secret.Data = data.RootElement.Clone();
                var link = new Link();
                link.Metadata.Name = name;
                link.Spec.TlsCredentials = name;
                link.Spec.Cost = 1;
                link.Spec.Endpoints = [];
                if (interRouter > 0) link.Spec.Endpoints.Add(new Endpoint { Name = "inter-router", Host = host, Port = $"{interRouter}" });
                if (edge > 0) link.Spec.Endpoints.Add(new Endpoint { Name = "edge", Host = host, Port = $"{edge}" });
                AtomicFile.Write(Path.Combine(home.RuntimeLinks, $"{name}-{host}.yaml"),
                    $"---\n{output.Render(secret, "yaml")}---\n{output.Render(link, "yaml")}", AtomicFile.Secret);
            }
        }
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static List<string> Hosts(RouterAccess ra, string serverCertificate)
    {
        var hosts = new List<string> { string.IsNullOrEmpty(ra.BindHost) ? "127.0.0.1" : ra.BindHost };
        using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(serverCertificate));
        foreach (var names in cert.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            hosts.AddRange(names.EnumerateIPAddresses().Select(ip => ip.ToString()).Where(h => !hosts.Contains(h)).ToList());
            hosts.AddRange(names.EnumerateDnsNames().Where(h => h.Length > 0 && !hosts.Contains(h)).ToList());
        }
        if (hosts.Count == 1) hosts.AddRange(ra.SubjectAlternativeNames);
        return hosts;
    }
}
