using k8s;
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
        _client = new(() => _api.Value.CreateKubernetesClient());
    }

    public string Namespace => _settings.Value.Namespace;
    public string? Context => _settings.Value.Context;
    public string Server => _settings.Value.Server.GetLeftPart(UriPartial.Authority);
    public ConnectionSettings Settings => _settings.Value;
    public ApiConnection Api => _api.Value;
    public IKubernetes Client => _client.Value;

    public IResourceClient<T> Resources<T>() where T : SkupperResource, ISkupperKind => new ResourceClient<T>(this);

    public async Task<k8s.Models.V1Secret?> GetSecretAsync(string name, CancellationToken cancellationToken) =>
        await GetObjectAsync("v1", "secrets", name, cancellationToken).ConfigureAwait(false) is { } secret
            ? KubernetesJson.Deserialize<k8s.Models.V1Secret>(secret.ToJsonString())
            : null;

    public async Task<System.Text.Json.Nodes.JsonObject?> GetObjectAsync(string apiVersion, string plural, string name, CancellationToken cancellationToken)
    {
        var root = apiVersion.Contains('/') ? "apis" : "api";
        try
        {
            using var doc = await Api.GetAsync($"/{root}/{apiVersion}/namespaces/{Uri.EscapeDataString(Namespace)}/{plural}/{Uri.EscapeDataString(name)}",
                cancellationToken).ConfigureAwait(false);
            return System.Text.Json.Nodes.JsonNode.Parse(doc.RootElement.GetRawText()) as System.Text.Json.Nodes.JsonObject;
        }
        catch (ApiStatusException e) when (ApiErrors.IsObjectNotFound(e))
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var group = apiVersion.Contains('/') ? "." + apiVersion[..apiVersion.IndexOf('/')] : "";
            throw ApiErrors.Translate(e, "get", plural + group, name, this);
        }
    }

    public async Task EnsureSkupperInstalledAsync(CancellationToken cancellationToken)
    {
        try
        {
            // One group's discovery document, not all of /apis: the answer is 404 when Skupper is absent.
            using var _ = await Api.GetAsync($"/apis/{SkupperResource.Group}/{SkupperResource.Version}", cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw ApiErrors.NotInstalled(this);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, "get", "API group " + SkupperResource.Group, null, this);
        }
    }

    public void Dispose()
    {
        if (_client.IsValueCreated) _client.Value.Dispose();
        if (_api.IsValueCreated) _api.Value.Dispose();
    }
}
