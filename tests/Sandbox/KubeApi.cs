using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Skupper.Sandbox;

/// <summary>
/// The Kubernetes REST protocol over the store: authentication, impersonation, discovery, routing of resource paths to verbs,
/// content negotiation (JSON or meta.k8s.io Table), watch streams, faults, RBAC and the request log.
/// </summary>
public sealed class KubeApi
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly TimeSpan DefaultWatchTimeout = TimeSpan.FromMinutes(30);

    private readonly ApiCatalog _catalog;
    private readonly ResourceStore _store;
    private readonly Discovery _discovery;
    private readonly FaultSettings _faults;
    private readonly RequestLog _log;
    private readonly RbacRules _rbac;
    private readonly Authenticator _authenticator;
    private readonly TimeSpan _bookmarkInterval;
    private readonly CancellationToken _stopping;
    private readonly PodLogs _podLogs;

    public KubeApi(ApiCatalog catalog, ResourceStore store, FaultSettings faults, RequestLog log, RbacRules rbac,
        Authenticator authenticator, TimeSpan bookmarkInterval, CancellationToken stopping, PodLogs podLogs)
    {
        _podLogs = podLogs;
        _catalog = catalog;
        _store = store;
        _discovery = new Discovery(catalog);
        _faults = faults;
        _log = log;
        _rbac = rbac;
        _authenticator = authenticator;
        _bookmarkInterval = bookmarkInterval;
        _stopping = stopping;
    }

    private sealed record Target(ResourceType Type, string? Namespace, string? Name, string? Subresource);

    public async Task HandleAsync(HttpContext ctx)
    {
        var pathAndQuery = ctx.Request.Path.Value + ctx.Request.QueryString.Value;
        var logged = false;
        var caller = new Caller(null, null);
        try
        {
            var latency = _faults.Latency;
            if (latency > TimeSpan.Zero) await Task.Delay(latency, ctx.RequestAborted);
            // The API server's filter order: authentication, then impersonation, then authorization of the result.
            var authenticated = _authenticator.Authenticate(ctx);
            caller = new Caller(authenticated, null);
            if (Impersonation.Apply(ctx.Request.Headers, authenticated, _rbac) is { } impersonated)
                caller = new Caller(impersonated, authenticated);
            var user = caller.User!;
            var segments = (ctx.Request.Path.Value ?? "/").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            var discovered = Discover(ctx, segments);
            if (discovered != null)
            {
                await WriteAsync(ctx, 200, discovered);
                return;
            }
            var target = Resolve(segments) ?? throw ApiException.NoSuchResource();
            var method = ctx.Request.Method;
            var isWatch = method == "GET" && ctx.Request.Query["watch"] is var w && (w == "true" || w == "1");
            if (_faults.ShouldFail(isWatch))
            {
                if (_faults.ErrorCode == 429) ctx.Response.Headers["Retry-After"] = "1";
                throw _faults.ErrorCode switch
                {
                    503 => new ApiException(503, "ServiceUnavailable", "the server is currently unable to handle the request (injected fault)"),
                    429 => new ApiException(429, "TooManyRequests", "Too many requests, please try again later."),
                    _ => new ApiException(500, "InternalError", "Internal error occurred: injected fault", new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = "injected fault" }) }),
                };
            }
            var verb = (method, target.Name) switch
            {
                ("GET", null) => isWatch ? "watch" : "list",
                ("GET", _) => "get",
                ("POST", _) => "create",
                ("PUT", _) => "update",
                ("PATCH", _) => "patch",
                ("DELETE", _) => "delete",
                _ => "unknown",
            };
            if (_rbac.Check(user, verb, target.Type, target.Subresource, target.Namespace, target.Name) is { } forbidden) throw forbidden;
            if (isWatch)
            {
                logged = true;
                await WatchAsync(ctx, target, pathAndQuery, caller);
                return;
            }
            var (code, body) = await DispatchAsync(ctx, target);
            if (verb is "create" or "update" or "patch" or "delete" && code < 300 && _faults.ShouldLoseWrite())
                throw new ApiException(504, "Timeout", "Timeout: request did not complete within the allotted timeout");
            await WriteAsync(ctx, code, body);
        }
        catch (ApiException e)
        {
            if (!ctx.Response.HasStarted) await WriteAsync(ctx, e.Code, e.ToStatus());
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            // client went away or the sandbox is stopping
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A sandbox bug: answer as the API server answers its own panics, and say what happened.
            Console.Error.WriteLine($"sandbox: {ctx.Request.Method} {pathAndQuery}: {e}");
            if (!ctx.Response.HasStarted)
                await WriteAsync(ctx, 500, Status.Failure(500, "InternalError", $"Internal error occurred: {e.Message}"));
        }
        finally
        {
            if (!logged) _log.Add(Entry(ctx, pathAndQuery, ctx.Response.StatusCode, caller));
        }
    }

    // Who a request acts as and, when impersonating, who asked.
    private sealed record Caller(UserIdentity? User, UserIdentity? ImpersonatedBy);

    private static RequestLogEntry Entry(HttpContext ctx, string pathAndQuery, int status, Caller caller) =>
        new(DateTimeOffset.UtcNow, ctx.Request.Method, pathAndQuery, status)
        {
            User = caller.User?.Name,
            Groups = caller.User?.Groups ?? [],
            ImpersonatedBy = caller.ImpersonatedBy?.Name,
            UserAgent = ctx.Request.Headers.UserAgent.Count > 0 ? ctx.Request.Headers.UserAgent.ToString() : null,
        };

    private JsonNode? Discover(HttpContext ctx, string[] s)
    {
        if (ctx.Request.Method != "GET") return null;
        var p = string.Join('/', s);
        switch (p)
        {
            case "version": return Discovery.Version();
            case "api": return Discovery.CoreVersions($"127.0.0.1:{ctx.Connection.LocalPort}");
            case "api/v1": return _discovery.Resources("", "v1");
            case "apis": return _discovery.Groups();
            case "openapi/v3": return _discovery.OpenApiIndex();
            case "healthz" or "livez" or "readyz": return JsonValue.Create("ok");
        }
        if (s.Length == 2 && s[0] == "apis")
            return _discovery.GroupDoc(s[1]) ?? throw ApiException.NoSuchResource();
        if (s.Length == 3 && s[0] == "apis")
            return _catalog.All.Any(t => t.Group == s[1] && t.Version == s[2]) ? _discovery.Resources(s[1], s[2]) : throw ApiException.NoSuchResource();
        if (s.Length > 2 && s[0] == "openapi" && s[1] == "v3")
            return _discovery.OpenApiDocument(string.Join('/', s[2..])) ?? throw ApiException.NoSuchResource();
        return null;
    }

    private Target? Resolve(string[] s)
    {
        string group, version;
        string[] rest;
        if (s.Length >= 3 && s[0] == "api" && s[1] == "v1") (group, version, rest) = ("", "v1", s[2..]);
        else if (s.Length >= 4 && s[0] == "apis") (group, version, rest) = (s[1], s[2], s[3..]);
        else return null;

        if (rest.Length >= 3 && rest[0] == "namespaces" && _catalog.Find(group, version, rest[2]) is { Namespaced: true } nsType)
        {
            if (rest.Length > 5) return null;
            return Checked(new Target(nsType, rest[1], rest.Length > 3 ? rest[3] : null, rest.Length > 4 ? rest[4] : null));
        }
        if (_catalog.Find(group, version, rest[0]) is not { } type || rest.Length > 3) return null;
        // /apis/g/v/plural on a namespaced type lists across all namespaces.
        if (type.Namespaced) return rest.Length == 1 ? new Target(type, null, null, null) : null;
        return Checked(new Target(type, null, rest.Length > 1 ? rest[1] : null, rest.Length > 2 ? rest[2] : null));
    }

    private static Target? Checked(Target t) =>
        t.Subresource == null || (t.Subresource == "status" && t.Type.HasStatusSubresource)
        || (t.Subresource == "log" && t.Type is { Group: "", Plural: "pods" }) ? t : null;

    private async Task<(int, JsonNode)> DispatchAsync(HttpContext ctx, Target t)
    {
        var req = ctx.Request;
        var table = req.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);
        var includeObject = req.Query["includeObject"].ToString();
        switch (req.Method)
        {
            case "GET" when t.Name == null:
            {
                var selector = Selector.Combine(Selector.ParseLabels(req.Query["labelSelector"]), Selector.ParseFields(req.Query["fieldSelector"]));
                var items = _store.List(t.Type, t.Namespace, out var rv).Where(selector.Matches).ToList();
                var rvText = rv.ToString(CultureInfo.InvariantCulture);
                if (table) return (200, TableConverter.ToTable(t.Type, items, rvText, includeObject));
                // A built-in kind's list is a typed Go list (v1.ConfigMapList): its items are encoded without their
                // TypeMeta, so they carry no apiVersion and kind; a custom resource's list is unstructured and keeps them.
                if (!t.Type.IsCustom)
                    foreach (var item in items)
                    {
                        item.Remove("apiVersion");
                        item.Remove("kind");
                    }
                return (200, new JsonObject
                {
                    ["kind"] = t.Type.Kind + "List",
                    ["apiVersion"] = t.Type.GroupVersion,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = rvText },
                    ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
                });
            }
            case not "GET" when t.Subresource == "log":
                throw ApiException.MethodNotAllowed();
            case "GET" when t.Subresource == "log":
                return (200, JsonValue.Create(_podLogs.Read(t.Namespace!, t.Name!, req.Query)));
            case "GET":
            {
                var obj = _store.Get(t.Type, t.Namespace, t.Name) ?? throw ApiException.NotFound(t.Type, t.Name);
                return (200, table ? TableConverter.ToTable(t.Type, [obj], null, includeObject) : obj);
            }
            case "POST" when t.Name == null && (t.Namespace != null || !t.Type.Namespaced):
                return (201, _store.Create(t.Type, t.Namespace, await ReadObjectAsync(req)));
            case "PUT" when t.Name != null:
            {
                var body = await ReadObjectAsync(req);
                return (200, _store.Update(t.Type, t.Namespace, t.Name, _ => body, t.Subresource == "status", isPatch: false));
            }
            case "PATCH" when t.Name != null:
                return await PatchAsync(req, t);
            case "DELETE" when t.Name != null && t.Subresource == null:
            {
                var text = await ReadTextAsync(req);
                JsonNode? options = null;
                if (!string.IsNullOrWhiteSpace(text)) options = ParseJson(text);
                var pre = options?["preconditions"];
                return (200, _store.Delete(t.Type, t.Namespace, t.Name, pre?["resourceVersion"]?.GetValue<string>(), pre?["uid"]?.GetValue<string>()));
            }
            default:
                throw ApiException.MethodNotAllowed();
        }
    }

    private async Task<(int, JsonNode)> PatchAsync(HttpRequest req, Target t)
    {
        var contentType = (req.ContentType ?? "").Split(';')[0].Trim();
        var text = await ReadTextAsync(req);
        var status = t.Subresource == "status";
        switch (contentType)
        {
            case Patches.MergePatch or Patches.StrategicMergePatch:
            {
                var patch = ParseJson(text);
                if (patch is not JsonObject) throw ApiException.BadRequest("json: cannot unmarshal into Go value of type map[string]interface {}");
                return (200, _store.Update(t.Type, t.Namespace, t.Name!, current => (JsonObject)Patches.Merge(current, patch)!, status, isPatch: true));
            }
            case Patches.JsonPatch:
            {
                if (ParseJson(text) is not JsonArray ops) throw ApiException.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
                return (200, _store.Update(t.Type, t.Namespace, t.Name!, current =>
                    Patches.Apply(current, ops) as JsonObject ?? throw new ApiException(422, "Invalid", "patched object is not an object"), status, isPatch: true));
            }
            case Patches.ApplyPatch:
            {
                // Server-side apply, approximated as "create, else merge": no field ownership tracking.
                if (string.IsNullOrEmpty(req.Query["fieldManager"]))
                    throw ApiException.BadRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set");
                JsonNode? applied;
                try { applied = YamlJson.Parse(text); }
                catch (Exception e) when (e is YamlDotNet.Core.YamlException) { throw ApiException.BadRequest($"error decoding YAML: {e.Message}"); }
                if (applied is not JsonObject obj) throw ApiException.BadRequest("error decoding YAML: not an object");
                if (_store.Get(t.Type, t.Namespace, t.Name!) == null && !status)
                {
                    obj["metadata"] ??= new JsonObject();
                    obj["metadata"]!["name"] ??= t.Name;
                    return (201, _store.Create(t.Type, t.Namespace, obj));
                }
                return (200, _store.Update(t.Type, t.Namespace, t.Name!, current => (JsonObject)Patches.Merge(current, obj)!, status, isPatch: true));
            }
            default:
                throw new ApiException(415, "UnsupportedMediaType",
                    t.Type.IsCustom
                        ? "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
                        : "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json");
        }
    }

    private async Task WatchAsync(HttpContext ctx, Target t, string pathAndQuery, Caller caller)
    {
        var q = ctx.Request.Query;
        var selector = Selector.Combine(Selector.ParseLabels(q["labelSelector"]), Selector.ParseFields(q["fieldSelector"]));
        long? from = null;
        var rvText = q["resourceVersion"].ToString();
        if (rvText.Length > 0 && rvText != "0")
        {
            if (!long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                throw new ApiException(400, "BadRequest", $"invalid resource version: {rvText}");
            from = parsed;
        }
        var timeout = DefaultWatchTimeout;
        if (int.TryParse(q["timeoutSeconds"], out var seconds) && seconds > 0) timeout = TimeSpan.FromSeconds(seconds);
        if (_faults.WatchMaxDuration is { } max && max > TimeSpan.Zero && max < timeout) timeout = max;
        var maxEvents = _faults.WatchMaxEvents;
        var bookmarks = q["allowWatchBookmarks"] == "true";
        var table = ctx.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);
        var includeObject = q["includeObject"].ToString();

        // Subscribe before answering so a 410 is decided at the same instant as the replay.
        WatchSubscription? sub = null;
        ApiException? gone = _faults.TakeGoneOnNextWatch()
            ? new ApiException(410, "Expired", $"too old resource version: {rvText} ({_store.ResourceVersion})")
            : null;
        if (gone == null)
        {
            try { sub = _store.Subscribe(t.Type, t.Namespace, from); }
            catch (ApiException e) when (e.Code == 410) { gone = e; }
        }
        using var subscription = sub;

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        _log.Add(Entry(ctx, pathAndQuery, 200, caller));
        await ctx.Response.StartAsync(ctx.RequestAborted);
        await ctx.Response.Body.FlushAsync(ctx.RequestAborted);

        if (gone != null)
        {
            // What the API server does for an expired resourceVersion: a 200 stream with one ERROR event.
            await WriteEventAsync(ctx, new JsonObject { ["type"] = "ERROR", ["object"] = gone.ToStatus() });
            return;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping);
        cts.CancelAfter(timeout);
        var sent = 0;
        var lastRv = from ?? _store.ResourceVersion;
        var reader = sub!.Events;
        try
        {
            while (true)
            {
                var wait = reader.WaitToReadAsync(cts.Token).AsTask();
                while (bookmarks)
                {
                    cts.Token.ThrowIfCancellationRequested();
                    var tick = Task.Delay(_bookmarkInterval, cts.Token);
                    if (await Task.WhenAny(wait, tick) == wait) break;
                    await WriteEventAsync(ctx, new JsonObject
                    {
                        ["type"] = "BOOKMARK",
                        ["object"] = new JsonObject
                        {
                            ["kind"] = t.Type.Kind,
                            ["apiVersion"] = t.Type.GroupVersion,
                            ["metadata"] = new JsonObject { ["resourceVersion"] = lastRv.ToString(CultureInfo.InvariantCulture) },
                        },
                    });
                }
                if (!await wait) return;
                while (reader.TryRead(out var e))
                {
                    lastRv = e.ResourceVersion;
                    var type = Classify(e, selector);
                    if (type == null) continue;
                    JsonNode obj = table ? TableConverter.ToTable(t.Type, [e.Object], null, includeObject) : e.Object.DeepClone();
                    await WriteEventAsync(ctx, new JsonObject { ["type"] = type, ["object"] = obj });
                    if (maxEvents > 0 && ++sent >= maxEvents) return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds reached, fault duration reached, client gone, or sandbox stopping: end the stream.
        }
    }

    // Selector transitions become ADDED/DELETED, as in the API server's watch cache.
    private static string? Classify(WatchEvent e, Selector selector)
    {
        var now = selector.Matches(e.Object);
        var before = e.Previous != null && selector.Matches(e.Previous);
        return e.Type switch
        {
            "MODIFIED" when now && before => "MODIFIED",
            "MODIFIED" when now => "ADDED",
            "MODIFIED" when before => "DELETED",
            "ADDED" or "DELETED" when now => e.Type,
            _ => null,
        };
    }

    private static async Task WriteEventAsync(HttpContext ctx, JsonObject e)
    {
        await ctx.Response.WriteAsync(e.ToJsonString(Json) + "\n", CancellationToken.None);
        await ctx.Response.Body.FlushAsync(CancellationToken.None);
    }

    private static async Task WriteAsync(HttpContext ctx, int code, JsonNode body)
    {
        ctx.Response.StatusCode = code;
        if (body is JsonValue v && v.TryGetValue<string>(out var text))
        {
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            await ctx.Response.WriteAsync(text);
            return;
        }
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body.ToJsonString(Json));
    }

    private static async Task<string> ReadTextAsync(HttpRequest req)
    {
        using var reader = new StreamReader(req.Body);
        return await reader.ReadToEndAsync();
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpRequest req)
    {
        var contentType = (req.ContentType ?? "application/json").Split(';')[0].Trim();
        var text = await ReadTextAsync(req);
        JsonNode? node;
        if (contentType == "application/json") node = ParseJson(text);
        else if (contentType == "application/yaml")
        {
            try { node = YamlJson.Parse(text); }
            catch (YamlDotNet.Core.YamlException e) { throw ApiException.BadRequest($"error converting YAML to JSON: {e.Message}"); }
        }
        else
            throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf");
        return node as JsonObject ?? throw ApiException.BadRequest("Object 'Kind' is missing in '" + text + "'");
    }

    private static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    internal static string Serialize(JsonNode node) => node.ToJsonString(Json);
}
