using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Link.Tests;

/// <summary>
/// <c>link generate</c>: on Kubernetes the Links and the client certificate the sandbox's controller issues (as
/// Skupper's certificate manager does, signed by the site's CA), applied in another site; off Kubernetes the
/// link file the running site wrote.
/// </summary>
public sealed class GenerateTests(InstantSandbox fixture) : SandboxTestBase(fixture.Server), IClassFixture<InstantSandbox>
{
    private static string Str(JsonNode? node) => node!.GetValue<string>();

    private JsonObject? Secret(string ns, string name) => Server.Get("", "v1", "secrets", ns, name);

    [Theory]
    [InlineData("--tls-credentials")]
    [InlineData("name")]
    public async Task The_site_CA_is_never_handed_out_as_a_link_credential(string how)
    {
        // Issue 35, item 2: "link generate skupper-site-ca" printed the site CA's certificate and private key.
        var home = NewHome();
        var west = await SiteAsync("west", linkAccess: true);
        await Server.WaitForAsync("skupper.io", "v2alpha1", "certificates", west, "skupper-site-ca", c => c is not null);
        string[] args = how == "name" ? ["skupper-site-ca"] : ["--tls-credentials", "skupper-site-ca"];

        var r = await Skupper(home, ["link", "generate", .. args, "-n", west]);

        r.ExitCode.ShouldBe(2, r.ToString());
        r.Out.ShouldBeEmpty();
        r.Err.ShouldBe($"Error: the Certificate \"skupper-site-ca\" in namespace \"{west}\" is a CA (signing), not a client certificate: " +
                       "a link never carries a CA's key; name another with --tls-credentials or the link's name\n");
    }

    [Fact]
    public async Task The_private_key_is_not_printed_on_a_terminal_unless_forced()
    {
        var home = NewHome();
        var west = await SiteAsync("west", linkAccess: true);

        var refused = await ProcessRunner.Run("script", ["-qec", $"{ProcessRunner.HostExe} link generate -n {west}", "/dev/null"], home);

        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.Out.ShouldContain("Error: refusing to print the link's private key on a terminal: redirect it to a file only you can read " +
                                  "((umask 077; kubectl skupper link generate > link.yaml)), or add --force\r\n");
        refused.Out.ShouldNotContain("tls.key");
        Server.List("skupper.io", "v2alpha1", "certificates", west).ShouldNotContain(c => Str(c["metadata"]!["name"]) == "link-west");

        var forced = await ProcessRunner.Run("script", ["-qec", $"{ProcessRunner.HostExe} link generate --force -n {west}", "/dev/null"], home);
        forced.ExitCode.ShouldBe(0, forced.ToString());
        forced.Out.ShouldContain("tls.key:");
    }

    [Fact]
    public async Task The_links_and_the_issued_certificate_printed_link_another_site_when_applied()
    {
        var home = NewHome();
        var west = await SiteAsync("west", linkAccess: true);
        var east = await SiteAsync("east");

        var r = await Skupper(home, "link", "generate", "-n", west);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("Waiting for status...\n");
        var documents = r.Out.Split("---\n");
        documents.Length.ShouldBe(2, r.Out);
        var link = KubernetesYaml.Deserialize<Cli.Sdk.Models.Link>(documents[0]);
        link.Kind.ShouldBe("Link");
        link.Name.ShouldBe("link-west-skupper-router");
        link.Spec.TlsCredentials.ShouldBe("link-west");
        link.Spec.Cost.ShouldBe(1);
        link.Spec.Endpoints!.Select(e => e.Name).ShouldBe(["inter-router", "edge"]);

        var secret = KubernetesYaml.Deserialize<V1Secret>(documents[1]);
        secret.Kind.ShouldBe("Secret");
        secret.Metadata.Name.ShouldBe("link-west");
        secret.Type.ShouldBe("kubernetes.io/tls");
        secret.Metadata.Uid.ShouldBeNull(); // nothing of the west cluster's
        secret.Metadata.OwnerReferences.ShouldBeNull();
        string Data(string key) => Encoding.ASCII.GetString(secret.Data[key]);
        // Signed by the west site's CA, which the remote router will be shown.
        var siteCa = Secret(west, "skupper-site-ca").ShouldNotBeNull();
        Data("ca.crt").ShouldBe(Encoding.ASCII.GetString(Convert.FromBase64String(Str(siteCa["data"]!["tls.crt"]))));
        using var certificate = X509Certificate2.CreateFromPem(Data("tls.crt"), Data("tls.key"));
        using var ca = X509Certificate2.CreateFromPem(Data("ca.crt"));
        certificate.Issuer.ShouldBe(ca.Subject);
        ca.Subject.ShouldBe("CN=west site CA");
        certificate.HasPrivateKey.ShouldBeTrue();
        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.Build(certificate).ShouldBeTrue(string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        }
        // The Certificate that asked for it stays: the Secret is its.
        var made = Get("certificates", west, "link-west").ShouldNotBeNull();
        Str(made["spec"]!["ca"]).ShouldBe("skupper-site-ca");
        made["spec"]!["client"]!.GetValue<bool>().ShouldBeTrue();

        var apply = await ProcessRunner.Run("kubectl", ["apply", "-n", east, "-f", "-"], home, stdin: r.Out);
        apply.ExitCode.ShouldBe(0, apply.ToString());
        apply.Out.ShouldContain("link.skupper.io/link-west-skupper-router created");
        apply.Out.ShouldContain("secret/link-west created");
        await Server.WaitForStatusAsync("links", east, "link-west-skupper-router");
        (await Skupper(home, "link", "status", "-n", east)).Out.ShouldBe(
            "NAME                      STATUS  COST  MESSAGE\n" +
            "link-west-skupper-router  Ready   1     OK\n");
    }

