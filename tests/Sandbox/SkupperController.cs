using Skupper.Cli.Sdk;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Skupper.Sandbox;

/// <summary>
/// A stand-in for the Skupper controller: it watches the store and writes status the way Skupper
/// does, after configurable delays, through the same store path as API writes (so watchers see it).
/// Reconciles are idempotent (an unchanged status is not written) and serialised under one lock.
/// </summary>
internal sealed class SkupperController : IAsyncDisposable
{
    internal const string RemoteSiteAnnotation = "sandbox.skupper.io/remote-site";
    private const string CodeAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly ApiCatalog _catalog;
    private readonly ResourceStore _store;
    private readonly ControllerSettings _settings;
    private readonly string _serverUrl;
    private readonly string _caPem;
    private readonly ConcurrentDictionary<(ResourceType, string, string), bool> _pending = new();
    private readonly object _reconcileGate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly WatchSubscription _subscription;
    private readonly Task _loop;

    public SkupperController(ApiCatalog catalog, ResourceStore store, ControllerSettings settings, string serverUrl, string caPem)
    {
        _catalog = catalog;
        _store = store;
        _settings = settings;
        _serverUrl = serverUrl;
        _caPem = caPem;
        _subscription = store.Subscribe(null, null, store.ResourceVersion);
        settings.Enabled_On += ResyncAll;
        _loop = Task.Run(RunAsync);
        if (settings.Enabled) ResyncAll();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var e in _subscription.Events.ReadAllAsync(_stop.Token))
            {
                if (!_settings.Enabled) continue;
                var ns = e.Object["metadata"]?["namespace"]?.GetValue<string>() ?? "";
                var name = e.Object["metadata"]?["name"]?.GetValue<string>() ?? "";
                if (e.Resource == _catalog.Sites)
                {
                    if (e.Type != "DELETED") Schedule(e.Resource, ns, name);
                    ScheduleGrantsIn(ns);
                }
                else if (e.Type != "DELETED" && (e.Resource == _catalog.AccessGrants || e.Resource == _catalog.AccessTokens || e.Resource == _catalog.Links))
                    Schedule(e.Resource, ns, name);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void ResyncAll()
    {
        foreach (var type in new[] { _catalog.Sites, _catalog.AccessGrants, _catalog.AccessTokens, _catalog.Links })
        {
            if (type == null) continue;
            foreach (var o in _store.List(type, null, out _))
                Schedule(type, o["metadata"]!["namespace"]!.GetValue<string>(), o["metadata"]!["name"]!.GetValue<string>());
        }
    }

    private void ScheduleGrantsIn(string ns)
    {
        foreach (var g in _store.List(_catalog.AccessGrants!, ns, out _))
            Schedule(_catalog.AccessGrants!, ns, g["metadata"]!["name"]!.GetValue<string>());
    }

    private void Schedule(ResourceType type, string ns, string name)
    {
        // Events arriving during the delay collapse into one reconcile, which reads the latest state.
        if (!_pending.TryAdd((type, ns, name), true)) return;
        var delay = type == _catalog.Sites ? _settings.SiteDelay
            : type == _catalog.AccessGrants ? _settings.GrantDelay
            : type == _catalog.AccessTokens ? _settings.TokenDelay
            : _settings.LinkDelay;
        _ = Task.Run(async () =>
        {
            try
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay, _stop.Token);
                _pending.TryRemove((type, ns, name), out _);
                if (!_settings.Enabled) return;
                lock (_reconcileGate)
                {
                    if (type == _catalog.Sites) ReconcileSite(ns, name);
                    else if (type == _catalog.AccessGrants) ReconcileGrant(ns, name);
                    else if (type == _catalog.AccessTokens) ReconcileToken(ns, name);
                    else ReconcileLink(ns, name);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // deleted meanwhile
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"sandbox controller: {type.Plural} {ns}/{name}: {e}");
            }
        });
    }

    private void WriteStatus(ResourceType type, string ns, string name, Action<JsonObject, JsonObject> change) =>
        _store.Update(type, ns, name, current =>
        {
            var status = current["status"] as JsonObject ?? new JsonObject();
            change(current, status);
            current["status"] = status;
            return current;
        }, statusSubresource: true, isPatch: true);

    private void ReconcileSite(string ns, string name) =>
        WriteStatus(_catalog.Sites!, ns, name, (site, status) =>
        {
            var generation = site["metadata"]?["generation"].AsLong() ?? 1;
            Conditions.Set(status, "Configured", true, "Ready", "OK", generation);
            Conditions.Set(status, "Running", true, "Ready", "OK", generation);
            if (HasLinkAccess(site))
            {
                status["endpoints"] = new JsonArray(
                    new JsonObject { ["name"] = "inter-router", ["host"] = "127.0.0.1", ["port"] = "55671", ["group"] = "skupper-router" },
                    new JsonObject { ["name"] = "edge", ["host"] = "127.0.0.1", ["port"] = "45671", ["group"] = "skupper-router" });
                Conditions.Set(status, "Resolved", true, "Ready", "OK", generation);
            }
            else
            {
                status.Remove("endpoints");
                Conditions.Remove(status, "Resolved");
            }
            Conditions.Set(status, "Ready", true, "Ready", "OK", generation);
            status["status"] = "Ready";
            status["message"] = "OK";
            status["sitesInNetwork"] = 1;
            status["network"] = new JsonArray(new JsonObject
            {
                ["id"] = site["metadata"]?["uid"]?.DeepClone(),
                ["name"] = name,
                ["namespace"] = ns,
                ["platform"] = "kubernetes",
                ["version"] = "2.0.0",
            });
        });

    private static bool HasLinkAccess(JsonObject site)
    {
        var spec = site["spec"] as JsonObject;
        if (spec?["edge"] is JsonValue edge && edge.TryGetValue<bool>(out var isEdge) && isEdge) return false;
        var access = spec?["linkAccess"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return !string.IsNullOrEmpty(access) && access != "none";
    }

    private void ReconcileGrant(string ns, string name)
    {
        var site = _store.List(_catalog.Sites!, ns, out _) is [var first, ..] ? first : null;
        WriteStatus(_catalog.AccessGrants!, ns, name, (grant, status) =>
        {
            var generation = grant["metadata"]?["generation"].AsLong() ?? 1;
            string? problem = null;
            if (site == null) problem = $"There is no site in namespace {ns}";
            else if (!HasLinkAccess(site)) problem = $"Link access is not enabled for site {site["metadata"]!["name"]}";
            else if (site["status"]?["endpoints"] is not JsonArray { Count: > 0 })
            {
                // Link access requested but not resolved yet: the site's reconcile will schedule us again.
                status["status"] ??= "Pending";
                status["message"] ??= "Pending";
                return;
            }
            var windowText = grant["spec"]?["expirationWindow"]?.GetValue<string>();
            var window = TimeSpan.FromMinutes(15);
            if (problem == null && !string.IsNullOrEmpty(windowText) && !GoDuration.TryParse(windowText, out window))
                problem = $"Invalid expiration window: {windowText}";
            if (problem != null)
            {
                Conditions.Set(status, "Processed", true, "Ready", "OK", generation);
                Conditions.Set(status, "Resolved", false, "Error", problem, generation);
                Conditions.Set(status, "Ready", false, "Error", problem, generation);
                status["status"] = "Error";
                status["message"] = problem;
                return;
            }
            status["url"] = $"{_serverUrl}/grants/{ns}/{name}";
            status["code"] = grant["spec"]?["code"]?.DeepClone() ?? status["code"]?.DeepClone() ?? RandomNumberGenerator.GetString(CodeAlphabet, 24);
            status["ca"] = _caPem;
            if (status["expirationTime"] == null)
            {
                var created = DateTime.Parse(grant["metadata"]!["creationTimestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                status["expirationTime"] = (created + window).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            }
            status["redemptions"] ??= 0;
            Conditions.Set(status, "Processed", true, "Ready", "OK", generation);
            Conditions.Set(status, "Resolved", true, "Ready", "OK", generation);
            Conditions.Set(status, "Ready", true, "Ready", "OK", generation);
            status["status"] = "Ready";
            status["message"] = "OK";
        });
    }

    private void ReconcileToken(string ns, string name)
    {
        var token = _store.Get(_catalog.AccessTokens!, ns, name);
        if (token == null) return;
        var st = token["status"] as JsonObject;
        // A token is exchanged once; a decided token (redeemed or failed) is final, as in Skupper.
        if (st?["redeemed"]?.GetValue<bool>() == true || st?["status"]?.GetValue<string>() == "Error") return;
        var generation = token["metadata"]?["generation"].AsLong() ?? 1;

        var problem = Redeem(ns, name, token);
        WriteStatus(_catalog.AccessTokens!, ns, name, (_, status) =>
        {
            if (problem == null)
            {
                status["redeemed"] = true;
                Conditions.Set(status, "Redeemed", true, "Ready", "OK", generation);
                status["status"] = "Ready";
                status["message"] = "OK";
            }
            else
            {
                status["redeemed"] = false;
                Conditions.Set(status, "Redeemed", false, "Error", problem, generation);
                status["status"] = "Error";
                status["message"] = problem;
            }
        });
    }

    // Returns why redemption failed, or null after creating the Link and its Secret.
    private string? Redeem(string ns, string name, JsonObject token)
    {
        var url = token["spec"]?["url"]?.GetValue<string>() ?? "";
        var code = token["spec"]?["code"]?.GetValue<string>() ?? "";
        var segments = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath.Trim('/').Split('/') : [];
        if (segments.Length != 3 || segments[0] != "grants") return $"Failed to redeem token: no such access grant at {url}";
        var (grantNs, grantName) = (segments[1], segments[2]);
        var grant = _store.Get(_catalog.AccessGrants!, grantNs, grantName);
        var gs = grant?["status"] as JsonObject;
        if (grant == null) return $"Failed to redeem token: no such access grant {grantNs}/{grantName}";
        if (gs?["status"]?.GetValue<string>() != "Ready") return $"Failed to redeem token: access grant {grantNs}/{grantName} is not ready";
        if (gs["code"]?.GetValue<string>() != code) return "Failed to redeem token: Access code is not valid";
        if (DateTime.TryParse(gs["expirationTime"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var expires) && expires < DateTime.UtcNow)
            return "Failed to redeem token: Access grant has expired";
        var allowed = grant["spec"]?["redemptionsAllowed"].AsLong() ?? 1;
        if ((gs["redemptions"].AsLong() ?? 0) >= allowed) return "Failed to redeem token: Redemptions exceeded";

        WriteStatus(_catalog.AccessGrants!, grantNs, grantName, (_, status) => status["redemptions"] = (status["redemptions"].AsLong() ?? 0) + 1);
        var remoteSite = _store.List(_catalog.Sites!, grantNs, out _) is [var first, ..] ? first : null;
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(_caPem));
        var dummy = Convert.ToBase64String(Encoding.ASCII.GetBytes("sandbox-" + name));
        _store.Put(_catalog.Secrets, ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["type"] = "kubernetes.io/tls",
            ["data"] = new JsonObject { ["ca.crt"] = ca, ["tls.crt"] = dummy, ["tls.key"] = dummy },
        });
        var cost = token["spec"]?["linkCost"]?.DeepClone() ?? 1;
        _store.Put(_catalog.Links!, ns, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["annotations"] = new JsonObject { [RemoteSiteAnnotation] = remoteSite?["metadata"]?["name"]?.GetValue<string>() ?? "" },
            },
            ["spec"] = new JsonObject
            {
                ["endpoints"] = remoteSite?["status"]?["endpoints"]?.DeepClone() ?? new JsonArray(),
                ["tlsCredentials"] = name,
                ["cost"] = cost,
            },
        });
        return null;
    }

    private void ReconcileLink(string ns, string name) =>
        WriteStatus(_catalog.Links!, ns, name, (link, status) =>
        {
            var generation = link["metadata"]?["generation"].AsLong() ?? 1;
            Conditions.Set(status, "Configured", true, "Ready", "OK", generation);
            Conditions.Set(status, "Operational", true, "Ready", "OK", generation);
            Conditions.Set(status, "Ready", true, "Ready", "OK", generation);
            status["status"] = "Ready";
            status["message"] = "OK";
            var remote = link["metadata"]?["annotations"]?[RemoteSiteAnnotation]?.GetValue<string>();
            if (!string.IsNullOrEmpty(remote)) status["remoteSiteName"] = remote;
        });

    public async ValueTask DisposeAsync()
    {
        _settings.Enabled_On -= ResyncAll;
        _stop.Cancel();
        _subscription.Dispose();
        await _loop;
        _stop.Dispose();
    }
}

/// <summary>metav1.Condition list handling: lastTransitionTime changes only when status flips.</summary>
internal static class Conditions
{
    public static void Set(JsonObject status, string type, bool value, string reason, string message, long generation)
    {
        var list = status["conditions"] as JsonArray ?? new JsonArray();
        status["conditions"] = list;
        var text = value ? "True" : "False";
        var existing = list.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
        var since = existing != null && existing["status"]?.GetValue<string>() == text
            ? existing["lastTransitionTime"]?.DeepClone()
            : ResourceStore.Now();
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = text,
            ["reason"] = reason,
            ["message"] = message,
            ["lastTransitionTime"] = since,
            ["observedGeneration"] = generation,
        };
        if (existing != null) list[list.IndexOf(existing)] = condition;
        else list.Add(condition);
    }

    public static void Remove(JsonObject status, string type)
    {
        if (status["conditions"] is not JsonArray list) return;
        foreach (var c in list.OfType<JsonObject>().Where(c => c["type"]?.GetValue<string>() == type).ToList()) list.Remove(c);
    }
}
