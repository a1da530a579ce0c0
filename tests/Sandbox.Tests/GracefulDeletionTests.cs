using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Skupper.Sandbox.Tests;

/// <summary>
/// Finalizers and graceful deletion as kube-apiserver does them (apiserver pkg/registry/generic/registry/store.go,
/// Delete / updateForGracefulDeletionAndFinalizers and Update / ShouldDeleteDuringUpdate), through the API.
/// </summary>
public sealed class GracefulDeletionTests : IClassFixture<GracefulDeletionTests.Fixture>, IDisposable
{
    public sealed class Fixture : SandboxFixture
    {
        protected override SandboxOptions CreateOptions() => new() { ControllerEnabled = false, Namespaces = ["west", "g1", "g2", "g3"] };
    }

    private const string Held = "example.com/held";
    private readonly SandboxServer _server;
    private readonly Kubernetes _client;

    public GracefulDeletionTests(Fixture fixture)
    {
        _server = fixture.Server;
        _client = Clients.Kubernetes(_server);
    }

    public void Dispose() => _client.Dispose();

    private static JsonObject Held_site(string name, params string[] finalizers)
    {
        var site = Objects.Site(name);
        site["metadata"]!["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray());
        return site;
    }

    private Task<JsonObject> Get(string ns, string name) =>
        _client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(Objects.G, Objects.V, ns, "sites", name);

    private Task<JsonObject> Delete(string ns, string name) =>
        _client.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonObject>(Objects.G, Objects.V, ns, "sites", name);

    private Task<JsonObject> Patch(string ns, string name, string mergePatch) =>
        _client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), Objects.G, Objects.V, ns, "sites", name);

    [Fact]
    public async Task A_delete_marks_an_object_with_finalizers_and_clearing_the_last_one_removes_it()
    {
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(Held_site("a", Held, "example.com/other"), Objects.G, Objects.V, "g1", "sites");
        var before = await Get("g1", "a");

        var answer = await Delete("g1", "a");
        answer["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
        var marked = await Get("g1", "a");
        marked["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
        marked["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>().ShouldBe(0);
        marked["metadata"]!["generation"]!.GetValue<long>().ShouldBe(before["metadata"]!["generation"]!.GetValue<long>() + 1);

        // A second DELETE changes nothing; clients cannot move or clear the deletionTimestamp.
        await Delete("g1", "a");
        (await Get("g1", "a"))["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe(marked["metadata"]!["resourceVersion"]!.GetValue<string>());
        await Patch("g1", "a", """{"metadata":{"deletionTimestamp":null,"finalizers":["example.com/held","example.com/other"]},"spec":{"linkAccess":"default"}}""");
        (await Get("g1", "a"))["metadata"]!["deletionTimestamp"]!.GetValue<string>().ShouldBe(marked["metadata"]!["deletionTimestamp"]!.GetValue<string>());

        var added = await Should.ThrowAsync<HttpOperationException>(() =>
            Patch("g1", "a", """{"metadata":{"finalizers":["example.com/held","example.com/other","example.com/new"]}}"""));
        added.Response.StatusCode.ShouldBe((HttpStatusCode)422);
        added.Response.Content.ShouldContain("no new finalizers can be added if the object is being deleted");

        await Patch("g1", "a", """{"metadata":{"finalizers":["example.com/other"]}}""");
        (await Get("g1", "a"))["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
        await Patch("g1", "a", """{"metadata":{"finalizers":[]}}""");
        var gone = await Should.ThrowAsync<HttpOperationException>(() => Get("g1", "a"));
        gone.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_watch_sees_the_mark_then_the_removal()
    {
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(Held_site("w", Held), Objects.G, Objects.V, "g2", "sites");
        var rv = (await Get("g2", "w"))["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var sub = _server.Store.Subscribe(_server.Catalog.Sites!, "g2", long.Parse(rv));
        await Delete("g2", "w");
        await Patch("g2", "w", """{"metadata":{"finalizers":null}}""");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var types = new List<string>();
        while (types.Count < 3) types.Add((await sub.Events.ReadAsync(cts.Token)).Type);
        types.ShouldBe(["MODIFIED", "MODIFIED", "DELETED"]);
    }

    [Fact]
    public async Task A_handled_finalizer_is_cleared_after_its_delay_and_an_unhandled_one_stays()
    {
        var delay = TimeSpan.FromSeconds(1);
        _server.Finalizers.Handle("example.com/cleanup", delay);
        try
        {
            await _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(Held_site("h", "example.com/cleanup"), Objects.G, Objects.V, "g3", "sites");
            await _client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(Held_site("u", Held), Objects.G, Objects.V, "g3", "sites");
            using var sub = _server.Store.Subscribe(_server.Catalog.Sites!, "g3", _server.Store.ResourceVersion);
            var asked = DateTimeOffset.UtcNow;
            await Delete("g3", "h");
            await Delete("g3", "u");
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            WatchEvent e;
            do e = await sub.Events.ReadAsync(cts.Token);
            while (e.Type != "DELETED");
            // A lower bound only: the controller may be late on a loaded machine, never early.
            (DateTimeOffset.UtcNow - asked).ShouldBeGreaterThanOrEqualTo(delay);
            e.Object["metadata"]!["name"]!.GetValue<string>().ShouldBe("h");
        }
        finally
        {
            _server.Finalizers.Ignore("example.com/cleanup");
        }
        _server.GetSkupper("sites", "g3", "h").ShouldBeNull();
        _server.GetSkupper("sites", "g3", "u")!["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
    }
}
