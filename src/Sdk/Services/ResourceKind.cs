using k8s;
using k8s.Models;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Cli.Sdk.Services;

/// <summary>
/// One kind of Kubernetes resource, as <see cref="IClusterAccess.Resources{T}(ResourceKind{T})"/> and
/// <see cref="IReadyWaiter.WaitAsync{T}(ResourceKind{T}, string, string, Func{T, WaitCheck}, TimeSpan, CancellationToken)"/>
/// address it: its API version, its kind, its resource (plural) name, and the class its objects are read into.
/// <see cref="ResourceKinds"/> has the core and apps kinds (<c>ResourceKinds.ConfigMap</c>) and the Skupper ones; make
/// your own for any other kind, a custom resource of yours included.
/// </summary>
/// <typeparam name="T">
/// The class an object is read into and written from: a KubernetesClient model (<c>k8s.Models.V1Job</c>), or a class
/// of yours shaped as they are (a public parameterless constructor; public read-write properties named in the JSON by
/// <c>[JsonPropertyName]</c>; the object's <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>). Properties the class
/// lacks are not kept: an update writes back only what the class holds.
/// </typeparam>
public sealed class ResourceKind<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <param name="apiVersion">As the kind's manifests write it: <c>v1</c>, <c>apps/v1</c>, <c>example.com/v1alpha1</c>.</param>
    /// <param name="kind">The kind: <c>ConfigMap</c>, <c>Deployment</c>.</param>
    /// <param name="plural">The resource, as in the API's paths and in <c>kubectl get</c>: <c>configmaps</c>, <c>deployments</c>.</param>
    /// <exception cref="ArgumentException">A part is empty, or <paramref name="apiVersion"/> has more than one <c>/</c>.</exception>
    public ResourceKind(string apiVersion, string kind, string plural)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiVersion);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(plural);
        var parts = apiVersion.Split('/');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0))
            throw new ArgumentException($"\"{apiVersion}\" is not an API version: it must be VERSION (v1) or GROUP/VERSION (apps/v1)",
                nameof(apiVersion));
        ApiVersion = apiVersion;
        Group = parts.Length == 2 ? parts[0] : "";
        Version = parts[^1];
        Kind = kind;
        Plural = plural;
    }

    /// <summary><c>v1</c>, <c>apps/v1</c>: what an object's <c>apiVersion</c> says.</summary>
    public string ApiVersion { get; }

    /// <summary>The API group: empty for the core group (ConfigMap, Secret, Service), <c>apps</c> for Deployment.</summary>
    public string Group { get; }

    /// <summary>The version within the group: <c>v1</c>.</summary>
    public string Version { get; }

    /// <summary>The kind, as an object's <c>kind</c> says and errors name it: <c>ConfigMap</c>.</summary>
    public string Kind { get; }

    /// <summary>The resource name in the API's paths: <c>configmaps</c>.</summary>
    public string Plural { get; }

    /// <summary>
    /// The resource as the API server names it in its messages and <c>kubectl</c> accepts it, unambiguous across
    /// groups: <c>configmaps</c>, <c>deployments.apps</c>, <c>sites.skupper.io</c>.
    /// </summary>
    public string Resource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The kind as <c>kubectl get</c> takes it, for hints: <c>configmap</c>, <c>deployment.apps</c>.</summary>
    public string KubectlName => Group.Length == 0 ? Kind.ToLowerInvariant() : $"{Kind.ToLowerInvariant()}.{Group}";

    public override string ToString() => Resource;
}

/// <summary>
/// The kinds a plugin most often needs beside Skupper's, ready to pass to
/// <see cref="IClusterAccess.Resources{T}(ResourceKind{T})"/>: <c>context.Cluster.Resources(ResourceKinds.ConfigMap)</c>.
/// The models are KubernetesClient's (<c>k8s.Models</c>). Added in SDK 2.1.
/// </summary>
public static class ResourceKinds
{
    /// <summary>Core <c>v1</c> ConfigMap.</summary>
    public static ResourceKind<V1ConfigMap> ConfigMap { get; } = new("v1", "ConfigMap", "configmaps");

    /// <summary>Core <c>v1</c> Secret. Its <c>data</c> reads as bytes (the API's base64 decoded).</summary>
    public static ResourceKind<V1Secret> Secret { get; } = new("v1", "Secret", "secrets");

    /// <summary>Core <c>v1</c> Service.</summary>
    public static ResourceKind<V1Service> Service { get; } = new("v1", "Service", "services");

    /// <summary><c>apps/v1</c> Deployment.</summary>
    public static ResourceKind<V1Deployment> Deployment { get; } = new("apps/v1", "Deployment", "deployments");

    /// <summary>
    /// A Skupper kind (<c>skupper.io/v2alpha1</c>), for the members that take a <see cref="ResourceKind{T}"/>:
    /// <c>ResourceKinds.Skupper&lt;Site&gt;()</c>.
    /// </summary>
    public static ResourceKind<T> Skupper<T>() where T : SkupperResource, ISkupperKind =>
        new(SkupperResource.GroupVersion, T.KindName, T.Plural);
}
