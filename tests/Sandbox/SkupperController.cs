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

    /// <summary>The namespace of the site a link reaches: the sandbox's stand-in for the network the router learns over links.</summary>
    internal const string RemoteNamespaceAnnotation = "sandbox.skupper.io/remote-namespace";
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
    private readonly Task _resync;
    private readonly GrantServer _grants;

    private readonly SkupperWorkloads _workloads;

    public SkupperController(ApiCatalog catalog, ResourceStore store, ControllerSettings settings, string serverUrl, string caPem,
        GrantServer grants, SkupperWorkloads workloads)
    {
        _workloads = workloads;
        _catalog = catalog;
        _store = store;
        _settings = settings;
        _serverUrl = serverUrl;
        _caPem = caPem;
        _grants = grants;
        _subscription = store.Subscribe(null, null, store.ResourceVersion);
        settings.Enabled_On += ResyncAll;
        _loop = Task.Run(RunAsync);
        _resync = Task.Run(ResyncFailedAsync);
        if (settings.Enabled) ResyncAll();
    }

    /// <summary>
    /// Every <see cref="ControllerSettings.ResyncPeriod"/>, objects left in Error are looked at again, as the informers'
    /// resync hands Skupper's controller every object again (the token, then checkAccessToken; the site, then its checks).
    /// </summary>
    private async Task ResyncFailedAsync()
    {
        try
        {
            while (true)
            {
                var period = _settings.ResyncPeriod;
                await Task.Delay(period > TimeSpan.Zero ? period : TimeSpan.FromMilliseconds(200), _stop.Token);
                if (period <= TimeSpan.Zero || !_settings.Enabled) continue;
                foreach (var type in new[] { _catalog.Sites, _catalog.AccessTokens })
                {
                    if (type == null) continue;
                    foreach (var o in _store.List(type, null, out _))
                        if (o["status"]?["status"]?.GetValue<string>() == "Error")
                            Schedule(type, o["metadata"]!["namespace"]!.GetValue<string>(), o["metadata"]!["name"]!.GetValue<string>());
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
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
                else if (e.Type != "DELETED" && (e.Resource == _catalog.AccessGrants || e.Resource == _catalog.AccessTokens || e.Resource == _catalog.Links
                                                  || e.Resource == _catalog.Certificates))
                    Schedule(e.Resource, ns, name);
                // A certificate waits for its CA's Secret, and gets its own Secret again when that is deleted.
                else if (e.Resource == _catalog.Secrets && _catalog.Certificates != null)
                    foreach (var c in _store.List(_catalog.Certificates, ns, out _))
                        Schedule(_catalog.Certificates, ns, c["metadata"]!["name"]!.GetValue<string>());
                // Whether a listener has a connector (and the reverse) can change with any of them, any link or any site.
                if (e.Resource == _catalog.Sites || e.Resource == _catalog.Links || e.Resource == _catalog.Listeners || e.Resource == _catalog.Connectors)
                    ScheduleBindings();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void ResyncAll()
    {
        foreach (var type in new[] { _catalog.Sites, _catalog.AccessGrants, _catalog.AccessTokens, _catalog.Links, _catalog.Listeners, _catalog.Connectors, _catalog.Certificates })
        {
            if (type == null) continue;
            foreach (var o in _store.List(type, null, out _))
                Schedule(type, o["metadata"]!["namespace"]!.GetValue<string>(), o["metadata"]!["name"]!.GetValue<string>());
        }
    }

    private void ScheduleBindings()
    {
        foreach (var type in new[] { _catalog.Listeners, _catalog.Connectors })
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
                    else if (type == _catalog.Listeners || type == _catalog.Connectors) ReconcileBinding(type, ns, name);
                    else if (type == _catalog.Certificates) ReconcileCertificate(ns, name);
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

    private void ReconcileSite(string ns, string name)
    {
        EnsureSiteCa(ns, name);
        // The router the real controller deploys (SkupperWorkloads), there before the site is Ready, as its pod must run first.
        if (_store.Get(_catalog.Sites!, ns, name) is { } current) _workloads.EnsureRouter(ns, name, HasLinkAccess(current));
        WriteStatus(_catalog.Sites!, ns, name, (site, status) =>
        {
            var generation = site["metadata"]?["generation"].AsLong() ?? 1;
            if (_settings.TakeSiteFailure())
            {
                // A failure Skupper's site controller sets and then retries (it requeues the site), such as a router
                // config it could not write yet: internal/kube/site/site.go, Site.Apply returns the error, SetStatus marks Error.
                Conditions.Set(status, "Configured", false, "Error", ControllerSettings.SiteFailureMessage, generation);
                Conditions.Set(status, "Ready", false, "Error", ControllerSettings.SiteFailureMessage, generation);
                status["status"] = "Error";
                status["message"] = ControllerSettings.SiteFailureMessage;
                return;
            }
            Conditions.Set(status, "Configured", true, "Ready", "OK", generation);
            Conditions.Set(status, "Running", true, "Ready", "OK", generation);
            // internal/kube/site/site.go, setDefaultIssuerInStatus with v2alpha1 Site.DefaultIssuer(): the spec's, else skupper-site-ca.
            status["defaultIssuer"] = site["spec"]?["defaultIssuer"]?.GetValue<string>() is { Length: > 0 } issuer ? issuer : SiteCaName;
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
    }

    private const string SiteCaName = "skupper-site-ca";

    /// <summary>
    /// The site's CA, as internal/kube/site/site.go has the certificate manager ensure it when it starts a site
    /// (EnsureCA "skupper-site-ca", subject "NAME site CA", owned by the site): a signing Certificate, whose Secret
    /// <see cref="ReconcileCertificate"/> then makes. The sandbox makes only this CA; the local CA and the router's
    /// server certificates have no user of theirs here.
    /// </summary>
    private void EnsureSiteCa(string ns, string site)
    {
        if (_catalog.Certificates == null || _store.Get(_catalog.Certificates, ns, SiteCaName) != null) return;
        var owner = _store.Get(_catalog.Sites!, ns, site);
        if (owner == null) return;
        try
        {
            _store.Create(_catalog.Certificates, ns, new JsonObject
            {
                ["apiVersion"] = ApiCatalog.SkupperGroup + "/" + ApiCatalog.SkupperVersion,
                ["kind"] = "Certificate",
                ["metadata"] = new JsonObject
                {
                    ["name"] = SiteCaName,
                    ["ownerReferences"] = new JsonArray(OwnerReference(owner, "Site")),
                },
                ["spec"] = new JsonObject { ["ca"] = "", ["subject"] = $"{site} site CA", ["signing"] = true },
            });
        }
        catch (ApiException e) when (e.Code == 409)
        {
        }
    }

    private static JsonObject OwnerReference(JsonObject owner, string kind) => new()
    {
        ["apiVersion"] = ApiCatalog.SkupperGroup + "/" + ApiCatalog.SkupperVersion,
        ["kind"] = kind,
        ["name"] = owner["metadata"]!["name"]!.DeepClone(),
        ["uid"] = owner["metadata"]!["uid"]!.DeepClone(),
        ["controller"] = true,
    };

    /// <summary>
    /// A Certificate's Secret, as Skupper's certificate manager keeps it (internal/kube/certificates/mgr.go,
    /// reconcileSecret, createSecret, generateSecret; internal/certs/certs.go, GenerateSecret): a kubernetes.io/tls
    /// Secret of the same name with tls.crt, tls.key (RSA 2048) and ca.crt, owned by the Certificate and annotated as
    /// controlled; self-signed when the spec says signing, else signed by the CA in the Secret <c>spec.ca</c> names,
    /// and an error on the Certificate's Ready condition while that Secret does not exist (<c>CA "NS/NAME" not found</c>).
    /// </summary>
    private void ReconcileCertificate(string ns, string name)
    {
        var certificate = _store.Get(_catalog.Certificates!, ns, name);
        if (certificate == null) return;
        string? error = null;
        if (_store.Get(_catalog.Secrets, ns, name) == null)
        {
            var spec = certificate["spec"] as JsonObject ?? new JsonObject();
            var signing = spec["signing"] is JsonValue s && s.TryGetValue<bool>(out var isSigning) && isSigning;
            var caName = spec["ca"]?.GetValue<string>() ?? "";
            var ca = signing ? null : _store.Get(_catalog.Secrets, ns, caName);
            if (!signing && ca == null) error = $"CA \"{ns}/{caName}\" not found";
            else
            {
                var hosts = (spec["hosts"] as JsonArray)?.Select(h => h!.GetValue<string>()) ?? [];
                var data = SiteCertificates.Generate(spec["subject"]?.GetValue<string>() ?? "", hosts, ca);
                var secret = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Secret",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = name,
                        ["ownerReferences"] = new JsonArray(OwnerReference(certificate, "Certificate")),
                        ["annotations"] = new JsonObject
                        {
                            ["internal.skupper.io/controlled"] = "true",
                            ["internal.skupper.io/certificate"] = "true",
                            ["internal.skupper.io/hosts"] = string.Join(",", hosts),
                        },
                    },
                    ["type"] = "kubernetes.io/tls",
                    ["data"] = new JsonObject(data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)Convert.ToBase64String(d.Value)))),
                };
                try { _store.Create(_catalog.Secrets, ns, secret); }
                catch (ApiException e) when (e.Code == 409) { }
            }
        }
        // v2alpha1 Certificate.SetReady(err): ErrorOrReadyCondition, the Ready condition only.
        WriteStatus(_catalog.Certificates!, ns, name, (current, status) =>
            Conditions.Set(status, "Ready", error == null, error == null ? "Ready" : "Error", error ?? "OK",
                current["metadata"]?["generation"].AsLong() ?? 1));
    }

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
                // The words of Skupper's checkGrant (internal/kube/grants/grants.go) around Go's time.ParseDuration error.
                problem = $"Invalid duration \"{windowText}\": time: invalid duration \"{windowText}\"";
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
        // Only a redeemed token is done; a failed one is tried again on the next event or resync, as Skupper's
        // checkAccessToken does (internal/kube/controller/controller.go: it returns early only when IsRedeemed()).
        if (st?["redeemed"]?.GetValue<bool>() == true) return;
        // No site yet: Skupper waits for one without writing any status (checkAccessToken, getSite(...).GetSite() == nil).
        var site = _store.List(_catalog.Sites!, ns, out _) is [var first, ..] ? first : null;
        if (site == null) return;
        var generation = token["metadata"]?["generation"].AsLong() ?? 1;

        var problem = Redeem(ns, token, site);
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

    /// <summary>
    /// Returns why redemption failed, in the controller's words (internal/kube/grants/redeem.go, RedeemAccessToken,
    /// postTokenRequest, handleTokenResponse), or null after creating the Secret and Link the grant server sent.
    /// </summary>
    private string? Redeem(string ns, JsonObject token, JsonObject site)
    {
        var name = token["metadata"]!["name"]!.GetValue<string>();
        var url = token["spec"]?["url"]?.GetValue<string>() ?? "";
        var code = token["spec"]?["code"]?.GetValue<string>() ?? "";
        var ca = token["spec"]?["ca"]?.GetValue<string>() ?? "";
        if (ca.Length == 0) return "token does not have a CA";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return $"could not parse token url: parse \"{url}\": invalid URI";
        if (uri.Scheme != "https") return "token url scheme must be https";
        // Only the token's CA is trusted (tlsConfig): a token naming another server, or carrying another CA, fails the handshake.
        var server = new Uri(_serverUrl);
        if (uri.Authority != server.Authority)
            return $"Controller got error: Post \"{url}\": dial tcp {uri.Authority}: connect: connection refused";
        if (!SameCertificates(ca, _caPem))
            return $"Controller got error: Post \"{url}\": tls: failed to verify certificate: x509: certificate signed by unknown authority";

        var answer = _grants.Redeem(uri.AbsolutePath, code, name, site["metadata"]?["uid"]?.GetValue<string>() ?? "");
        if (answer.Refused) return $"Controller got error: Post \"{url}\": dial tcp {uri.Authority}: connect: connection refused";
        if (answer.Code != 200)
            return $"Controller got failed response: {answer.Code} ({Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(answer.Code)}) {answer.Body.Trim()}";

        var documents = answer.Body.Split("---\n", StringSplitOptions.RemoveEmptyEntries).Select(YamlJson.Parse).OfType<JsonObject>().ToList();
        var owner = new JsonArray(new JsonObject
        {
            ["kind"] = "Site", ["apiVersion"] = "skupper.io/v2alpha1",
            ["name"] = site["metadata"]!["name"]!.DeepClone(), ["uid"] = site["metadata"]!["uid"]?.DeepClone(),
        });
        try
        {
            var secret = documents[0];
            ((JsonObject)secret["metadata"]!).Remove("creationTimestamp");
            secret["metadata"]!["ownerReferences"] = owner.DeepClone();
            _store.Create(_catalog.Secrets, ns, secret);
        }
        catch (ApiException e)
        {
            return $"Controller could not create received secret: {e.Message}";
        }
        foreach (var link in documents.Skip(1))
        {
            try
            {
                ((JsonObject)link["metadata"]!).Remove("creationTimestamp");
                link.Remove("status");
                link["metadata"]!["ownerReferences"] = owner.DeepClone();
                // Which site the link reaches: the real router learns it over the link; the sandbox reads it off the grant's namespace.
                var remote = uri.AbsolutePath.Trim('/').Split('/') is [_, var grantNs, _] && _store.List(_catalog.Sites!, grantNs, out _) is [var first, ..] ? first : null;
                link["metadata"]!["annotations"] = new JsonObject
                {
                    [RemoteSiteAnnotation] = remote?["metadata"]?["name"]?.GetValue<string>() ?? "",
                    [RemoteNamespaceAnnotation] = remote?["metadata"]?["namespace"]?.GetValue<string>() ?? "",
                };
                if ((token["spec"]?["linkCost"].AsLong() ?? 0) > 0) link["spec"]!["cost"] = token["spec"]!["linkCost"]!.DeepClone();
                _store.Create(_catalog.Links!, ns, link);
            }
            catch (ApiException e)
            {
                return $"Controller could not create received link: {e.Message}";
            }
        }
        return null;
    }

    /// <summary>Whether a token's CA bundle holds the server's CA certificate (whitespace aside).</summary>
    private static bool SameCertificates(string tokenCa, string serverCa)
    {
        static string Norm(string pem) => string.Concat(pem.Where(c => !char.IsWhiteSpace(c)));
        return Norm(tokenCa).Contains(Norm(serverCa), StringComparison.Ordinal);
    }

    /// <summary>
    /// A listener's or connector's status as Skupper's site controller gives it (internal/kube/site/binding_status.go,
    /// updateMatchingConnectorCount/updateMatchingListenerCount; pkg/apis/skupper/v2alpha1/types.go, SetHasMatchingConnector,
    /// setMatched, setReady): Configured once the site has applied it, Matched when a resource of the other kind with the
    /// same routing key is anywhere in the network (every site reachable over links, as the routers see it), Ready when
    /// both, else Pending with "No matching connectors" (or listeners). Nothing happens without a site in the namespace.
    /// </summary>
    private void ReconcileBinding(ResourceType type, string ns, string name)
    {
        if (_store.List(_catalog.Sites!, ns, out _).Count == 0) return;
        var isListener = type == _catalog.Listeners;
        var other = isListener ? _catalog.Connectors! : _catalog.Listeners!;
        var network = Network(ns);
        WriteStatus(type, ns, name, (binding, status) =>
        {
            var generation = binding["metadata"]?["generation"].AsLong() ?? 1;
            var key = binding["spec"]?["routingKey"]?.GetValue<string>();
            var matched = key != null && network.Any(n => _store.List(other, n, out _).Any(o => o["spec"]?["routingKey"]?.GetValue<string>() == key));
            var pending = isListener ? "No matching connectors" : "No matching listeners";
            Conditions.Set(status, "Configured", true, "Ready", "OK", generation);
            Conditions.Set(status, "Matched", matched, matched ? "Ready" : "Pending", matched ? "OK" : pending, generation);
            Conditions.Set(status, "Ready", matched, matched ? "Ready" : "Pending", matched ? "OK" : pending, generation);
            status[isListener ? "hasMatchingConnector" : "hasMatchingListener"] = matched;
            status["status"] = matched ? "Ready" : "Pending";
            status["message"] = matched ? "OK" : pending;
        });
    }

    /// <summary>The namespaces whose sites are joined to this one's by links, either way, however many hops: the router network.</summary>
    private HashSet<string> Network(string ns)
    {
        var edges = _store.List(_catalog.Links!, null, out _)
            .Select(l => (From: l["metadata"]!["namespace"]!.GetValue<string>(), To: l["metadata"]?["annotations"]?[RemoteNamespaceAnnotation]?.GetValue<string>()))
            .Where(e => !string.IsNullOrEmpty(e.To))
            .ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal) { ns };
        var queue = new Queue<string>([ns]);
        while (queue.TryDequeue(out var current))
            foreach (var next in edges.Where(e => e.From == current).Select(e => e.To!).Concat(edges.Where(e => e.To == current).Select(e => e.From)))
                if (seen.Add(next)) queue.Enqueue(next);
        return seen;
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
        await _resync;
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
