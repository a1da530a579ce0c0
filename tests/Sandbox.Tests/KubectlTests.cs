namespace Skupper.Sandbox.Tests;

/// <summary>The real kubectl, unchanged, against the sandbox.</summary>
/// <summary>west and east as usual, plus "empty", which no test writes to.</summary>
public sealed class ThreeNamespaceFixture : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new() { Namespaces = ["west", "east", "empty"] };
}

public sealed class KubectlTests : IClassFixture<ThreeNamespaceFixture>, IDisposable
{
    private readonly SandboxServer _server;
    private readonly Kubectl _kubectl;
    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-files-").FullName;

    public KubectlTests(ThreeNamespaceFixture fixture)
    {
        _server = fixture.Server;
        _kubectl = new Kubectl(_server);
    }

    public void Dispose()
    {
        _kubectl.Dispose();
        Directory.Delete(_dir, true);
    }

    private string File(string name, string yaml)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task Get_on_an_empty_namespace_says_no_resources()
    {
        var r = await _kubectl.RunAsync("get", "sites,accessgrants", "-n", "empty");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Stderr.ShouldContain("No resources found in empty namespace.");
    }

    [Fact]
    public async Task Api_resources_lists_skupper_types_with_short_names()
    {
        var output = await _kubectl.OkAsync("api-resources");
        output.ShouldMatch(@"accessgrants\s+grant,gr\s+skupper.io/v2alpha1\s+true\s+AccessGrant");
        output.ShouldMatch(@"accesstokens\s+token,to\s+skupper.io/v2alpha1\s+true\s+AccessToken");
        output.ShouldMatch(@"links\s+ln\s+skupper.io/v2alpha1\s+true\s+Link");
        output.ShouldMatch(@"sites\s+st\s+skupper.io/v2alpha1\s+true\s+Site");
        output.ShouldMatch(@"secrets\s+v1\s+true\s+Secret");
    }

    [Fact]
    public async Task Create_wait_get_and_delete_a_grant_with_printer_columns()
    {
        var site = File("site.yaml", "apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: k-site\n  namespace: west\nspec:\n  linkAccess: default\n");
        var grant = File("grant.yaml", "apiVersion: skupper.io/v2alpha1\nkind: AccessGrant\nmetadata:\n  name: k-grant\n  namespace: west\nspec:\n  redemptionsAllowed: 3\n");
        (await _kubectl.OkAsync("create", "-f", site)).ShouldContain("site.skupper.io/k-site created");
        (await _kubectl.OkAsync("create", "-f", grant)).ShouldContain("accessgrant.skupper.io/k-grant created");

        (await _kubectl.OkAsync("wait", "--for=condition=Ready", "accessgrant/k-grant", "-n", "west", "--timeout=10s"))
            .ShouldContain("accessgrant.skupper.io/k-grant condition met");

        var table = await _kubectl.OkAsync("get", "grant", "k-grant", "-n", "west");
        table.ShouldMatch(@"NAME\s+REDEMPTIONS ALLOWED\s+REDEMPTIONS MADE\s+EXPIRATION\s+STATUS\s+MESSAGE\s+AGE");
        table.ShouldMatch(@"k-grant\s+3\s+0\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+Ready\s+OK\s+\d+s");
        var sites = await _kubectl.OkAsync("get", "sites,accessgrants", "-n", "west");
        sites.ShouldMatch(@"site.skupper.io/k-site\s+Ready\s+1\s+OK");

        (await _kubectl.OkAsync("get", "grant", "k-grant", "-n", "west", "-o", "jsonpath={.status.url}"))
            .ShouldBe($"{_server.Url}/grants/west/k-grant");

        (await _kubectl.OkAsync("delete", "accessgrant", "k-grant", "-n", "west")).ShouldContain("accessgrant.skupper.io \"k-grant\" deleted");
        _server.GetSkupper("accessgrants", "west", "k-grant").ShouldBeNull();
        var gone = await _kubectl.RunAsync("get", "grant", "k-grant", "-n", "west");
        gone.ExitCode.ShouldBe(1);
        gone.Stderr.ShouldContain("Error from server (NotFound): accessgrants.skupper.io \"k-grant\" not found");
    }

