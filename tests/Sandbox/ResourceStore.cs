using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace Skupper.Sandbox;

/// <summary>One change, as a watch delivers it. <see cref="Previous"/> lets selector-filtered watches turn
/// "stopped matching" into DELETED and "started matching" into ADDED, as the API server does.</summary>
public sealed record WatchEvent(string Type, ResourceType Resource, JsonObject Object, JsonObject? Previous, long ResourceVersion);

/// <summary>A live feed of store events for one resource type (or all, for the controller). Dispose to stop.</summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Action<WatchSubscription> _unsubscribe;

    internal WatchSubscription(ResourceType? type, string? ns, Action<WatchSubscription> unsubscribe)
    {
        Type = type;
        Namespace = ns;
        _unsubscribe = unsubscribe;
    }

    internal ResourceType? Type { get; }
    internal string? Namespace { get; }
    internal Channel<WatchEvent> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<WatchEvent> Events => Channel.Reader;

    internal bool Wants(WatchEvent e) =>
        (Type == null || Type == e.Resource) &&
        (Namespace == null || Namespace == e.Object["metadata"]?["namespace"]?.GetValue<string>());

    public void Dispose()
    {
        _unsubscribe(this);
        Channel.Writer.TryComplete();
    }
}

/// <summary>
/// All objects, kept as JSON, with the API server's write semantics: one global resourceVersion
/// counter, uid/generation/creationTimestamp, optimistic concurrency, the status subresource split,
/// a bounded event history for watch resumption, and fan-out to watchers. One lock keeps it simple;
/// the sandbox never holds more than a few hundred objects.
/// </summary>
public sealed partial class ResourceStore
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private readonly object _gate = new();
    private readonly ApiCatalog _catalog;
    private readonly Dictionary<ResourceType, SortedDictionary<string, JsonObject>> _objects = [];
    private readonly Queue<WatchEvent> _history = new();
    private readonly List<WatchSubscription> _subscriptions = [];
    private readonly int _historySize;
    private long _resourceVersion = 1;
    private long _compactedVersion;

    public ResourceStore(ApiCatalog catalog, int historySize)
    {
        _catalog = catalog;
        _historySize = Math.Max(1, historySize);
        foreach (var t in catalog.All) _objects[t] = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
    }

    /// <summary>The newest resourceVersion handed out.</summary>
    public long ResourceVersion { get { lock (_gate) return _resourceVersion; } }

    /// <summary>Watches from a resourceVersion older than this get 410 Gone.</summary>
    public long OldestWatchableVersion { get { lock (_gate) return _compactedVersion; } }

    private static string Key(string? ns, string name) => $"{ns}/{name}";

    public JsonObject? Get(ResourceType type, string? ns, string name)
    {
        lock (_gate)
            return _objects[type].TryGetValue(Key(type.Namespaced ? ns : null, name), out var o) ? (JsonObject)o.DeepClone() : null;
    }

    public IReadOnlyList<JsonObject> List(ResourceType type, string? ns, out long resourceVersion)
    {
        lock (_gate)
        {
            resourceVersion = _resourceVersion;
            return _objects[type].Values
                .Where(o => ns == null || Namespace(o) == ns)
                .Select(o => (JsonObject)o.DeepClone())
                .ToList();
        }
    }

    /// <summary>POST semantics: validation, generateName, namespace must exist, status dropped for CRs.</summary>
    public JsonObject Create(ResourceType type, string? ns, JsonObject obj)
    {
        obj = (JsonObject)obj.DeepClone();
        CheckKind(type, obj);
        var meta = Metadata(obj);
        if (type.Namespaced)
        {
            var bodyNs = meta["namespace"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            meta["namespace"] = ns;
        }
        else meta.Remove("namespace");
        if (type.IsCustom && type.HasStatusSubresource) obj.Remove("status");
        if (type == _catalog.Namespaces) obj["status"] = new JsonObject { ["phase"] = "Active" };
        NormalizeSecret(type, obj);

        lock (_gate)
        {
            if (type.Namespaced && !_objects[_catalog.Namespaces].ContainsKey(Key(null, ns!)))
                throw ApiException.NamespaceNotFound(ns!);
            var name = meta["name"]?.GetValue<string>();
            if (string.IsNullOrEmpty(name))
            {
                var generate = meta["generateName"]?.GetValue<string>();
                if (string.IsNullOrEmpty(generate))
                    throw ApiException.Invalid(type, "", "metadata.name", "FieldValueRequired", "Required value: name or generateName is required");
                if (generate.Length > 58) generate = generate[..58];
                do name = generate + RandomSuffix();
                while (_objects[type].ContainsKey(Key(ns, name)));
                meta["name"] = name;
            }
            ValidateName(type, name);
            PrepareBuiltIn(type, name, obj, null);
            var key = Key(type.Namespaced ? ns : null, name);
            if (_objects[type].ContainsKey(key)) throw ApiException.AlreadyExists(type, name);
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = Now();
            if (type.IsCustom) meta["generation"] = 1;
            meta.Remove("resourceVersion");
            return Commit(type, key, obj, null);
        }
    }

    /// <summary>
    /// PUT/PATCH semantics. <paramref name="change"/> gets the current object and returns the desired one;
    /// it runs under the lock so a patch is applied to the latest version, as the API server retries it.
    /// On the main resource status changes are ignored; on the status subresource everything but status is.
    /// </summary>
    public JsonObject Update(ResourceType type, string? ns, string name, Func<JsonObject, JsonObject> change, bool statusSubresource, bool isPatch)
    {
        lock (_gate)
        {
            var key = Key(type.Namespaced ? ns : null, name);
            if (!_objects[type].TryGetValue(key, out var current)) throw ApiException.NotFound(type, name);
            var desired = (JsonObject)change((JsonObject)current.DeepClone()).DeepClone();
            CheckKind(type, desired);
            var meta = Metadata(desired);
            var bodyName = meta["name"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
                throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            var bodyNs = meta["namespace"]?.GetValue<string>();
            if (type.Namespaced && !string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            var rv = meta["resourceVersion"]?.GetValue<string>();
            var currentRv = current["metadata"]!["resourceVersion"]!.GetValue<string>();
            if (string.IsNullOrEmpty(rv))
            {
                // Custom resources refuse unconditional updates; patches are always applied to the latest.
                if (type.IsCustom && !isPatch)
                    throw ApiException.Invalid(type, name, "metadata.resourceVersion", "FieldValueInvalid", "Invalid value: 0x0: must be specified for an update");
            }
            else if (rv != currentRv) throw ApiException.Conflict(type, name);

            JsonObject result;
            if (statusSubresource)
            {
                result = (JsonObject)current.DeepClone();
                if (desired["status"] is { } status) result["status"] = status.DeepClone();
                else result.Remove("status");
            }
            else
            {
                result = desired;
                if (type.HasStatusSubresource)
                {
                    if (current["status"] is { } status) result["status"] = status.DeepClone();
                    else result.Remove("status");
                }
                var m = Metadata(result);
                var cm = current["metadata"]!.AsObject();
                // The server owns these: rest.BeforeUpdate (apiserver pkg/registry/rest/update.go) resets them from the old
                // object, deletionTimestamp and deletionGracePeriodSeconds included.
                foreach (var f in new[] { "name", "namespace", "uid", "creationTimestamp", "generation", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds" })
                {
                    if (cm[f] is { } v) m[f] = v.DeepClone();
                    else m.Remove(f);
                }
                // apimachinery pkg/api/validation/objectmeta.go, ValidateObjectMetaAccessorUpdate / ValidateNoNewFinalizers.
                if (cm["deletionTimestamp"] != null)
                {
                    var added = Finalizers(result).Except(Finalizers(current)).ToList();
                    if (added.Count > 0)
                        throw ApiException.Invalid(type, name, "metadata.finalizers", "FieldValueForbidden",
                            $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(f => $"\"{f}\""))}}}");
                }
                NormalizeSecret(type, result);
                PrepareBuiltIn(type, name, result, current);
                if (type.IsCustom && !JsonNode.DeepEquals(Spec(current), Spec(result)))
                    m["generation"] = (cm["generation"].AsLong() ?? 0) + 1;
            }
            // A write that changes nothing neither bumps resourceVersion nor notifies watchers.
            if (JsonNode.DeepEquals(result, current)) return (JsonObject)current.DeepClone();
            // The update that clears the last finalizer of an object being deleted deletes it (apiserver
            // pkg/registry/generic/registry/store.go, Update: ShouldDeleteDuringUpdate, for an object whose
            // deletionGracePeriodSeconds is 0), so watchers see MODIFIED... then DELETED.
            if (Metadata(result)["deletionTimestamp"] != null && !Finalizers(result).Any())
            {
                Commit(type, key, result, current);
                return Remove(type, key);
            }
            return Commit(type, key, result, current);
        }
    }

    /// <summary>DELETE; preconditions as in DeleteOptions. Deleting a namespace deletes what is in it.</summary>
    public JsonObject Delete(ResourceType type, string? ns, string name, string? expectedResourceVersion = null, string? expectedUid = null)
    {
        lock (_gate)
        {
            var key = Key(type.Namespaced ? ns : null, name);
            if (!_objects[type].TryGetValue(key, out var current)) throw ApiException.NotFound(type, name);
            var meta = current["metadata"]!;
            if (expectedUid != null && meta["uid"]?.GetValue<string>() != expectedUid)
                throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": Precondition failed: UID in precondition: {expectedUid}, UID in object meta: {meta["uid"]}", type.Details(name));
            if (expectedResourceVersion != null && meta["resourceVersion"]?.GetValue<string>() != expectedResourceVersion)
                throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": Precondition failed: ResourceVersion in precondition: {expectedResourceVersion}, ResourceVersion in object meta: {meta["resourceVersion"]}", type.Details(name));
            if (type == _catalog.Namespaces)
            {
                foreach (var (t, objects) in _objects)
                {
                    if (!t.Namespaced) continue;
                    foreach (var k in objects.Keys.Where(k => k.StartsWith(name + "/", StringComparison.Ordinal)).ToList())
                        Remove(t, k);
                }
            }
            if (Finalizers(current).Any())
            {
                // Graceful deletion as kube-apiserver does it (apiserver pkg/registry/generic/registry/store.go, Delete →
                // updateForGracefulDeletionAndFinalizers): an object with finalizers is not removed but marked, once:
                // deletionTimestamp now, deletionGracePeriodSeconds 0, generation + 1; a second DELETE changes nothing.
                // It is removed by the update that clears its last finalizer (see Update). The answer is 200 with the
                // object (apiserver pkg/endpoints/handlers/delete.go: 202 only when orphanDependents=false is asked).
                if (meta["deletionTimestamp"] != null) return (JsonObject)current.DeepClone();
                var marked = (JsonObject)current.DeepClone();
                var m = Metadata(marked);
                m["deletionTimestamp"] = Now();
                m["deletionGracePeriodSeconds"] = 0;
                if (m["generation"].AsLong() is { } g and > 0) m["generation"] = g + 1;
                return Commit(type, key, marked, current);
            }
            return Remove(type, key);
        }
    }

    /// <summary>metadata.finalizers of <paramref name="obj"/>.</summary>
    public static IEnumerable<string> Finalizers(JsonObject obj) =>
        (obj["metadata"]?["finalizers"] as JsonArray)?.Select(f => f?.GetValue<string>()).OfType<string>() ?? [];

    /// <summary>
    /// Test back door: create or replace an object exactly as given (status included, no validation
    /// beyond a name), keeping uid and creationTimestamp of an existing object. Watchers see it.
    /// </summary>
    public JsonObject Put(ResourceType type, string? ns, JsonObject obj)
    {
        obj = (JsonObject)obj.DeepClone();
        obj["apiVersion"] = type.GroupVersion;
        obj["kind"] = type.Kind;
        var meta = Metadata(obj);
        var name = meta["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("metadata.name is required");
        if (type.Namespaced) meta["namespace"] = ns ?? throw new ArgumentException("namespace is required");
        lock (_gate)
        {
            if (type.Namespaced && !_objects[_catalog.Namespaces].ContainsKey(Key(null, ns!)))
                throw ApiException.NamespaceNotFound(ns!);
            var key = Key(type.Namespaced ? ns : null, name);
            _objects[type].TryGetValue(key, out var current);
            var cm = current?["metadata"];
            meta["uid"] = cm?["uid"]?.DeepClone() ?? Guid.NewGuid().ToString();
            meta["creationTimestamp"] = cm?["creationTimestamp"]?.DeepClone() ?? Now();
            if (type.IsCustom)
            {
                var generation = cm?["generation"].AsLong() ?? 0;
                meta["generation"] = current == null ? 1 : JsonNode.DeepEquals(Spec(current), Spec(obj)) ? generation : generation + 1;
            }
            return Commit(type, key, obj, current);
        }
    }

    /// <summary>
    /// Starts a feed. <paramref name="fromVersion"/> null: ADDED for every current object first, then live
    /// events. A version: the retained events after it, then live; 410 Gone when those were discarded.
    /// </summary>
    public WatchSubscription Subscribe(ResourceType? type, string? ns, long? fromVersion)
    {
        lock (_gate)
        {
            var sub = new WatchSubscription(type, ns, Unsubscribe);
            if (fromVersion is { } from)
            {
                if (from < _compactedVersion)
                    throw new ApiException(410, "Expired", $"too old resource version: {from} ({_compactedVersion + 1})");
                foreach (var e in _history)
                    if (e.ResourceVersion > from && sub.Wants(e)) sub.Channel.Writer.TryWrite(e);
            }
            else
            {
                foreach (var (t, objects) in _objects)
                {
                    if (type != null && t != type) continue;
                    foreach (var o in objects.Values)
                    {
                        var e = new WatchEvent("ADDED", t, (JsonObject)o.DeepClone(), null, long.Parse(o["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture));
                        if (sub.Wants(e)) sub.Channel.Writer.TryWrite(e);
                    }
                }
            }
            _subscriptions.Add(sub);
            return sub;
        }
    }

    private void Unsubscribe(WatchSubscription sub)
    {
        lock (_gate) _subscriptions.Remove(sub);
    }

    // Caller holds the lock.
    private JsonObject Commit(ResourceType type, string key, JsonObject obj, JsonObject? previous)
    {
        var rv = ++_resourceVersion;
        Metadata(obj)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        // Re-parse so every stored number reads as any numeric type (nodes built in code are typed, e.g. Int32).
        obj = JsonNode.Parse(obj.ToJsonString())!.AsObject();
        _objects[type][key] = obj;
        Publish(new WatchEvent(previous == null ? "ADDED" : "MODIFIED", type, (JsonObject)obj.DeepClone(), (JsonObject?)previous?.DeepClone(), rv));
        return (JsonObject)obj.DeepClone();
    }

    // Caller holds the lock. The DELETED event carries the deletion's resourceVersion, as in Kubernetes.
    private JsonObject Remove(ResourceType type, string key)
    {
        var obj = _objects[type][key];
        _objects[type].Remove(key);
        var rv = ++_resourceVersion;
        var deleted = (JsonObject)obj.DeepClone();
        Metadata(deleted)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        Publish(new WatchEvent("DELETED", type, (JsonObject)deleted.DeepClone(), null, rv));
        return obj;
    }

    private void Publish(WatchEvent e)
    {
        _history.Enqueue(e);
        while (_history.Count > _historySize) _compactedVersion = _history.Dequeue().ResourceVersion;
        foreach (var sub in _subscriptions)
            if (sub.Wants(e)) sub.Channel.Writer.TryWrite(e);
    }

    private static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m) return m;
        var meta = new JsonObject();
        obj["metadata"] = meta;
        return meta;
    }

    private static string? Namespace(JsonObject o) => o["metadata"]?["namespace"]?.GetValue<string>();

    // Everything that is neither metadata nor status: a change here bumps generation.
    private static JsonObject Spec(JsonObject o)
    {
        var copy = new JsonObject();
        foreach (var (k, v) in o)
            if (k is not ("metadata" or "status")) copy[k] = v?.DeepClone();
        return copy;
    }

    private static void CheckKind(ResourceType type, JsonObject obj)
    {
        var kind = obj["kind"]?.GetValue<string>();
        var apiVersion = obj["apiVersion"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
            throw ApiException.BadRequest($"the object provided is unrecognized (must be of type {type.Kind}): kind {kind} does not match {type.Kind}");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.GroupVersion)
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.GroupVersion})");
        obj["kind"] = type.Kind;
        obj["apiVersion"] = type.GroupVersion;
    }

    private void NormalizeSecret(ResourceType type, JsonObject obj)
    {
        if (type != _catalog.Secrets) return;
        obj["type"] ??= "Opaque";
        if (obj["stringData"] is JsonObject stringData)
        {
            var data = obj["data"] as JsonObject ?? new JsonObject();
            foreach (var (k, v) in stringData)
                data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(v?.GetValue<string>() ?? ""));
            obj["data"] = data;
            obj.Remove("stringData");
        }
    }

    private void ValidateName(ResourceType type, string name)
    {
        if (type == _catalog.Namespaces)
        {
            if (name.Length > 63)
                throw ApiException.Invalid(type, name, "metadata.name", "FieldValueInvalid", $"Invalid value: \"{name}\": must be no more than 63 characters");
            if (!Dns1123Label().IsMatch(name))
                throw ApiException.Invalid(type, name, "metadata.name", "FieldValueInvalid",
                    $"Invalid value: \"{name}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
            return;
        }
        if (name.Length > 253)
            throw ApiException.Invalid(type, name, "metadata.name", "FieldValueInvalid", $"Invalid value: \"{name}\": must be no more than 253 characters");
        if (!Dns1123Subdomain().IsMatch(name))
            throw ApiException.Invalid(type, name, "metadata.name", "FieldValueInvalid",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    private static string RandomSuffix() =>
        string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = NameAlphabet[RandomNumberGenerator.GetInt32(NameAlphabet.Length)];
        });

    /// <summary>RFC 3339 with second precision, as Kubernetes writes metav1.Time.</summary>
    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
