using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// Opens the byte stream to the API server: TCP, through a proxy when one applies, then TLS that
/// trusts exactly what kubectl trusts. The HTTP layer above sees a plain stream (requests go out as
/// http:// to the same host and port), so this one place decides SNI, the name checked, the roots,
/// the client certificate and the proxy, and words every failure in one line.
/// Timeouts are client-go's transport defaults (k8s.io/apimachinery/pkg/util/net/http.go,
/// SetTransportDefaults and the 30 s dialer in client-go transport/cache.go): 30 s to connect,
/// 10 s for the TLS handshake.
/// </summary>
public sealed class Transport(ConnectionSettings settings, ProxySelector proxies, ConnectionWarmup? warmup = null)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    /// <summary>
    /// Also the bound of a proxy's CONNECT or SOCKS exchange: a proxy that accepts and never answers is a handshake that never ends.
    /// </summary>
    internal static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly Lazy<X509Certificate2?> _configuredCertificate = new(() => settings.ClientCertificate?.Load());

    public async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        if (warmup is not null && await warmup.TakeStreamAsync(settings, cancellationToken).ConfigureAwait(false) is { } warm) return warm;
        var server = settings.Server;
        var proxy = settings.ProxyUrl ?? proxies.For(server);
        var stream = proxy is null
            ? await DialAsync(server.IdnHost, server.Port, $"the cluster at {UrlText.Authority(server)}", cancellationToken)
                .ConfigureAwait(false)
            : await ProxyTunnel.OpenAsync(proxy, server.IdnHost, server.Port, cancellationToken).ConfigureAwait(false);
        if (server.Scheme != Uri.UriSchemeHttps) return stream;
        try
        {
            return await HandshakeAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static async Task<Stream> DialAsync(string host, int port, string what, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new DnsEndPoint(host, port), timeout.Token).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            var reason = e is SocketException s ? Describe(s.SocketErrorCode) : $"no connection within {ConnectTimeout.TotalSeconds:0} s";
            throw new ConnectionException($"cannot reach {what}: {reason}", e);
        }
    }

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "no such host",
        SocketError.TimedOut => "connection timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
        SocketError.ConnectionReset => "connection reset",
        _ => error.ToString(),
    };

    private async Task<Stream> HandshakeAsync(Stream stream, CancellationToken cancellationToken)
    {
        var server = settings.Server;
        var name = settings.TlsServerName ?? server.IdnHost.Trim('[', ']');
        string? failure = null;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = name,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (await ClientCertificateAsync(cancellationToken).ConfigureAwait(false) is { } clientCertificate)
            options.ClientCertificateContext = SslStreamCertificateContext.Create(clientCertificate, null, offline: true);
        if (settings.InsecureSkipTlsVerify)
        {
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else
        {
            if (settings.CaCertificates is { } roots)
            {
                // The kubeconfig's CA replaces the system roots, as in kubectl (client-go transport/transport.go, rootCertPool).
                options.CertificateChainPolicy = Trusting(roots);
            }
            options.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (errors == SslPolicyErrors.None) return true;
                failure = TlsFailure.Describe(errors, certificate, chain, name, settings.CaCertificates is not null);
                return false;
            };
        }

        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException
                                  && !cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            var where = UrlText.Authority(server);
            throw new ConnectionException(e is OperationCanceledException
                ? $"TLS handshake with {where} did not complete within {HandshakeTimeout.TotalSeconds:0} s"
                : $"TLS handshake with {where} failed: {failure ?? TlsFailure.Plain(e)}", e);
        }
    }

    /// <summary>
    /// A chain policy that trusts these roots only, and checks as Go's crypto/x509 checks: no revocation lookup, no
    /// download of missing intermediates (X509ChainPolicy's defaults do both, and an unreachable CRL fails the chain).
    /// </summary>
    public static X509ChainPolicy Trusting(X509Certificate2Collection roots)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }

    /// <summary>The kubeconfig's client certificate, else one an exec plugin returned.</summary>
    private async Task<X509Certificate2?> ClientCertificateAsync(CancellationToken cancellationToken)
    {
        if (_configuredCertificate.Value is { } configured) return configured;
        var credential = await settings.Credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        return credential.ClientCertificate?.Load();
    }
}

/// <summary>TLS failures in the words kubectl's users know (Go's x509 errors), one line each.</summary>
internal static class TlsFailure
{
    public static string Describe(SslPolicyErrors errors, X509Certificate? certificate, X509Chain? chain, string name, bool kubeconfigCa)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || certificate is null)
            return "the server sent no certificate";
        using var cert = new X509Certificate2(certificate);
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var status = chain?.ChainStatus.Select(s => s.Status).Aggregate(X509ChainStatusFlags.NoError, (a, b) => a | b)
                         ?? X509ChainStatusFlags.NoError;
            if (status.HasFlag(X509ChainStatusFlags.NotTimeValid))
                return $"x509: the server certificate is not valid now (valid from {cert.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm}Z " +
                       $"to {cert.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z)";
            return kubeconfigCa
                ? $"x509: certificate signed by unknown authority (the server's certificate \"{cert.Subject}\" " +
                  "is not signed by the kubeconfig's certificate-authority)"
                : $"x509: certificate signed by unknown authority (\"{cert.Issuer}\" is not a trusted root; " +
                  "set certificate-authority in the kubeconfig)";
        }
        var names = ValidNames(cert);
        // Go's x509 HostnameError wording, which kubectl users see.
        if (System.Net.IPAddress.TryParse(name, out var ip) && !names.Any(n => System.Net.IPAddress.TryParse(n, out _)))
            return $"x509: cannot validate certificate for {ip} because it doesn't contain any IP SANs " +
                   $"(it is valid for {string.Join(", ", names)}; set tls-server-name to one of them)";
        var valid = names.Count == 0 ? $"\"{cert.Subject}\" (no subject alternative names)" : string.Join(", ", names);
        return $"x509: certificate is valid for {valid}, not {name}";
    }

    private static List<string> ValidNames(X509Certificate2 cert)
    {
        var names = new List<string>();
        foreach (var ext in cert.Extensions)
            if (ext is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(ip => ip.ToString()));
            }
        return names;
    }

    /// <summary>SslStream's own words can be resource keys (the build strips resource strings); say what they mean.</summary>
    public static string Plain(Exception e) => e switch
    {
        AuthenticationException { InnerException: { } inner } => Plain(inner),
        AuthenticationException => "the server refused the handshake (does it speak TLS, and does it accept this client certificate?)",
        IOException => "the connection closed during the handshake (is this a TLS endpoint?)",
        _ => e.Message,
    };
}