    [Fact]
    public async Task Apply_creates_then_configures_without_disabling_validation()
    {
        var path = File("apply.yaml", "apiVersion: skupper.io/v2alpha1\nkind: AccessGrant\nmetadata:\n  name: applied\n  namespace: east\nspec:\n  redemptionsAllowed: 1\n");
        (await _kubectl.OkAsync("apply", "-f", path)).ShouldContain("accessgrant.skupper.io/applied created");
        System.IO.File.WriteAllText(path, System.IO.File.ReadAllText(path).Replace("redemptionsAllowed: 1", "redemptionsAllowed: 4"));
        (await _kubectl.OkAsync("apply", "-f", path)).ShouldContain("accessgrant.skupper.io/applied configured");
        var grant = _server.GetSkupper("accessgrants", "east", "applied")!;
        grant["spec"]!["redemptionsAllowed"]!.GetValue<long>().ShouldBe(4);
        grant["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task Patch_status_subresource_changes_status_only()
    {
        _server.Controller.Enabled.ShouldBeTrue();
        _server.PutSkupper("links", "east", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "p-link" }, ["spec"] = new JsonObject { ["cost"] = 1 } });
        await _server.WaitForStatusAsync("links", "east", "p-link");
        // The controller, like Skupper's, reconciles on every change and would write its own status
        // back over the patch: this test is about the API server's subresource, so it is held still.
        _server.Controller.Enabled = false;
        try
        {
            (await _kubectl.OkAsync("patch", "link", "p-link", "-n", "east", "--subresource=status", "--type=merge",
                "-p", """{"status":{"message":"patched by kubectl"},"spec":{"cost":9}}""")).ShouldContain("link.skupper.io/p-link patched");
            var link = _server.GetSkupper("links", "east", "p-link")!;
            link["status"]!["message"]!.GetValue<string>().ShouldBe("patched by kubectl");
            link["spec"]!["cost"]!.GetValue<long>().ShouldBe(1);
        }
        finally { _server.Controller.Enabled = true; }
    }

    [Fact]
    public async Task Get_watch_sees_a_change_made_by_another_client()
    {
        using var watch = _kubectl.Start("get", "accesstokens", "-n", "east", "-w", "--request-timeout=20s");
        // kubectl lists first (nothing yet, so nothing printed), then watches: change only once it watches.
        await _server.Requests.WaitForAsync(log => log.Any(e => e.IsWatch && e.Path.EndsWith("/namespaces/east/accesstokens")),
            TimeSpan.FromSeconds(60), "kubectl's watch");
        _server.PutSkupper("sites", "east", Objects.Site("watch-site"));
        _server.PutSkupper("accesstokens", "east", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "watched-token" },
            ["spec"] = new JsonObject { ["url"] = "https://127.0.0.1:1/grants/none/none", ["code"] = "x" },
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var header = await watch.StandardOutput.ReadLineAsync(timeout.Token);
        header.ShouldNotBeNull();
        header.ShouldMatch(@"NAME\s+URL\s+REDEEMED\s+STATUS\s+MESSAGE\s+AGE");
        string? line;
        do line = await watch.StandardOutput.ReadLineAsync(timeout.Token);
        while (line != null && !line.Contains("Error"));
        watch.Kill();
        line.ShouldNotBeNull();
        line.ShouldMatch(@"watched-token\s+https://127.0.0.1:1/grants/none/none\s+false\s+Error\s+token does not have a CA");
    }

    [Fact]
    public async Task Unknown_resource_type_is_reported_as_kubectl_does()
    {
        var r = await _kubectl.RunAsync("get", "widgets");
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldContain("the server doesn't have a resource type \"widgets\"");
    }

    [Fact]
    public async Task Invalid_name_is_rejected_with_the_api_server_message()
    {
        var path = File("bad.yaml", "apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: Bad_Name\n");
        var r = await _kubectl.RunAsync("create", "-f", path, "-n", "west");
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldContain("The Site \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters");
    }

    [Fact]
    public async Task Contexts_select_namespaces()
    {
        _server.PutSkupper("sites", "east", Objects.Site("ctx-east"));
        (await _kubectl.OkAsync("--context", "east", "get", "sites", "-o", "name")).ShouldContain("site.skupper.io/ctx-east");
        (await _kubectl.OkAsync("config", "current-context")).Trim().ShouldBe("west");
    }
}