    [Fact]
    public async Task A_name_json_and_credentials_the_remote_site_has_print_one_link_and_ask_for_no_certificate()
    {
        var home = NewHome();
        var west = await SiteAsync("west", linkAccess: true);

        var r = await Skupper(home, "link", "generate", "to-west", "--tls-credentials", "mine", "--generate-credential=false",
            "--cost", "3", "-o", "json", "-n", west);

        r.ExitCode.ShouldBe(0, r.ToString());
        var link = JsonNode.Parse(r.Out)!;
        Str(link["metadata"]!["name"]).ShouldBe("to-west");
        Str(link["spec"]!["tlsCredentials"]).ShouldBe("mine");
        link["spec"]!["cost"]!.GetValue<int>().ShouldBe(3);
        Get("certificates", west, "mine").ShouldBeNull();
        Secret(west, "mine").ShouldBeNull();
    }

    [Fact]
    public async Task A_certificate_never_issued_times_out_naming_why_and_is_removed_again()
    {
        var home = NewHome();
        var west = await SiteAsync("west", linkAccess: true);
        // A CA the site's controller never made: the certificate manager reports it on the Certificate and waits.
        Server.PutSkupper("sites", west, new JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Site",
            ["metadata"] = new JsonObject { ["name"] = "west" },
            ["spec"] = new JsonObject { ["linkAccess"] = "default", ["defaultIssuer"] = "my-ca" },
        });
        await Server.WaitForAsync(global::Skupper.Sandbox.SandboxServer.SkupperGroup, global::Skupper.Sandbox.SandboxServer.SkupperVersion, "sites", west, "west",
            s => s["status"]?["defaultIssuer"]?.GetValue<string>() == "my-ca");

