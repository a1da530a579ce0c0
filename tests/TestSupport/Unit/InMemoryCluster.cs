using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.TestSupport.Unit;

/// <summary>
/// A cluster for unit tests: one namespace's objects in memory, as JSON, keyed by plural and name. It does what a
/// command's own logic relies on (create refuses a name in use, generateName gets a suffix, a merge patch merges, a
/// delete of nothing says so) and no more: no watch, no admission, no controller unless a test gives one
/// (<see cref="OnCreate"/>). The API server's own behaviour is for the end-to-end tests against the sandbox.
/// </summary>
public sealed class InMemoryCluster(string @namespace) : IClusterAccess
{
    private readonly Dictionary<(string Plural, string Name), JsonObject> _objects = [];
    private int _generated;

    public string Namespace => @namespace;
    public string? Context => "unit";
    public IKubernetes Client => throw new NotSupportedException("unit tests have no KubernetesClient");

    /// <summary>Runs after each create, with the plural and the stored object: a test's stand-in for a controller.</summary>
    public Action<string, JsonObject>? OnCreate { get; set; }

    /// <summary>Every object of a kind, as stored.</summary>
    public IReadOnlyList<JsonObject> Objects(string plural) =>
        _objects.Where(p => p.Key.Plural == plural).OrderBy(p => p.Key.Name, StringComparer.Ordinal).Select(p => p.Value).ToList();

    public JsonObject? Object(string plural, string name) => _objects.GetValueOrDefault((plural, name));

    /// <summary>Puts an object as a test sets the scene (no checks, no hook).</summary>
    public void Put(string plural, JsonObject obj) => _objects[(plural, NameOf(obj))] = obj;

    public IResourceClient<T> Resources<T>() where T : SkupperResource, ISkupperKind => new ResourceStore<T>(this, T.Plural, T.KindName);

    public IResourceClient<T> Resources<T>(ResourceKind<T> kind) where T : class, IKubernetesObject<V1ObjectMeta> =>
        new ResourceStore<T>(this, kind.Plural, kind.Kind);

    public Task<V1Secret?> GetSecretAsync(string name, CancellationToken cancellationToken) =>
        Resources(ResourceKinds.Secret).GetAsync(name, cancellationToken);

    public Task<JsonObject?> GetObjectAsync(string apiVersion, string plural, string name, CancellationToken cancellationToken) =>
        Task.FromResult(Object(plural, name)?.DeepClone().AsObject());

    public Task<IReadOnlyList<JsonObject>?> ListObjectsAsync(string apiVersion, string plural, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JsonObject>?>(Objects(plural).Select(o => o.DeepClone().AsObject()).ToList());

    public Task<bool> DeleteObjectAsync(string apiVersion, string plural, string name, CancellationToken cancellationToken) =>
        Task.FromResult(_objects.Remove((plural, name)));

    public Task EnsureSkupperInstalledAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string NameOf(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>()
        ?? throw new ArgumentException("the object has no metadata.name");

    private JsonObject Store(string plural, string kind, JsonObject obj, bool create)
    {
        var metadata = obj["metadata"] as JsonObject ?? throw new SkupperException($"the {kind} has no metadata");
        if (create && metadata["name"] is null && metadata["generateName"]?.GetValue<string>() is { } prefix)
            metadata["name"] = $"{prefix}{++_generated:x5}";
        var name = NameOf(obj);
        var exists = _objects.ContainsKey((plural, name));
        if (create && exists) throw new SkupperException($"{plural} \"{name}\" already exists in namespace \"{@namespace}\"");
        if (!create && !exists) throw new SkupperException($"{plural} \"{name}\" not found in namespace \"{@namespace}\"");
        metadata["namespace"] = @namespace;
        _objects[(plural, name)] = obj;
        if (create) OnCreate?.Invoke(plural, obj);
        return obj;
    }

    /// <summary>RFC 7386: objects merge, null removes, anything else replaces.</summary>
    private static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null) target.Remove(key);
            else if (value is JsonObject inner && target[key] is JsonObject existing) MergePatch(existing, inner);
            else target[key] = value.DeepClone();
        }
    }

    private sealed class ResourceStore<T>(InMemoryCluster cluster, string plural, string kind) : IResourceClient<T>
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        public Task<T?> GetAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(cluster.Object(plural, name) is { } o ? Read(o) : null);

        public Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<T>>(cluster.Objects(plural).Select(Read).ToList());

        public Task<T> CreateAsync(T resource, CancellationToken cancellationToken) =>
            Task.FromResult(Read(cluster.Store(plural, kind, Json(resource), create: true)));

        public Task<T> UpdateAsync(T resource, CancellationToken cancellationToken) =>
            Task.FromResult(Read(cluster.Store(plural, kind, Json(resource), create: false)));

        public Task<T> PatchAsync(string name, object mergePatch, CancellationToken cancellationToken)
        {
            var target = cluster.Object(plural, name)?.DeepClone().AsObject()
                ?? throw new SkupperException($"{plural} \"{name}\" not found in namespace \"{cluster.Namespace}\"");
            MergePatch(target, Json(mergePatch));
            return Task.FromResult(Read(cluster.Store(plural, kind, target, create: false)));
        }

        public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(cluster._objects.Remove((plural, name)));

        private static JsonObject Json(object value) => JsonNode.Parse(ModelJson.Write(value))!.AsObject();

        private static T Read(JsonObject obj)
        {
            using var doc = JsonDocument.Parse(obj.ToJsonString());
            return ModelJson.Read<T>(doc.RootElement);
        }
    }
}
