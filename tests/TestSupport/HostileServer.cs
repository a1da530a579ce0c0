using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Skupper.Cli.TestSupport;

/// <summary>One request a <see cref="HostileServer"/> received: its method and its path with the query.</summary>
public sealed record HostileRequest(string Method, string Target);

/// <summary>
/// A plain-HTTP server on 127.0.0.1 that answers as a test tells it, byte for byte, for the hostile-input tests
/// (issue 35): a body that never ends, a watch line that never ends. It is no API server: the test's
/// <see cref="Respond"/> writes the whole answer, status line included, and the connection closes after it.
/// </summary>
public sealed class HostileServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<HostileRequest> _requests = new();
    private readonly Task _accepting;

    public HostileServer(Func<HostileRequest, Stream, CancellationToken, Task> respond)
    {
        Respond = respond;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Func<HostileRequest, Stream, CancellationToken, Task> Respond { get; }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public IReadOnlyList<HostileRequest> Requests => _requests.ToArray();

    /// <summary>Writes a status line, headers and, when given, a body with its Content-Length.</summary>
    public static async Task WriteAsync(Stream stream, int status, string? json, CancellationToken cancellationToken, string reason = "OK")
    {
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nConnection: close\r\n" +
                   (json is null ? "" : $"Content-Length: {Encoding.UTF8.GetByteCount(json)}\r\n") + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + (json ?? "")), cancellationToken);
    }

    /// <summary>Writes an answer as given, status line and headers included.</summary>
    public static async Task WriteRawAsync(Stream stream, string answer, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), cancellationToken);

    /// <summary>Writes <paramref name="prefix"/>, then spaces until the client hangs up or the server stops.</summary>
    public static async Task EndlessAsync(Stream stream, string prefix, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(prefix), cancellationToken);
        var spaces = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
        while (!cancellationToken.IsCancellationRequested) await stream.WriteAsync(spaces, cancellationToken);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                // A connection closed before it sent a request line (a client that gave up connecting) is no request.
                if (head.Length == 0) return;
                var line = head.Split("\r\n")[0].Split(' ');
                var request = new HostileRequest(line[0], line.Length > 1 ? line[1] : "/");
                _requests.Enqueue(request);
                await Respond(request, stream, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException) { }
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            bytes.Add(one[0]);
            var n = bytes.Count;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') break;
        }
        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (Exception) { }
        _stop.Dispose();
    }
}