        var r = await Skupper(home, "link", "generate", "-n", west, "--timeout", "10s");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Out.ShouldBeEmpty();
        r.Err.ShouldContain($"The TLS Secret \"link-west\" is not ready yet: timed out after 10 seconds; last status: CA \"{west}/my-ca\" not found");
        Get("certificates", west, "link-west").ShouldBeNull();
    }

    [Fact]
    public async Task Without_a_site_or_link_access_or_with_bad_input_it_says_so_and_makes_nothing()
    {
        var home = NewHome();
        var plain = await SiteAsync("plain");

        var r = await InProcess.KubectlSkupper(home, "link", "generate", "-n", plain);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe("Error: Link access is not enabled\nYou can use \"kubectl skupper site update --enable-link-access\" to enable it.\n");

        var empty = $"empty-{Guid.NewGuid().ToString("N")[..8]}";
        Server.Put("", "v1", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = empty } });
        r = await InProcess.KubectlSkupper(home, "link", "generate", "-n", empty);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: A site must exist in namespace {empty} before a link can be generated\n");

        r = await InProcess.KubectlSkupper(home, "link", "generate", "Bad_Name", "--cost", "0", "-o", "xml", "--generate-credential=false", "-n", plain);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe(
            "Error: invalid link name: \"Bad_Name\" is not a valid name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')\n" +
            "Error: invalid value \"0\" for --cost: it must be at least 1\n" +
            "Error: invalid value \"xml\" for --output: choose json or yaml\n" +
            "Error: --generate-credential=false needs --tls-credentials: the name of the Secret the remote site already has\n" +
            "Error: Link access is not enabled\n" +
            "You can use \"kubectl skupper site update --enable-link-access\" to enable it.\n");
        List("certificates", plain).Select(c => Str(c["metadata"]!["name"])).ShouldBe(["skupper-site-ca"]);
    }

    [Fact]
    public async Task On_podman_it_prints_the_link_file_the_running_site_wrote()
    {
        var home = NewHome();
        var r = await InProcess.KubectlSkupper(home, "link", "generate", "--platform", "podman");
        r.ExitCode.ShouldBe(1, r.ToString());
        var folder = Path.Combine(home.SkupperData, "namespaces", "default", "runtime", "links");
        r.Err.ShouldBe($"Error: No link to generate in namespace \"default\": there is no running site with link access (its controller writes the links to {folder} when the site starts)\n");

        Directory.CreateDirectory(folder);
        const string File1 = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: link-one\n---\napiVersion: skupper.io/v2alpha1\nkind: Link\nmetadata:\n  name: link-one\nspec:\n  tlsCredentials: link-one\n";
        const string File2 = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: link-two\n---\napiVersion: skupper.io/v2alpha1\nkind: Link\nmetadata:\n  name: link-two\nspec:\n  tlsCredentials: link-two\n";
        await File.WriteAllTextAsync(Path.Combine(folder, "link-10.0.0.1.yaml"), File1);
        await File.WriteAllTextAsync(Path.Combine(folder, "link-10.0.0.2.yaml"), File2);

        (await Skupper(home, "link", "generate", "--platform", "podman")).Out.ShouldBe(File1);
        (await Skupper(home, "link", "generate", "link-two", "--platform", "podman")).Out.ShouldBe(File2);
        r = await InProcess.KubectlSkupper(home, "link", "generate", "link-three", "--platform", "podman", "--cost", "2");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldStartWith("Error: --cost");
    }

    [Fact]
    public async Task On_podman_host_picks_the_link_file_with_an_endpoint_on_that_host_as_the_go_cli_does()
    {
        // The running site writes one file per host its router access answers on, each with the same Link name
        // (pkg/nonkube/api/token.go, CreateTokens; internal/nonkube/common/fs_config_renderer.go).
        var home = NewHome();
        var folder = Path.Combine(home.SkupperData, "namespaces", "default", "runtime", "links");
        Directory.CreateDirectory(folder);
        static string LinkFile(string host) =>
            "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: link-router-access-west\n---\n" +
            "apiVersion: skupper.io/v2alpha1\nkind: Link\nmetadata:\n  name: link-router-access-west\nspec:\n  cost: 1\n  endpoints:\n" +
            $"  - host: {host}\n    name: inter-router\n    port: \"55671\"\n  - host: {host}\n    name: edge\n    port: \"45671\"\n" +
            "  tlsCredentials: link-router-access-west\n";
        await File.WriteAllTextAsync(Path.Combine(folder, "link-router-access-west-127.0.0.1.yaml"), LinkFile("127.0.0.1"));
        await File.WriteAllTextAsync(Path.Combine(folder, "link-router-access-west-west.example.com.yaml"), LinkFile("west.example.com"));

        var r = await Skupper(home, "link", "generate", "--host", "west.example.com", "--platform", "podman");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe(LinkFile("west.example.com"));
        (await Skupper(home, "link", "generate", "link-router-access-west", "--host", "127.0.0.1", "--platform", "podman")).Out
            .ShouldBe(LinkFile("127.0.0.1"));

        r = await Skupper(home, "link", "generate", "--host", "east.example.com", "--platform", "podman");
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: No link with an endpoint on host \"east.example.com\" in the site's links in namespace \"default\" ({folder})\n");
        r = await Skupper(home, "link", "generate", "other", "--host", "127.0.0.1", "--platform", "podman");
        r.Err.ShouldBe($"Error: No link named \"other\" with an endpoint on host \"127.0.0.1\" in the site's links in namespace \"default\" ({folder})\n");

        // The Go CLI has --host off Kubernetes only; there the Links come from the site's endpoints.
        var west = await SiteAsync("west", linkAccess: true);
        r = await Skupper(home, "link", "generate", "--host", "127.0.0.1", "-n", west);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe("Error: --host is supported on Docker, Podman and Linux only, not on platform \"kubernetes\"\n");
        (await Skupper(home, "link", "generate", "--help")).Out.ShouldContain("\n  --host <HOST>  ");
    }
}
