using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Skupper.Sandbox.Tests;

/// <summary>The same protocol through KubernetesClient (what the product uses) and raw HTTP.</summary>
public sealed class ClientTests : IClassFixture<SandboxFixture>, IDisposable
{
    private const string G = Objects.G, V = Objects.V;
    private readonly SandboxServer _server;
    private readonly Kubernetes _client;
    private readonly HttpClient _http;

    public ClientTests(SandboxFixture fixture)
    {
        _server = fixture.Server;
        _client = Clients.Kubernetes(_server);
        _http = Clients.Http(_server);
    }

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    private static async Task<HttpOperationException> Fails(Func<Task> call)
    {
        var e = await Should.ThrowAsync<HttpOperationException>(call);
        return e;
    }

    private static JsonObject StatusOf(HttpOperationException e) => JsonNode.Parse(e.Response.Content)!.AsObject();

    [Fact]
    public async Task Create_get_list_replace_patch_delete()
    {
        var created = await _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(Objects.Site("c-site"), G, V, "east", "sites");
        created["metadata"]!["uid"].Str().ShouldNotBeNullOrEmpty();
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        created["metadata"]!["creationTimestamp"].Str()!.ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        // The controller writes the new site's status, which changes its resourceVersion; the replace below carries
        // the version it read and gets 409 Conflict if that write lands after the read, as on a real cluster (it
        // did, under load). So read once the controller is done with it.
        await _server.WaitForStatusAsync("sites", "east", "c-site");

        var got = await _client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(G, V, "east", "sites", "c-site");
        got["metadata"]!["uid"].Str().ShouldBe(created["metadata"]!["uid"].Str());

        var list = await _client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(G, V, "east", "sites");
        list["kind"].Str().ShouldBe("SiteList");
        list["metadata"]!["resourceVersion"].Str().ShouldNotBeNullOrEmpty();
        list["items"]!.AsArray().Select(i => i!["metadata"]!["name"].Str()).ShouldContain("c-site");

        var all = await _client.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(G, V, "sites");
        all["items"]!.AsArray().ShouldContain(i => i!["metadata"]!["name"].Str() == "c-site");

        got["spec"]!["linkAccess"] = "default";
        var replaced = await _client.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonObject>(got, G, V, "east", "sites", "c-site");
        replaced["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);

        var patched = await _client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch("""{"metadata":{"labels":{"team":"a"}}}""", V1Patch.PatchType.MergePatch), G, V, "east", "sites", "c-site");
        patched["metadata"]!["labels"]!["team"].Str().ShouldBe("a");
        patched["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2, "metadata changes do not bump generation");

        var jsonPatched = await _client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch("""[{"op":"replace","path":"/spec/linkAccess","value":"none"}]""", V1Patch.PatchType.JsonPatch), G, V, "east", "sites", "c-site");
        jsonPatched["spec"]!["linkAccess"].Str().ShouldBe("none");

        await _client.CustomObjects.DeleteNamespacedCustomObjectAsync(G, V, "east", "sites", "c-site");
        var e = await Fails(() => _client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(G, V, "east", "sites", "c-site"));
        e.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        StatusOf(e)["message"].Str().ShouldBe("sites.skupper.io \"c-site\" not found");
        StatusOf(e)["reason"].Str().ShouldBe("NotFound");
    }

