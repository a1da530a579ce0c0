using System.Diagnostics;
using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.System.Tests;

/// <summary>
/// What <c>system start</c> renders, on the linux platform (files only, no engine): skrouterd.json checked entity by
/// entity against the Go tests' expectations, the certificates read back with openssl, and two sites linked with
/// <c>link generate</c> whose certificates complete a mutual-TLS handshake.
/// </summary>
public sealed class BootstrapTests : IDisposable
{
    private readonly TestHome _home = new();

    private string Namespace(string ns) => Path.Combine(_home.SkupperData, "namespaces", ns);

    private async Task<RunResult> Skupper(params string[] args)
    {
        var r = await ProcessRunner.KubectlSkupper(_home, args);
        return r;
    }

    private async Task Ok(params string[] args)
    {
        var r = await Skupper(args);
        r.ExitCode.ShouldBe(0, $"{string.Join(' ', args)}\n{r}");
    }

    private string Input(string text)
    {
        var path = Path.Combine(_home.Root, $"input-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static List<(string Type, JsonObject Attributes)> Entities(string file) =>
        JsonNode.Parse(File.ReadAllText(file))!.AsArray().Select(e => (e![0]!.GetValue<string>(), e[1]!.AsObject())).ToList();

    /// <summary>
    /// The expectations of skupperproject/skupper pkg/nonkube/api/site_state_test.go, TestSiteState_ToRouterConfig
    /// ("regular-config"): listeners for the normal, inter-router and edge roles; a connector per link; the sslProfiles'
    /// files under the SSL_PROFILE_BASE_PATH; a tcpListener per listener and a tcpConnector per connector; the site
    /// entity's platform and namespace; one address, mc, multicast. And internal/qdr/qdr.go's MarshalRouterConfig shape.
    /// </summary>
    [Fact]
    public async Task Start_renders_skrouterd_json_with_the_entities_the_go_tests_expect()
    {
        await Ok("site", "create", "west", "--enable-link-access", "--platform", "linux");
        await Ok("listener", "create", "db", "5432", "--platform", "linux");
        await Ok("listener", "create", "web", "8080", "--platform", "linux");
        await Ok("connector", "create", "db", "5432", "--host", "db.local", "--platform", "linux");

        await Ok("system", "start", "--platform", "linux");

        var entities = Entities(Path.Combine(Namespace("default"), "runtime", "router", "skrouterd.json"));
        entities.Select(e => e.Type).Distinct().ShouldBe(
            ["router", "sslProfile", "listener", "address", "tcpConnector", "tcpListener", "log", "site"]);
        var router = entities.Single(e => e.Type == "router").Attributes;
        router["mode"]!.GetValue<string>().ShouldBe("interior");
        router["id"]!.GetValue<string>().ShouldStartWith("west-");
        var metadata = JsonNode.Parse(router["metadata"]!.GetValue<string>())!;
        metadata["platform"]!.GetValue<string>().ShouldBe("linux");
        Guid.TryParse(metadata["id"]!.GetValue<string>(), out _).ShouldBeTrue();

        var listeners = entities.Where(e => e.Type == "listener").Select(e => e.Attributes).ToList();
        listeners.Select(l => l["role"]!.GetValue<string>()).Order().ShouldBe(["edge", "inter-router", "normal"]);
        var local = listeners.Single(l => l["role"]!.GetValue<string>() == "normal");
        local["name"]!.GetValue<string>().ShouldBe("skupper-local-normal");
        local["host"]!.GetValue<string>().ShouldBe("127.0.0.1");
        local["port"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(5671);
        local["sslProfile"]!.GetValue<string>().ShouldBe("skupper-local-server");
        listeners.ShouldAllBe(l => l["saslMechanisms"]!.GetValue<string>() == "EXTERNAL" && l["authenticatePeer"]!.GetValue<bool>());
        listeners.Single(l => l["role"]!.GetValue<string>() == "inter-router")["port"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(55671);
        listeners.Single(l => l["role"]!.GetValue<string>() == "edge")["port"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(45671);

        var profiles = entities.Where(e => e.Type == "sslProfile").Select(e => e.Attributes).ToList();
        profiles.Select(p => p["name"]!.GetValue<string>()).Order().ShouldBe(["skupper-local-server", "west"]);
        profiles.ShouldAllBe(p =>
            p["caCertFile"]!.GetValue<string>().StartsWith("${SSL_PROFILE_BASE_PATH}/runtime/certs/", StringComparison.Ordinal));

        var address = entities.Single(e => e.Type == "address").Attributes;
        (address["prefix"]!.GetValue<string>(), address["distribution"]!.GetValue<string>()).ShouldBe(("mc", "multicast"));
        entities.Where(e => e.Type == "tcpListener").Select(e => e.Attributes["name"]!.GetValue<string>())
            .ShouldBe(["listener/db", "listener/web"]);
        var tcpConnector = entities.Single(e => e.Type == "tcpConnector").Attributes;
        tcpConnector["name"]!.GetValue<string>().ShouldBe("connector/db@db.local");
        (tcpConnector["host"]!.GetValue<string>(), tcpConnector["port"]!.GetValue<string>(), tcpConnector["address"]!.GetValue<string>())
            .ShouldBe(("db.local", "5432", "db"));
        var site = entities.Single(e => e.Type == "site").Attributes;
        (site["platform"]!.GetValue<string>(), site["namespace"]!.GetValue<string>()).ShouldBe(("linux", "default"));
        var log = entities.Single(e => e.Type == "log").Attributes;
        (log["module"]!.GetValue<string>(), log["enable"]!.GetValue<string>()).ShouldBe(("ROUTER_CORE", "error+"));
    }

    [Fact]
    public async Task Certificates_are_rsa_2048_for_five_years_for_server_and_client_auth_with_the_sans_and_mode_0640()
    {
        await Ok("site", "create", "west", "--enable-link-access", "--platform", "linux");
        await Ok("system", "start", "--platform", "linux");
        var ns = Namespace("default");

        foreach (var ca in new[] { "skupper-local-ca", "skupper-site-ca", "skupper-service-ca" })
        {
            var text = await OpenSsl("x509", "-in", $"{ns}/runtime/issuers/{ca}/tls.crt", "-noout", "-text");
            text.ShouldContain($"Subject: CN = {ca}");
            text.ShouldContain("CA:TRUE");
        }
        var server = await OpenSsl("x509", "-in", $"{ns}/runtime/certs/west/tls.crt", "-noout", "-text");
        server.ShouldContain("Public-Key: (2048 bit)");
        server.ShouldContain("Subject: CN = west");
        server.ShouldContain("Issuer: CN = skupper-site-ca");
        server.ShouldContain("TLS Web Server Authentication, TLS Web Client Authentication");
        server.ShouldContain("IP Address:0.0.0.0");
        var hostName = global::System.Net.Dns.GetHostName();
        server.ShouldContain($"DNS:{hostName}");
        var serial = (await OpenSsl("x509", "-in", $"{ns}/runtime/certs/west/tls.crt", "-noout", "-serial")).Trim()["serial=".Length..];
        serial.Length.ShouldBeInRange(25, 34); // 128 bits: 32 hex digits, fewer with leading zeros, 34 with DER's sign byte
        var dates = await OpenSsl("x509", "-in", $"{ns}/runtime/certs/west/tls.crt", "-noout", "-enddate");
        DateTime.ParseExact(dates.Trim()["notAfter=".Length..].Replace("  ", " "), "MMM d HH:mm:ss yyyy 'GMT'", null).Year
            .ShouldBe(DateTime.UtcNow.AddDays(5 * 365).Year);
        (await File.ReadAllTextAsync($"{ns}/runtime/certs/west/tls.key")).ShouldStartWith("-----BEGIN RSA PRIVATE KEY-----\n");
        (await OpenSsl("verify", "-CAfile", $"{ns}/runtime/issuers/skupper-site-ca/ca.crt", $"{ns}/runtime/certs/client-west/tls.crt"))
            .ShouldContain(": OK");
        foreach (var file in Directory.GetFiles($"{ns}/runtime/certs", "*", SearchOption.AllDirectories)
                     .Concat(Directory.GetFiles($"{ns}/runtime/issuers", "*", SearchOption.AllDirectories)))
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, file);
        File.Exists($"{ns}/runtime/certs/skupper-local-client/connect.json").ShouldBeTrue();
        (await File.ReadAllTextAsync($"{ns}/internal/platform.yaml")).ShouldBe("platform: linux\n");
    }

    /// <summary>
    /// Site A with link access started; its link (<c>link generate</c>) applied at site B, which is started. B's router
    /// connects to A's inter-router port with an sslProfile whose files A's certificates accept, and the reverse: checked
    /// with openssl verify and a mutual-TLS handshake between openssl s_server (A's server files) and s_client (B's).
    /// </summary>
    [Fact]
    public async Task Two_sites_linked_with_link_generate_trust_each_other()
    {
        await Ok("site", "create", "west", "--enable-link-access", "-n", "west", "--platform", "linux");
        await Ok("system", "start", "-n", "west", "--platform", "linux");
        var generate = await Skupper("link", "generate", "-n", "west", "--platform", "linux");
        generate.ExitCode.ShouldBe(0, generate.ToString());
        await Ok("site", "create", "east", "-n", "east", "--platform", "linux");
        await Ok("system", "apply", "-f", Input(generate.Out), "-n", "east", "--platform", "linux");
        await Ok("system", "start", "-n", "east", "--platform", "linux");

        var west = Namespace("west");
        var east = Namespace("east");
        var interRouter = Entities($"{west}/runtime/router/skrouterd.json")
            .Single(e => e.Type == "listener" && e.Attributes["role"]!.GetValue<string>() == "inter-router")
            .Attributes["port"]!.GetValue<int>();
        var connector = Entities($"{east}/runtime/router/skrouterd.json").Single(e => e.Type == "connector").Attributes;
        connector["name"]!.GetValue<string>().ShouldBe("link-west");
        connector["role"]!.GetValue<string>().ShouldBe("inter-router");
        connector["port"]!.GetValue<string>().ShouldBe($"{interRouter}");
        connector["sslProfile"]!.GetValue<string>().ShouldBe("link-west-profile");
        var profile = $"{east}/runtime/certs/link-west-profile";
        (await OpenSsl("verify", "-CAfile", $"{profile}/ca.crt", $"{west}/runtime/certs/west/tls.crt")).ShouldContain(": OK");
        (await OpenSsl("verify", "-CAfile", $"{west}/runtime/issuers/skupper-site-ca/ca.crt", $"{profile}/tls.crt")).ShouldContain(": OK");

        var port = Skupper_Free();
        var serverArgs = new[]
        {
            "s_server", "-accept", $"127.0.0.1:{port}",
            "-cert", $"{west}/runtime/certs/west/tls.crt", "-key", $"{west}/runtime/certs/west/tls.key",
            "-CAfile", $"{west}/runtime/certs/west/ca.crt", "-Verify", "1", "-verify_return_error", "-naccept", "1", "-quiet",
        };
        var server = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (var a in serverArgs) server.ArgumentList.Add(a);
        using var s = Process.Start(server)!;
        var serverErr = s.StandardError.ReadToEndAsync();
        try
        {
            string handshake = "";
            for (var i = 0; i < 50 && !handshake.Contains("Verification: OK", StringComparison.Ordinal); i++)
            {
                await Task.Delay(100);
                var client = new ProcessStartInfo("openssl")
                {
                    RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
                };
                foreach (var a in new[] { "s_client", "-connect", $"127.0.0.1:{port}",
                             "-cert", $"{profile}/tls.crt", "-key", $"{profile}/tls.key",
                             "-CAfile", $"{profile}/ca.crt", "-verify_return_error", "-brief" })
                    client.ArgumentList.Add(a);
                using var c = Process.Start(client)!;
                c.StandardInput.Close();
                handshake = await c.StandardOutput.ReadToEndAsync() + await c.StandardError.ReadToEndAsync();
                await c.WaitForExitAsync();
            }
            if (s.HasExited && !handshake.Contains("Verification: OK", StringComparison.Ordinal))
                throw new ShouldAssertException($"openssl s_server ended: {await serverErr}\n{handshake}");
            handshake.ShouldContain("Verification: OK");
            handshake.ShouldContain("Peer certificate: CN = west");
        }
        finally
        {
            if (!s.HasExited) s.Kill();
            await s.WaitForExitAsync();
        }
        (await serverErr).ShouldNotContain("verify error");
    }

    private static int Skupper_Free()
    {
        using var probe = new global::System.Net.Sockets.TcpListener(global::System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((global::System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Start_runs_the_before_hook_which_may_refuse_and_the_after_hook_which_sees_what_was_made()
    {
        var hooks = Path.Combine(_home.Root, "hooks");
        Directory.CreateDirectory(hooks);
        File.SetUnixFileMode(hooks, (UnixFileMode)0b111_101_101);
        var hook = Path.Combine(hooks, "start.js");
        await File.WriteAllTextAsync(hook, """
            export function beforeSystemStart(ctx) {
              if (ctx.site === "forbidden") refuse(`no site named ${ctx.site} in ${ctx.namespace} on ${ctx.platform}`);
            }
            export function afterSystemStart(ctx) {
              console.log(`${ctx.site} ${ctx.platform} ${ctx.routerConfig} ${ctx.localPort >= 5671}`);
            }
            """);
        File.SetUnixFileMode(hook, (UnixFileMode)0b110_100_100);
        _home.Variables["SKUPPER_HOOKS_PATH"] = hooks;
        await Ok("site", "create", "forbidden", "-n", "one", "--platform", "linux");
        await Ok("site", "create", "west", "-n", "two", "--platform", "linux");

        var refused = await Skupper("system", "start", "-n", "one", "--platform", "linux");

        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Err.ShouldBe($"Error: hook {hook} refused: no site named forbidden in one on linux\n");
        Directory.GetFileSystemEntries(Namespace("one")).Select(Path.GetFileName).ShouldBe(["input"]);

        var started = await Skupper("system", "start", "-n", "two", "--platform", "linux");

        started.ExitCode.ShouldBe(0, started.ToString());
        started.Err.ShouldBe($"hook start.js: west linux {Namespace("two")}/runtime/router/skrouterd.json true\n");
    }

    /// <summary>
    /// skupperproject/skupper internal/nonkube/common/fs_config_renderer_test.go, "WithInputCertificates": a CA in
    /// <c>input/issuers/skupper-site-ca</c> and the link access's server and client certificates in <c>input/certs</c>, made
    /// outside (here with openssl, the server's SANs 10.0.0.1, 10.0.0.2 and fake.domain) are copied to the runtime
    /// byte for byte, and the static links name the server certificate's hosts and 127.0.0.1, as Go's expects, not the
    /// machine's other addresses.
    /// </summary>
    [Fact]
    public async Task Input_certificates_take_the_place_of_generated_ones_and_the_static_links_name_their_hosts()
    {
        await Ok("site", "create", "west", "--enable-link-access", "--platform", "linux");
        var ns = Namespace("default");
        var ca = Directory.CreateDirectory($"{ns}/input/issuers/skupper-site-ca").FullName;
        await OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{ca}/tls.key", "-out", $"{ca}/tls.crt",
            "-days", "30", "-subj", "/CN=fake-ca");
        File.Copy($"{ca}/tls.crt", $"{ca}/ca.crt");
        foreach (var (name, sans) in new[] { ("west", "IP:10.0.0.1,IP:10.0.0.2,DNS:fake.domain"), ("client-west", "DNS:client") })
        {
            var dir = Directory.CreateDirectory($"{ns}/input/certs/{name}").FullName;
            await OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{dir}/tls.key", "-out", $"{dir}/tls.crt",
                "-days", "30", "-subj", $"/CN={name}", "-CA", $"{ca}/tls.crt", "-CAkey", $"{ca}/tls.key", "-addext",
                $"subjectAltName={sans}");
            File.Copy($"{ca}/tls.crt", $"{dir}/ca.crt");
        }

        await Ok("system", "start", "--platform", "linux");

        foreach (var (runtime, input) in new[] { ("issuers/skupper-site-ca", "issuers/skupper-site-ca"), ("certs/west", "certs/west"),
                     ("certs/client-west", "certs/client-west") })
        {
            Directory.GetFiles($"{ns}/runtime/{runtime}").Select(Path.GetFileName).Order().ShouldBe(["ca.crt", "tls.crt", "tls.key"]);
            foreach (var file in new[] { "ca.crt", "tls.crt", "tls.key" })
                (await File.ReadAllBytesAsync($"{ns}/runtime/{runtime}/{file}"))
                    .ShouldBe(await File.ReadAllBytesAsync($"{ns}/input/{input}/{file}"), $"{runtime}/{file}");
        }
        Directory.GetFiles($"{ns}/runtime/links").Select(Path.GetFileName).Order().ShouldBe(
            ["link-west-10.0.0.1.yaml", "link-west-10.0.0.2.yaml", "link-west-127.0.0.1.yaml", "link-west-fake.domain.yaml"]);
    }

    private static async Task<string> OpenSsl(params string[] args)
    {
        var psi = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        p.ExitCode.ShouldBe(0, output);
        return output;
    }

    public void Dispose() => _home.Dispose();
}
