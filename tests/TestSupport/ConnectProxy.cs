using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Skupper.Cli.TestSupport;

/// <summary>
/// An HTTP CONNECT proxy on 127.0.0.1 (a free port), for testing kubeconfig <c>proxy-url</c>. It tunnels bytes
/// both ways, records every tunnel's target, optionally requires <c>Proxy-Authorization: Basic</c> (407
/// otherwise), answers anything but CONNECT with 405, and tunnels only to loopback addresses (403 otherwise):
/// tests must never reach another machine.
/// </summary>
public sealed class ConnectProxy : IAsyncDisposable
{
    private const int MaxHeaderBytes = 16 * 1024;

    private readonly TcpListener _listener;
    private readonly string? _expectedAuthorization;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _tunnels = new();
    private readonly ConcurrentQueue<string> _refused = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly Task _acceptLoop;

    /// <param name="username">With <paramref name="password"/>: the basic credentials every CONNECT must carry.</param>
    public ConnectProxy(string? username = null, string? password = null)
    {
        if ((username == null) != (password == null)) throw new ArgumentException("give both username and password, or neither");
        if (username != null)
            _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>http://127.0.0.1:PORT</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>The targets ("host:port") of the tunnels opened so far, in order.</summary>
    public IReadOnlyList<string> Tunnels => _tunnels.ToArray();

    /// <summary>Requests refused (405, 407, 403, 400, 502), as "STATUS request-line".</summary>
    public IReadOnlyList<string> Refused => _refused.ToArray();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            var task = ServeAsync(client);
            _connections[task] = true;
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        try
        {
            var (head, extra) = await ReadHeadAsync(stream);
            if (head == null) return;
            var lines = head.Split("\r\n");
            var requestLine = lines[0];
            var parts = requestLine.Split(' ');
            if (parts.Length != 3)
            {
                await RefuseAsync(stream, requestLine, 400, "Bad Request");
                return;
            }
            if (parts[0] != "CONNECT")
            {
                await RefuseAsync(stream, requestLine, 405, "Method Not Allowed", "Allow: CONNECT\r\n");
                return;
            }
            if (_expectedAuthorization != null)
            {
                var given = lines.Skip(1).Select(l => l.Split(':', 2)).Where(kv => kv.Length == 2 && kv[0].Trim().Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
                    .Select(kv => kv[1].Trim()).FirstOrDefault();
                if (given != _expectedAuthorization)
                {
                    await RefuseAsync(stream, requestLine, 407, "Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"test\"\r\n");
                    return;
                }
            }
            var target = parts[1];
            if (LoopbackTarget(target) is not { } endpoint)
            {
                await RefuseAsync(stream, requestLine, 403, "Forbidden");
                return;
            }
            using var upstream = new TcpClient(AddressFamily.InterNetwork);
            try { await upstream.ConnectAsync(endpoint, _stop.Token); }
            catch (SocketException)
            {
                await RefuseAsync(stream, requestLine, 502, "Bad Gateway");
                return;
            }
            _tunnels.Enqueue(target);
            await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), _stop.Token);
            var up = upstream.GetStream();
            if (extra.Length > 0) await up.WriteAsync(extra, _stop.Token);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var a = PumpAsync(stream, up, upstream.Client, done.Token);
            var b = PumpAsync(up, stream, client.Client, done.Token);
            await Task.WhenAll(a, b);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the client or the target went away, or the proxy is stopping
        }
    }

    // Copies one direction; at end of stream, half-closes the other side so the peer sees EOF as through a direct connection.
    private static async Task PumpAsync(Stream from, Stream to, Socket toSocket, CancellationToken token)
    {
        try
        {
            await from.CopyToAsync(to, token);
            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            try { toSocket.Shutdown(SocketShutdown.Both); } catch (Exception f) when (f is SocketException or ObjectDisposedException) { }
        }
    }

    // host:port where host is a loopback IP literal (v4 or [v6]) or "localhost" (dialled as 127.0.0.1).
    private static IPEndPoint? LoopbackTarget(string target)
    {
        var colon = target.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(target[(colon + 1)..], out var port) || port is < 1 or > 65535) return null;
        var host = target[..colon].Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return new IPEndPoint(IPAddress.Loopback, port);
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip) && ip.AddressFamily == AddressFamily.InterNetwork
            ? new IPEndPoint(ip, port)
            : null;
    }

    private async Task RefuseAsync(Stream stream, string requestLine, int code, string reason, string headers = "")
    {
        _refused.Enqueue($"{code} {requestLine}");
        var body = $"{code} {reason}\n";
        var response = $"HTTP/1.1 {code} {reason}\r\n{headers}Content-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
    }

    // Reads up to the blank line ending the request head; returns the head and any bytes read past it.
    private async Task<(string? Head, byte[] Extra)> ReadHeadAsync(Stream stream)
    {
        var buffer = new byte[MaxHeaderBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(length), _stop.Token);
            if (n == 0) return (null, []);
            length += n;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
                return (Encoding.ASCII.GetString(buffer, 0, end), buffer[(end + 4)..length]);
        }
        return (null, []);
    }

    /// <summary>Stops listening, closes open tunnels and waits for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop;
        await Task.WhenAll(_connections.Keys.ToArray());
        _stop.Dispose();
    }
}