    [Fact]
    public async Task Core_secrets_and_namespaces()
    {
        var secret = await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "s1" },
            StringData = new Dictionary<string, string> { ["k"] = "v" },
        }, "west");
        secret.Data["k"].ShouldBe("v"u8.ToArray());
        secret.Type.ShouldBe("Opaque");
        (await _client.CoreV1.ListNamespaceAsync()).Items.Select(n => n.Metadata.Name).ShouldContain("west");
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "extra" } });
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s2" } }, "extra");
        await _client.CoreV1.DeleteNamespaceAsync("extra");
        _server.Get("", "v1", "secrets", "extra", "s2").ShouldBeNull("deleting a namespace deletes its contents");
    }

    [Fact]
    public async Task GenerateName_produces_a_five_character_suffix_from_the_kubernetes_alphabet()
    {
        var body = Objects.Grant("");
        body["metadata"] = new JsonObject { ["generateName"] = "gen-" };
        var created = await _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(body, G, V, "east", "accessgrants");
        created["metadata"]!["name"].Str()!.ShouldMatch("^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$");
    }

    [Fact]
    public async Task Create_errors_match_the_api_server()
    {
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(Objects.Grant("dup"), G, V, "east", "accessgrants");
        var dup = await Fails(() => _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(Objects.Grant("dup"), G, V, "east", "accessgrants"));
        dup.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        StatusOf(dup)["reason"].Str().ShouldBe("AlreadyExists");
        StatusOf(dup)["message"].Str().ShouldBe("accessgrants.skupper.io \"dup\" already exists");

        var invalid = await Fails(() => _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(Objects.Grant("Not_Valid"), G, V, "east", "accessgrants"));
        invalid.Response.StatusCode.ShouldBe((HttpStatusCode)422);
        var status = StatusOf(invalid);
        status["reason"].Str().ShouldBe("Invalid");
        status["message"].Str().ShouldBe("AccessGrant.skupper.io \"Not_Valid\" is invalid: metadata.name: Invalid value: \"Not_Valid\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        status["details"]!["causes"]![0]!["field"].Str().ShouldBe("metadata.name");

        var noNs = await Fails(() => _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(Objects.Grant("x"), G, V, "nowhere", "accessgrants"));
        noNs.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        StatusOf(noNs)["message"].Str().ShouldBe("namespaces \"nowhere\" not found");
    }

    [Fact]
    public async Task Stale_resource_version_is_a_409_conflict()
    {
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(Objects.Grant("stale"), G, V, "east", "accessgrants");
        // Read after the controller's status write, so that only the test's own replace makes the copy stale (the
        // controller's write would too, but at a moment of its choosing: see Create_get_list_replace_patch_delete).
        await _server.WaitForAsync(G, V, "accessgrants", "east", "stale", o => o["status"]?["status"] != null);
        var created = await _client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(G, V, "east", "accessgrants", "stale");
        var first = (JsonObject)created.DeepClone();
        first["spec"]!["redemptionsAllowed"] = 2;
        await _client.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonObject>(first, G, V, "east", "accessgrants", "stale");
        created["spec"]!["redemptionsAllowed"] = 3;
        var e = await Fails(() => _client.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonObject>(created, G, V, "east", "accessgrants", "stale"));
        e.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        StatusOf(e)["reason"].Str().ShouldBe("Conflict");
        StatusOf(e)["message"].Str().ShouldBe("Operation cannot be fulfilled on accessgrants.skupper.io \"stale\": the object has been modified; please apply your changes to the latest version and try again");
    }

    [Fact]
    public async Task Status_subresource_ignores_spec_and_main_resource_ignores_status()
    {
        _server.Controller.Enabled.ShouldBeTrue();
        var body = Objects.Token("st-token", "https://127.0.0.1:1/grants/a/b", "c");
        body["status"] = new JsonObject { ["message"] = "dropped on create" };
        var created = await _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(body, G, V, "west", "accesstokens");
        created["status"].ShouldBeNull();

        var viaStatus = await _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonObject>(
            new V1Patch("""{"spec":{"code":"changed"},"status":{"message":"from status"}}""", V1Patch.PatchType.MergePatch), G, V, "west", "accesstokens", "st-token");
        viaStatus["spec"]!["code"].Str().ShouldBe("c");
        viaStatus["status"]!["message"].Str().ShouldBe("from status");
        viaStatus["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);

        var viaMain = await _client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch("""{"spec":{"code":"changed"},"status":{"message":"from main"}}""", V1Patch.PatchType.MergePatch), G, V, "west", "accesstokens", "st-token");
        viaMain["spec"]!["code"].Str().ShouldBe("changed");
        viaMain["status"]!["message"].Str().ShouldNotBe("from main");
        viaMain["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task Watch_through_kubernetes_client_sees_added_modified_deleted()
    {
        var list = await _client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(G, V, "west", "links");
        var rv = list["metadata"]!["resourceVersion"].Str();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var response = _client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(G, V, "west", "links",
            fieldSelector: "metadata.name=w-link", resourceVersion: rv, watch: true, cancellationToken: cts.Token);
        var seen = new List<(WatchEventType, string?)>();
        var writer = Task.Run(async () =>
        {
            // No wait for the watch to open: it starts at rv, so the sandbox replays anything written before it opens.
            _server.PutSkupper("links", "west", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "other-link" } });
            _server.PutSkupper("links", "west", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "w-link" }, ["spec"] = new JsonObject { ["cost"] = 1 } });
        });
        // The brief's (and many products') way: List...WithHttpMessagesAsync(watch: true) + WatchAsync, obsolete in v21 but working.
