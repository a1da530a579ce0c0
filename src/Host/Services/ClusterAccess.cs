using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Skupper.Cli.Host.Services.Connection;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Host.Services;

/// <summary>
/// Owns kubeconfig, context, namespace and the connection for every command, as kubectl's
/// cli-runtime config flags do: settings resolved once (<see cref="ConnectionResolver"/>), one
/// <see cref="ApiConnection"/> for every request of the host, and the same identity and transport
/// behind the <see cref="IKubernetes"/> plugins get. Nothing is read until a command first asks.
/// </summary>
public sealed class ClusterAccess : IClusterAccess, IDisposable
{
    private readonly Lazy<ConnectionSettings> _settings;
    private readonly Lazy<ApiConnection> _api;
    private readonly Lazy<IKubernetes> _client;

    public ClusterAccess(HostEnvironment env, ConnectionFlags flags, ConnectionWarmup? warmup = null)
    {
        _settings = new(() => warmup?.SettingsFor(flags) ?? new ConnectionResolver(env, flags).Resolve());
        _api = new(() => new ApiConnection(_settings.Value, env, warmup));
        _client = new(CreateClient);
    }

    public string Namespace => _settings.Value.Namespace;
    public string? Context => _settings.Value.Context;
    public string Server => UrlText.Authority(_settings.Value.Server);
    public ConnectionSettings Settings => _settings.Value;
    public ApiConnection Api => _api.Value;
    public IKubernetes Client => _client.Value;

    public IResourceClient<T> Resources<T>() where T : SkupperResource, ISkupperKind =>
        new ResourceClient<T>(this, ResourceKinds.Skupper<T>());

    public IResourceClient<T> Resources<T>(ResourceKind<T> kind) where T : class, IKubernetesObject<V1ObjectMeta> =>
        new ResourceClient<T>(this, kind ?? throw new ArgumentNullException(nameof(kind)));

    public async Task<V1Secret?> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        using var doc = await GetDocumentAsync("v1", "secrets", name, cancellationToken).ConfigureAwait(false);
        return doc is null ? null : ModelJson.Read<V1Secret>(doc.RootElement);
    }

    public async Task<JsonObject?> GetObjectAsync(string apiVersion, string plural, string name, CancellationToken cancellationToken)
    {
        using var doc = await GetDocumentAsync(apiVersion, plural, name, cancellationToken).ConfigureAwait(false);
        return doc is null ? null : JsonNode.Parse(doc.RootElement.GetRawText()) as JsonObject;
    }

    private async Task<JsonDocument?> GetDocumentAsync(string apiVersion, string plural, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await Api.GetAsync(ObjectPath(apiVersion, plural, name), cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (ApiErrors.IsObjectNotFound(e))
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw await FailureAsync(e, "get", apiVersion, plural, name, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<JsonObject>?> ListObjectsAsync(string apiVersion, string plural, CancellationToken cancellationToken)
    {
        try
        {
            using var doc = await Api.GetAsync(ObjectPath(apiVersion, plural), cancellationToken).ConfigureAwait(false);
            return doc.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
                ? items.EnumerateArray().Select(i => JsonNode.Parse(i.GetRawText())).OfType<JsonObject>().ToList()
                : [];
        }
        // A path the server does not serve answers 404 with no object named in its Status (or no Status at all).
        catch (ApiStatusException e) when (e.StatusCode == HttpStatusCode.NotFound && e.Status.Kind is null)
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw await FailureAsync(e, "list", apiVersion, plural, null, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> DeleteObjectAsync(string apiVersion, string plural, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var _ = await Api.SendAsync(HttpMethod.Delete, ObjectPath(apiVersion, plural, name), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        // Whichever 404 it is (the object, its namespace, the resource itself), nothing of it is left to delete.
        catch (ApiStatusException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw await FailureAsync(e, "delete", apiVersion, plural, name, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<string?> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
            throw new ArgumentException($"\"{path}\" is not a path of the API server: it must start with /", nameof(path));
        try
        {
            return await Api.GetTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, "get", Printable.Escape(path), null, this);
        }
    }

    private string ObjectPath(string apiVersion, string plural, string? name = null) =>
        $"/{(apiVersion.Contains('/') ? "apis" : "api")}/{apiVersion}/namespaces/{Uri.EscapeDataString(Namespace)}/{plural}" +
        (name is null ? "" : "/" + Uri.EscapeDataString(name));

    /// <summary>The resource as errors name it: <c>services</c>, <c>deployments.apps</c>, <c>connectors.skupper.io</c>.</summary>
    private static string ResourceName(string apiVersion, string plural) =>
        apiVersion.Contains('/') ? $"{plural}.{Group(apiVersion)}" : plural;

    private static string Group(string apiVersion) => apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";

    private Task<SkupperException> FailureAsync(Exception e, string verb, string apiVersion, string plural, string? name,
        CancellationToken cancellationToken) =>
        ApiErrors.TranslateAsync(e, verb, Group(apiVersion), ResourceName(apiVersion, plural), name, this, cancellationToken);

    public async Task EnsureSkupperInstalledAsync(CancellationToken cancellationToken)
    {
        if (!await ServesSkupperAsync(cancellationToken).ConfigureAwait(false)) throw ApiErrors.NotInstalled(this);
    }

    /// <summary>Whether the cluster serves the skupper.io API; any failure but its absence is thrown.</summary>
    internal async Task<bool> ServesSkupperAsync(CancellationToken cancellationToken)
    {
        try
        {
            // One group's discovery document, not all of /apis: the answer is 404 when Skupper is absent.
            using var _ = await Api.GetAsync($"/apis/{SkupperResource.Group}/{SkupperResource.Version}", cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (ApiStatusException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, "get", "API group " + SkupperResource.Group, null, this);
        }
    }

    private IKubernetes CreateClient() =>
#if NATIVE
        // The native executable runs the bundled commands only, which send through Api. Constructing KubernetesClient
        // here would compile its reflection-based serializer into the image; third-party plugins run in the managed host.
        throw new SkupperException("the KubernetesClient API is available to third-party plugins only (run through the managed host)");
#else
        Api.CreateKubernetesClient();
#endif

    public void Dispose()
    {
        if (_client.IsValueCreated) _client.Value.Dispose();
        if (_api.IsValueCreated) _api.Value.Dispose();
    }
}
