using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// The proxy for a URL from the environment, read as Go reads it (golang.org/x/net/http/httpproxy,
/// <c>FromEnvironment</c> and <c>useProxy</c>): HTTPS_PROXY (or https_proxy) for https, HTTP_PROXY for
/// http, NO_PROXY exclusions (<c>*</c>, host names, domain suffixes, IPs, CIDRs, optional port),
/// and never a proxy for localhost or a loopback address. A kubeconfig proxy-url bypasses all this.
/// </summary>
public sealed class ProxySelector(HostEnvironment env)
{
    public Uri? For(Uri target)
    {
        var raw = target.Scheme == Uri.UriSchemeHttps
            ? env.Get("HTTPS_PROXY") ?? env.Get("https_proxy")
            : env.Get("HTTP_PROXY") ?? env.Get("http_proxy");
        if (raw is null) return null;
        var host = target.IdnHost.Trim('[', ']');
        if (host == "localhost" || IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)) return null;
        if (Excluded(host, ip, target.Port, env.Get("NO_PROXY") ?? env.Get("no_proxy") ?? "")) return null;
        return Uri.TryCreate(raw.Contains("://") ? raw : "http://" + raw, UriKind.Absolute, out var proxy)
            ? proxy
            : throw new ConnectionException($"the proxy \"{UrlText.Redact(raw)}\" in HTTPS_PROXY/HTTP_PROXY is not a URL");
    }

    private static bool Excluded(string host, IPAddress? ip, int port, string noProxy)
    {
        foreach (var item in noProxy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (item == "*") return true;
            if (item.Contains('/') && ip is not null && InCidr(ip, item)) return true;
            var entry = item;
            var entryPort = -1;
            var colon = entry.LastIndexOf(':');
            if (colon > 0 && !entry.Contains("::") && int.TryParse(entry[(colon + 1)..], out var p))
            {
                entryPort = p;
                entry = entry[..colon];
            }
            if (entryPort != -1 && entryPort != port) continue;
            if (IPAddress.TryParse(entry.Trim('[', ']'), out var entryIp))
            {
                if (ip is not null && entryIp.Equals(ip)) return true;
                continue;
            }
            var domain = entry.TrimStart('*').ToLowerInvariant();
            var h = host.ToLowerInvariant();
            if (domain.StartsWith('.')
                    ? h.EndsWith(domain, StringComparison.Ordinal) || h == domain[1..]
                    : h == domain || h.EndsWith("." + domain, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static bool InCidr(IPAddress ip, string cidr)
    {
        var parts = cidr.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var network) || !int.TryParse(parts[1], out var bits)) return false;
        var a = ip.GetAddressBytes();
        var b = network.GetAddressBytes();
        if (a.Length != b.Length || bits < 0 || bits > a.Length * 8) return false;
        for (var i = 0; i < bits; i++)
            if ((a[i / 8] >> (7 - i % 8) & 1) != (b[i / 8] >> (7 - i % 8) & 1)) return false;
        return true;
    }
}

/// <summary>
/// A tunnel to host:port through a proxy: HTTP CONNECT over http:// or https:// proxies (with
/// <c>user:password@</c> as Proxy-Authorization Basic), or SOCKS5 (RFC 1928, user/password RFC 1929),
/// the schemes client-go accepts for proxy-url (tools/clientcmd/validation.go).
/// </summary>
internal static class ProxyTunnel
{
    public static async Task<Stream> OpenAsync(Uri proxy, string host, int port, CancellationToken cancellationToken)
    {
        var outer = cancellationToken;
        var shown = UrlText.Authority(proxy);
        var defaultPort = proxy.Scheme switch { "https" => 443, "socks5" or "socks5h" => 1080, _ => 80 };
        var stream = await Transport.DialAsync(proxy.IdnHost, proxy.IsDefaultPort || proxy.Port < 0 ? defaultPort : proxy.Port,
            $"the proxy {shown}", cancellationToken).ConfigureAwait(false);
        // The exchange is bounded (a proxy that accepted and never answered CONNECT held the CLI
        // for over 90 s, --request-timeout and Ctrl-C ignored).
        using var exchange = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        exchange.CancelAfter(Transport.HandshakeTimeout);
        cancellationToken = exchange.Token;
        try
        {
            switch (proxy.Scheme)
            {
                case "http":
                    await ConnectAsync(stream, proxy, shown, host, port, cancellationToken).ConfigureAwait(false);
                    return stream;
                case "https":
                    var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                    var options = new SslClientAuthenticationOptions { TargetHost = proxy.IdnHost };
                    await tls.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
                    await ConnectAsync(tls, proxy, shown, host, port, cancellationToken).ConfigureAwait(false);
                    return tls;
                case "socks5" or "socks5h":
                    await Socks5Async(stream, proxy, shown, host, port, cancellationToken).ConfigureAwait(false);
                    return stream;
                default:
                    throw new ConnectionException($"proxy {shown}: scheme \"{proxy.Scheme}\" is not supported; use http, https or socks5");
            }
        }
        catch (OperationCanceledException) when (exchange.IsCancellationRequested && !outer.IsCancellationRequested)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new ConnectionException($"proxy {shown} did not answer within {Transport.HandshakeTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not ConnectionException and not OperationCanceledException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new ConnectionException($"proxy {shown} failed: {e.Message}", e);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ConnectAsync(Stream stream, Uri proxy, string shown, string host, int port,
        CancellationToken cancellationToken)
    {
        var authority = host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
        var request = new StringBuilder($"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n");
        if (proxy.UserInfo.Length > 0)
            request.Append("Proxy-Authorization: Basic ")
                .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(proxy.UserInfo)))).Append("\r\n");
        request.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()), cancellationToken).ConfigureAwait(false);

        // Read the response head byte by byte: what follows it belongs to the tunnel.
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0 || head.Length > 16384)
                throw new ConnectionException($"proxy {shown} closed the connection before answering CONNECT");
            head.Append((char)one[0]);
        }
        var status = head.ToString().Split("\r\n")[0];
        var parts = status.Split(' ', 3);
        if (parts.Length < 2 || parts[1] != "200")
            throw new ConnectionException($"proxy {shown} refused CONNECT {authority}: {status}");
    }

    private static async Task Socks5Async(Stream stream, Uri proxy, string shown, string host, int port,
        CancellationToken cancellationToken)
    {
        var hasUser = proxy.UserInfo.Length > 0;
        await stream.WriteAsync(hasUser ? new byte[] { 5, 2, 0, 2 } : [5, 1, 0], cancellationToken).ConfigureAwait(false);
        var choice = await ReadExactlyAsync(stream, 2, cancellationToken).ConfigureAwait(false);
        if (choice[0] != 5 || choice[1] == 0xFF)
            throw new ConnectionException($"proxy {shown}: SOCKS5 offered no usable authentication method");
        if (choice[1] == 2)
        {
            var userInfo = Uri.UnescapeDataString(proxy.UserInfo).Split(':', 2);
            var user = Encoding.UTF8.GetBytes(userInfo[0]);
            var pass = Encoding.UTF8.GetBytes(userInfo.Length > 1 ? userInfo[1] : "");
            await stream.WriteAsync((byte[])[1, (byte)user.Length, .. user, (byte)pass.Length, .. pass], cancellationToken)
                .ConfigureAwait(false);
            var auth = await ReadExactlyAsync(stream, 2, cancellationToken).ConfigureAwait(false);
            if (auth[1] != 0) throw new ConnectionException($"proxy {shown}: SOCKS5 refused the user name and password");
        }
        var name = Encoding.ASCII.GetBytes(host);
        byte[] address = IPAddress.TryParse(host, out var ip)
            ? [(byte)(ip.AddressFamily == AddressFamily.InterNetwork ? 1 : 4), .. ip.GetAddressBytes()]
            : [3, (byte)name.Length, .. name];
        await stream.WriteAsync((byte[])[5, 1, 0, .. address, (byte)(port >> 8), (byte)port], cancellationToken).ConfigureAwait(false);
        var reply = await ReadExactlyAsync(stream, 4, cancellationToken).ConfigureAwait(false);
        if (reply[1] != 0) throw new ConnectionException($"proxy {shown}: SOCKS5 could not connect to {host}:{port} (reply {reply[1]})");
        var rest = reply[3] switch
        {
            1 => 4 + 2,
            4 => 16 + 2,
            3 => (await ReadExactlyAsync(stream, 1, cancellationToken).ConfigureAwait(false))[0] + 2,
            _ => 0,
        };
        await ReadExactlyAsync(stream, rest, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }
}