#pragma warning disable CS0618
        await foreach (var (type, item) in response.WatchAsync<JsonObject, object>(cancellationToken: cts.Token))
#pragma warning restore CS0618
        {
            seen.Add((type, item["metadata"]!["name"].Str()));
            if (type == WatchEventType.Modified && item["status"]?["status"].Str() == "Ready")
                _server.Delete(G, V, "links", "west", "w-link");
            if (type == WatchEventType.Deleted) break;
        }
        await writer;
        seen.First().ShouldBe((WatchEventType.Added, "w-link"));
        seen.ShouldContain((WatchEventType.Modified, "w-link"));
        seen.Last().ShouldBe((WatchEventType.Deleted, "w-link"));
        seen.ShouldNotContain(e => e.Item2 == "other-link");
    }

    [Fact]
    public async Task Bad_requests_get_the_status_codes_a_real_api_server_gives()
    {
        var (code, body) = await Clients.SendAsync(_http, HttpMethod.Get, "/apis/skupper.io/v2alpha1/namespaces/west/widgets");
        code.ShouldBe(404);
        body["message"].Str().ShouldBe("the server could not find the requested resource");

        (code, body) = await Clients.SendAsync(_http, HttpMethod.Post, "/apis/skupper.io/v2alpha1/namespaces/west/sites", Clients.Json("{not json"));
        code.ShouldBe(400);
        body["reason"].Str().ShouldBe("BadRequest");

        _server.PutSkupper("sites", "west", Objects.Site("ct-site"));
        (code, body) = await Clients.SendAsync(_http, HttpMethod.Patch, "/apis/skupper.io/v2alpha1/namespaces/west/sites/ct-site", Clients.Json("{}", "text/plain"));
        code.ShouldBe(415);
        body["reason"].Str().ShouldBe("UnsupportedMediaType");
        body["message"].Str().ShouldBe("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");

        (code, body) = await Clients.SendAsync(_http, HttpMethod.Post, "/apis/skupper.io/v2alpha1/namespaces/west/sites/ct-site", Clients.Json("{}"));
        code.ShouldBe(405);
        body["reason"].Str().ShouldBe("MethodNotAllowed");

        (code, body) = await Clients.SendAsync(_http, HttpMethod.Patch, "/apis/skupper.io/v2alpha1/namespaces/west/sites/ct-site",
            Clients.Json("""[{"op":"remove","path":"/spec/nothing"}]""", "application/json-patch+json"));
        code.ShouldBe(422);
    }

    [Fact]
    public async Task Missing_or_wrong_token_is_401_unauthorized()
    {
        using var anonymous = Clients.Http(_server, withToken: false);
        var (code, body) = await Clients.SendAsync(anonymous, HttpMethod.Get, "/api/v1/namespaces");
        code.ShouldBe(401);
        body["kind"].Str().ShouldBe("Status");
        body["reason"].Str().ShouldBe("Unauthorized");
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "wrong");
        (code, _) = await Clients.SendAsync(anonymous, HttpMethod.Get, "/version");
        code.ShouldBe(401);
    }

    [Fact]
    public async Task Rbac_denial_is_403_with_the_api_server_message()
    {
        _server.Rbac.Deny("create", "accessgrants", "east");
        try
        {
            var e = await Fails(() => _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(Objects.Grant("denied"), G, V, "east", "accessgrants"));
            e.Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            StatusOf(e)["message"].Str().ShouldBe("accessgrants.skupper.io is forbidden: User \"sandbox-user\" cannot create resource \"accessgrants\" in API group \"skupper.io\" in the namespace \"east\"");
        }
        finally
        {
            _server.Rbac.Allow("create", "accessgrants", "east");
        }
    }

    [Fact]
    public async Task Request_log_records_method_path_and_status()
    {
        var before = _server.Requests.Count;
        await _client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(G, V, "west", "accesstokens", labelSelector: "log=me");
        _server.Requests.Entries.ShouldContain(e => e.Method == "GET" && e.Path == "/apis/skupper.io/v2alpha1/namespaces/west/accesstokens" && e.PathAndQuery.Contains("labelSelector=log") && e.Status == 200);
        _server.Requests.Count.ShouldBeGreaterThan(before);
    }
}
