using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Skupper.Cli.TestSupport;

namespace Skupper.Sandbox.Tests;

/// <summary>The ConnectProxy and ExecPlugin of TestSupport, by themselves.</summary>
public sealed class TestEquipmentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("equipment-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static async Task<(TcpClient Client, NetworkStream Stream, string Head)> SendAsync(ConnectProxy proxy, string request)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, proxy.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        return (client, stream, await ReadHeadAsync(stream));
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, timeout.Token) == 1)
            head.Append((char)one[0]);
        return head.ToString();
    }

    [Fact]
    public async Task Connect_proxy_tunnels_bytes_both_ways_to_a_loopback_target()
    {
        using var echo = new TcpListener(IPAddress.Loopback, 0);
        echo.Start();
        var target = $"127.0.0.1:{((IPEndPoint)echo.LocalEndpoint).Port}";
        var served = Task.Run(async () =>
        {
            using var peer = await echo.AcceptTcpClientAsync();
            var s = peer.GetStream();
            var buffer = new byte[5];
            await s.ReadExactlyAsync(buffer);
            await s.WriteAsync(Encoding.ASCII.GetBytes("pong:" + Encoding.ASCII.GetString(buffer)));
        });
        await using var proxy = new ConnectProxy();
        proxy.Url.ShouldBe($"http://127.0.0.1:{proxy.Port}");
        var (client, stream, head) = await SendAsync(proxy, $"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\nhello");
        using (client)
        {
            head.ShouldStartWith("HTTP/1.1 200 ");
            var reply = new byte[10];
            await stream.ReadExactlyAsync(reply);
            Encoding.ASCII.GetString(reply).ShouldBe("pong:hello");
            await served;
        }
        proxy.Tunnels.ShouldBe([target]);
    }

    [Theory]
    [InlineData("GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n", "HTTP/1.1 405 ")]
    [InlineData("CONNECT 10.1.2.3:443 HTTP/1.1\r\nHost: 10.1.2.3:443\r\n\r\n", "HTTP/1.1 403 ")]
    [InlineData("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", "HTTP/1.1 403 ")]
    public async Task Connect_proxy_refuses_other_methods_and_targets_off_this_machine(string request, string status)
    {
        await using var proxy = new ConnectProxy();
        var (client, _, head) = await SendAsync(proxy, request);
        client.Dispose();
        head.ShouldStartWith(status);
        proxy.Tunnels.ShouldBeEmpty();
        proxy.Refused.ShouldHaveSingleItem().ShouldStartWith(status[9..12] + " " + request.Split("\r\n")[0]);
    }

    [Fact]
    public async Task Connect_proxy_with_credentials_answers_407_without_them()
    {
        await using var proxy = new ConnectProxy("user", "pass");
        var (c1, _, missing) = await SendAsync(proxy, "CONNECT 127.0.0.1:1 HTTP/1.1\r\n\r\n");
        c1.Dispose();
        missing.ShouldStartWith("HTTP/1.1 407 ");
        missing.ShouldContain("Proxy-Authenticate: Basic");
        var wrong = Convert.ToBase64String(Encoding.UTF8.GetBytes("user:nope"));
        var (c2, _, refused) = await SendAsync(proxy, $"CONNECT 127.0.0.1:1 HTTP/1.1\r\nProxy-Authorization: Basic {wrong}\r\n\r\n");
        c2.Dispose();
        refused.ShouldStartWith("HTTP/1.1 407 ");
        // Right credentials get past authentication (the target port 1 is closed: 502).
        var right = Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pass"));
        var (c3, _, passed) = await SendAsync(proxy, $"CONNECT 127.0.0.1:1 HTTP/1.1\r\nProxy-Authorization: Basic {right}\r\n\r\n");
        c3.Dispose();
        passed.ShouldStartWith("HTTP/1.1 502 ");
    }

    [Fact]
    public async Task Connect_proxy_dispose_ends_open_tunnels()
    {
        using var idle = new TcpListener(IPAddress.Loopback, 0);
        idle.Start();
        var target = $"127.0.0.1:{((IPEndPoint)idle.LocalEndpoint).Port}";
        var proxy = new ConnectProxy();
        var (client, stream, head) = await SendAsync(proxy, $"CONNECT {target} HTTP/1.1\r\n\r\n");
        using var _ = client;
        using var peer = await idle.AcceptTcpClientAsync();
        head.ShouldStartWith("HTTP/1.1 200 ");
        var stopwatch = Stopwatch.StartNew();
        await proxy.DisposeAsync();
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        (await stream.ReadAsync(new byte[1], timeout.Token)).ShouldBe(0);
        var refusedAfterStop = Should.ThrowAsync<SocketException>(async () =>
        {
            using var again = new TcpClient();
            await again.ConnectAsync(IPAddress.Loopback, proxy.Port);
        });
        await refusedAfterStop;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string exe, string[] args, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("KUBERNETES_EXEC_INFO");
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Exec_plugin_prints_an_exec_credential_and_logs_each_argument_whole()
    {
        var plugin = new ExecPlugin(_dir, "creds").ReturnsToken("t-1", new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        plugin.InvocationCount.ShouldBe(0);
        var info = """{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{"interactive":false}}""";
        var (code, stdout, _) = await RunAsync(plugin.Path, ["a b", "line1\nline2", ""], new Dictionary<string, string> { ["KUBERNETES_EXEC_INFO"] = info + "\n" });
        code.ShouldBe(0);
        var credential = JsonNode.Parse(stdout)!;
        credential["apiVersion"].Str().ShouldBe("client.authentication.k8s.io/v1beta1");
        credential["kind"].Str().ShouldBe("ExecCredential");
        credential["status"]!["token"].Str().ShouldBe("t-1");
        credential["status"]!["expirationTimestamp"].Str().ShouldBe("2030-01-02T03:04:05Z");

        (code, stdout, _) = await RunAsync(plugin.Path, []);
        code.ShouldBe(0);
        JsonNode.Parse(stdout)!["apiVersion"].Str().ShouldBe("client.authentication.k8s.io/v1");

        plugin.InvocationCount.ShouldBe(2);
        plugin.Invocations[0].Arguments.ShouldBe(["a b", "line1\nline2", ""]);
        plugin.Invocations[0].ExecInfo.ShouldBe(info);
        plugin.Invocations[1].Arguments.ShouldBeEmpty();
        plugin.Invocations[1].ExecInfo.ShouldBeNull();
    }

    [Fact]
    public async Task Exec_plugin_returns_certificates_or_fails_as_told()
    {
        var plugin = new ExecPlugin(_dir).WithApiVersion("client.authentication.k8s.io/v1beta1").ReturnsCertificate("CERT\n", "KEY\n");
        var (code, stdout, _) = await RunAsync(plugin.Path, []);
        code.ShouldBe(0);
        var status = JsonNode.Parse(stdout)!["status"]!;
        status["clientCertificateData"].Str().ShouldBe("CERT\n");
        status["clientKeyData"].Str().ShouldBe("KEY\n");
        status["token"].ShouldBeNull();
        JsonNode.Parse(stdout)!["apiVersion"].Str().ShouldBe("client.authentication.k8s.io/v1beta1");

        plugin.Fails(7, "it's broken");
        var failed = await RunAsync(plugin.Path, ["x"]);
        failed.ExitCode.ShouldBe(7);
        failed.Stdout.ShouldBeEmpty();
        failed.Stderr.ShouldBe("it's broken\n");
        plugin.InvocationCount.ShouldBe(2);

        plugin.Succeeds();
        (await RunAsync(plugin.Path, [])).ExitCode.ShouldBe(0);
    }
}
