using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;

namespace Skupper.Sandbox.Tests;

/// <summary>Watch protocol details and fault injection, on a sandbox with a small event history.</summary>
public sealed class WatchAndFaultTests : IClassFixture<WatchAndFaultTests.Fixture>
{
    public sealed class Fixture : SandboxFixture
    {
        protected override SandboxOptions CreateOptions() => new()
        {
            WatchHistorySize = 5,
            ControllerEnabled = false,
            BookmarkInterval = TimeSpan.FromMilliseconds(100),
            Namespaces = ["west", "east", "w-sel", "w-replay", "w-gone", "w-max", "w-err", "w-book"],
        };
    }

    private readonly SandboxServer _server;

    public WatchAndFaultTests(Fixture fixture) => _server = fixture.Server;

    private static JsonObject Link(string name, Dictionary<string, string>? labels = null)
    {
        var meta = new JsonObject { ["name"] = name };
        if (labels != null) meta["labels"] = new JsonObject(labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        return new JsonObject { ["metadata"] = meta, ["spec"] = new JsonObject { ["cost"] = 1 } };
    }

    // Reads a raw watch stream to its end (or until maxLines), one JSON event per line.
    private async Task<List<JsonObject>> ReadWatch(string pathAndQuery, int maxLines = int.MaxValue, TimeSpan? timeout = null)
    {
        using var http = Clients.Http(_server);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        using var response = await http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var events = new List<JsonObject>();
        try
        {
            while (events.Count < maxLines && await reader.ReadLineAsync(cts.Token) is { } line)
                events.Add(JsonNode.Parse(line)!.AsObject());
        }
        catch (OperationCanceledException)
        {
        }
        return events;
    }

    /// <summary>
    /// Reads a watch until the server ends it; fails when it does not within a minute (a bound that only ends a hang:
    /// the watches read this way are ended by the server after a second or less).
    /// </summary>
    private async Task<List<JsonObject>> ReadWatchToServerEnd(string pathAndQuery)
    {
        using var http = Clients.Http(_server);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var events = new List<JsonObject>();
        try
        {
            while (await reader.ReadLineAsync(cts.Token) is { } line) events.Add(JsonNode.Parse(line)!.AsObject());
        }
        catch (OperationCanceledException)
        {
            throw new ShouldAssertException($"the server did not end the watch {pathAndQuery}; events so far: {events.Count}");
        }
        return events;
    }

    [Fact]
    public async Task Initial_events_and_label_selectors_with_transitions()
    {
        _server.PutSkupper("links", "w-sel", Link("a", new() { ["env"] = "prod", ["tier"] = "x" }));
        _server.PutSkupper("links", "w-sel", Link("b", new() { ["env"] = "dev" }));
        _server.PutSkupper("links", "w-sel", Link("c"));
        var initial = await ReadWatch("/apis/skupper.io/v2alpha1/namespaces/w-sel/links?watch=true&labelSelector=env%20in%20(prod,dev),tier!=y", maxLines: 2);
        initial.Select(e => (e["type"].Str(), e["object"]!["metadata"]!["name"].Str())).ShouldBe([("ADDED", "a"), ("ADDED", "b")]);

        var exists = await ReadWatch("/apis/skupper.io/v2alpha1/namespaces/w-sel/links?watch=true&labelSelector=!env", maxLines: 1);
        exists.Single()["object"]!["metadata"]!["name"].Str().ShouldBe("c");

        var rv = _server.Store.ResourceVersion.ToString();
        var path = $"/apis/skupper.io/v2alpha1/namespaces/w-sel/links?watch=true&resourceVersion={rv}&labelSelector=env%3Dprod";
        var watching = ReadWatch(path, maxLines: 2);
        // A watch is logged when its response starts, after it subscribed: changes from here on reach it.
        await _server.Requests.WaitForAsync(log => log.Any(e => e.IsWatch && e.PathAndQuery.Contains($"resourceVersion={rv}&labelSelector=env", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the watch open");
        _server.PutSkupper("links", "w-sel", Link("b", new() { ["env"] = "prod" })); // starts matching
        _server.PutSkupper("links", "w-sel", Link("a", new() { ["env"] = "dev" }));  // stops matching
        var events = await watching;
        events.Select(e => (e["type"].Str(), e["object"]!["metadata"]!["name"].Str())).ShouldBe([("ADDED", "b"), ("DELETED", "a")]);
    }

    [Fact]
    public async Task Watch_from_a_resource_version_replays_later_events()
    {
        _server.PutSkupper("links", "w-replay", Link("r1"));
        var rv = _server.Store.ResourceVersion;
        _server.PutSkupper("links", "w-replay", Link("r2"));
        var events = await ReadWatch($"/apis/skupper.io/v2alpha1/namespaces/w-replay/links?watch=true&resourceVersion={rv}", maxLines: 1);
        events.Single()["object"]!["metadata"]!["name"].Str().ShouldBe("r2");
    }

    [Fact]
    public async Task Too_old_resource_version_is_an_error_event_with_410_expired()
    {
        for (var i = 0; i < 8; i++) _server.PutSkupper("links", "w-gone", Link($"g{i}"));
        var events = await ReadWatch("/apis/skupper.io/v2alpha1/namespaces/w-gone/links?watch=true&resourceVersion=1");
        var e = events.Single();
        e["type"].Str().ShouldBe("ERROR");
        e["object"]!["kind"].Str().ShouldBe("Status");
        e["object"]!["code"]!.GetValue<int>().ShouldBe(410);
        e["object"]!["reason"].Str().ShouldBe("Expired");
        e["object"]!["message"].Str()!.ShouldStartWith("too old resource version: 1 (");

        // KubernetesClient surfaces it as a KubernetesException carrying the Status.
        using var client = Clients.Kubernetes(_server);
        Exception? error = null;
        await foreach (var _ in client.CustomObjects.WatchListNamespacedCustomObjectAsync(Objects.G, Objects.V, "w-gone", "links",
                           resourceVersion: "1", onError: ex => error = ex)) { }
        error.ShouldBeOfType<KubernetesException>().Status.Code.ShouldBe(410);
    }

    [Fact]
    public async Task Gone_on_next_watch_is_one_shot()
    {
        _server.Faults.GoneOnNextWatch = true;
        var first = await ReadWatch("/apis/skupper.io/v2alpha1/namespaces/w-gone/accessgrants?watch=true");
        first.Single()["object"]!["code"]!.GetValue<int>().ShouldBe(410);
        _server.PutSkupper("accessgrants", "w-gone", Objects.Grant("after-gone"));
        var second = await ReadWatch("/apis/skupper.io/v2alpha1/namespaces/w-gone/accessgrants?watch=true", maxLines: 1);
        second.Single()["type"].Str().ShouldBe("ADDED");
    }

    [Fact]
    public async Task Timeout_seconds_and_bookmarks()
    {
        var events = await ReadWatchToServerEnd("/apis/skupper.io/v2alpha1/namespaces/w-book/links?watch=true&timeoutSeconds=1&allowWatchBookmarks=true");
        events.ShouldNotBeEmpty();
        events.ShouldAllBe(e => e["type"].Str() == "BOOKMARK");
        events[0]["object"]!["metadata"]!["resourceVersion"].Str().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Watch_closed_after_n_events_or_n_seconds()
    {
        for (var i = 0; i < 4; i++) _server.PutSkupper("sites", "w-max", Objects.Site($"m{i}"));
        _server.Faults.WatchMaxEvents = 2;
        try
        {
            (await ReadWatchToServerEnd("/apis/skupper.io/v2alpha1/namespaces/w-max/sites?watch=true")).Count.ShouldBe(2);
        }
        finally
        {
            _server.Faults.WatchMaxEvents = 0;
        }
        _server.Faults.WatchMaxDuration = TimeSpan.FromMilliseconds(300);
        try
        {
            (await ReadWatchToServerEnd("/apis/skupper.io/v2alpha1/namespaces/w-max/sites?watch=true")).Count.ShouldBe(4);
        }
        finally
        {
            _server.Faults.WatchMaxDuration = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Error_rate_and_latency()
    {
        using var client = Clients.Kubernetes(_server);
        var faults = new FaultSettings();
        _server.Faults.ErrorRate = 1;
        _server.Faults.ErrorCode = 503;
        try
        {
            var e = await Should.ThrowAsync<HttpOperationException>(() =>
                client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(Objects.G, Objects.V, "w-err", "sites"));
            e.Response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            _server.Faults.ErrorCode = 500;
            e = await Should.ThrowAsync<HttpOperationException>(() =>
                client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(Objects.G, Objects.V, "w-err", "sites"));
            e.Response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
            JsonNode.Parse(e.Response.Content)!["reason"].Str().ShouldBe("InternalError");
        }
        finally
        {
            _server.Faults.ErrorRate = 0;
        }
        await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(Objects.G, Objects.V, "w-err", "sites");

        _server.Faults.Latency = TimeSpan.FromMilliseconds(300);
        try
        {
            var sw = Stopwatch.StartNew();
            await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(Objects.G, Objects.V, "w-err", "sites");
            sw.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
        }
        finally
        {
            _server.Faults.Latency = TimeSpan.Zero;
        }
    }
}

/// <summary>--no-crds: a cluster without Skupper.</summary>
public sealed class NoCrdsTests : IClassFixture<NoCrdsTests.Fixture>
{
    public sealed class Fixture : SandboxFixture
    {
        protected override SandboxOptions CreateOptions() => new() { InstallSkupper = false };
    }

    private readonly SandboxServer _server;

    public NoCrdsTests(Fixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task Skupper_group_is_absent_from_discovery_and_paths()
    {
        using var kubectl = new Kubectl(_server);
        var resources = await kubectl.OkAsync("api-resources");
        resources.ShouldContain("secrets");
        resources.ShouldNotContain("skupper.io");
        var r = await kubectl.RunAsync("get", "accessgrants");
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldContain("the server doesn't have a resource type \"accessgrants\"");

        using var client = Clients.Kubernetes(_server);
        var e = await Should.ThrowAsync<HttpOperationException>(() =>
            client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(Objects.G, Objects.V, "west", "sites"));
        e.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
