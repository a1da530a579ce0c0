using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.System.Bootstrap;

/// <summary>
/// What <c>system start</c> makes of the input resources, in the Go CLI's order (internal/nonkube/compat/site_state_renderer.go,
/// Render; internal/nonkube/common/fs_config_renderer.go): the local RouterAccess, link access when the site asks for it,
/// the certificates, <c>skrouterd.json</c>, the runtime resources and <c>internal/platform.yaml</c>.
/// </summary>
internal sealed class SiteBootstrap(NamespaceHome home, SiteState state, string platform, string version)
{
    public const string ProfileBasePath = "${SSL_PROFILE_BASE_PATH}";

    public string RouterConfigFile => Path.Combine(home.RouterConfig, "skrouterd.json");

    /// <summary>The port of the <c>skupper-local</c> RouterAccess, once <see cref="Render"/> chose it.</summary>
    public int LocalPort { get; private set; }

    public void Render(IOutput output)
    {
        LocalPort = NextFree(5671);
        AddRouterAccess(new RouterAccess("skupper-local", [("normal", LocalPort)], "127.0.0.1", "skupper-local-server",
            "skupper-local-ca", []));
        Certificate("skupper-local-ca", "skupper-local-ca", ["127.0.0.1", "localhost"], null, signing: true);
        Certificate("skupper-local-server", "127.0.0.1", ["127.0.0.1", "localhost"], "skupper-local-ca", server: true);
        Certificate("skupper-local-client", "127.0.0.1", ["127.0.0.1", "localhost"], "skupper-local-ca", client: true);
        if (state.Site.Spec.LinkAccess is { Length: > 0 } access && access != "none" &&
            state.RouterAccesses.All(r => r.Name != state.Site.Name))
        {
            var interRouter = NextFree(55671);
            var edge = NextFree(45671);
            if (edge == interRouter) edge = NextFree(edge + 1);
            AddRouterAccess(new RouterAccess(state.Site.Name, [("inter-router", interRouter), ("edge", edge)], null, state.Site.Name, null,
                DefaultSans()));
        }
        LinkAccessCertificates();
        ServiceCertificates();

        Directory.CreateDirectory(home.RouterConfig);
        Directory.CreateDirectory(home.RuntimeLinks);
        Directory.CreateDirectory(home.Internal);
        new CertificateStore(home, state).Write();
        StaticLinks.Write(home, state, output);
        AtomicFile.Write(RouterConfigFile,
            RouterConfig.Render(state, platform, version, $"{ProfileBasePath}/runtime/certs", DateTimeOffset.UtcNow), AtomicFile.Ordinary);
        RuntimeResources.Write(home, state, output);
        AtomicFile.Write(Path.Combine(home.Internal, "platform.yaml"), $"platform: {platform}\n", AtomicFile.Ordinary);
    }

    private void AddRouterAccess(RouterAccess access) => state.RouterAccesses.Add(access);

    private void Certificate(string name, string subject, IReadOnlyList<string> hosts, string? ca, bool signing = false,
        bool server = false, bool client = false) =>
        state.Certificates[name] = new CertificateSpec(name, subject, hosts, ca, signing, server, client);

    /// <summary>pkg/nonkube/api/site_state.go, CreateLinkAccessesCertificates.</summary>
    private void LinkAccessCertificates()
    {
        const string siteCa = "skupper-site-ca";
        Certificate(siteCa, siteCa, [], null, signing: true);
        foreach (var ra in state.RouterAccesses.Where(r => r.Roles.Any(x => x.Role is "edge" or "inter-router")))
        {
            var hosts = ra.SubjectAlternativeNames.ToList();
            if (!string.IsNullOrEmpty(ra.BindHost) && !hosts.Contains(ra.BindHost)) hosts.Add(ra.BindHost);
            var ca = ra.Issuer ?? siteCa;
            if (ca != siteCa) Certificate(ca, ca, [], null, signing: true);
            Certificate(ra.TlsCredentials, ra.Name, hosts, ca, server: true);
            Certificate($"client-{ra.TlsCredentials}", $"client-{ra.TlsCredentials}", [], ca, client: true);
        }
    }

    /// <summary>pkg/nonkube/api/site_state.go, CreateBridgeCertificates.</summary>
    private void ServiceCertificates()
    {
        const string serviceCa = "skupper-service-ca";
        Certificate(serviceCa, serviceCa, [], null, signing: true);
        foreach (var (credentials, host) in state.Listeners.Select(l => (l.Spec.TlsCredentials, l.Spec.Host))
                     .Concat(state.Connectors.Select(c => (c.Spec.TlsCredentials, c.Spec.Host))))
        {
            if (!string.IsNullOrEmpty(credentials)) Certificate(credentials, host ?? "", [host ?? ""], serviceCa, server: true);
        }
    }

    /// <summary>The first port from <paramref name="start"/> nothing listens on (internal/utils/tcp.go, TcpPortNextFree).</summary>
    public static int NextFree(int start)
    {
        for (var port = start; port <= 65535; port++)
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Any, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: the next one.
            }
        }
        throw new SkupperException($"no free TCP port from {start}");
    }

    /// <summary>0.0.0.0, ::, the host name and every address that is not loopback (internal/utils/access.go, GetSansByDefault).</summary>
    private static List<string> DefaultSans()
    {
        var sans = new List<string> { "0.0.0.0", "::", Dns.GetHostName() };
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            sans.AddRange(nic.GetIPProperties().UnicastAddresses.Where(a => !IPAddress.IsLoopback(a.Address))
                .Select(a => a.Address.ToString().Split('%')[0]));
        return sans.Distinct().ToList();
    }
}
