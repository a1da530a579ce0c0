using k8s;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Cli.Sdk.Services;

/// <summary>
/// The one object that owns kubeconfig, context and namespace for every command
/// (as kubectl's cli-runtime config flags do).
/// </summary>
public interface IClusterAccess
{
    /// <summary><c>-n</c>, else the context's namespace, else <c>default</c>.</summary>
    string Namespace { get; }

    /// <summary>The kubeconfig context in use.</summary>
    string? Context { get; }

    /// <summary>
    /// The raw client, for anything the typed helpers below do not cover. Only a third-party plugin may use it: the
    /// host's native executable, which runs the bundled commands, has no KubernetesClient and throws here.
    /// </summary>
    IKubernetes Client { get; }

    /// <summary>Typed access to one Skupper kind; errors come back as <see cref="SkupperException"/> with plain wording.</summary>
    IResourceClient<T> Resources<T>() where T : SkupperResource, ISkupperKind;

    /// <summary>
    /// A Secret in <see cref="Namespace"/>, or null when there is none: the TLS credentials a command names
    /// (<c>--tls-credentials</c>, checked before anything changes, as the Go CLI does) or prints (<c>link generate</c>).
    /// </summary>
    Task<k8s.Models.V1Secret?> GetSecretAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Any object of <see cref="Namespace"/> as JSON, or null when there is none: <paramref name="apiVersion"/> as in
    /// its manifests (<c>v1</c>, <c>apps/v1</c>), <paramref name="plural"/> its resource (<c>services</c>, <c>deployments</c>).
    /// </summary>
    Task<System.Text.Json.Nodes.JsonObject?> GetObjectAsync(string apiVersion, string plural, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Every object of one resource in <see cref="Namespace"/> as JSON (the list's items), <paramref name="apiVersion"/> and
    /// <paramref name="plural"/> as for <see cref="GetObjectAsync"/>; null when the cluster does not serve that resource
    /// (a kind that its Skupper, or its Kubernetes, predates). Added in SDK 2.0.
    /// </summary>
    Task<IReadOnlyList<System.Text.Json.Nodes.JsonObject>?> ListObjectsAsync(string apiVersion, string plural, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes an object of <see cref="Namespace"/>, <paramref name="apiVersion"/> and <paramref name="plural"/> as for
    /// <see cref="GetObjectAsync"/>; false when there was nothing to delete (no such object, or the cluster does not
    /// serve that resource). Added in SDK 2.0.
    /// </summary>
    Task<bool> DeleteObjectAsync(string apiVersion, string plural, string name, CancellationToken cancellationToken);

    /// <summary>Throws a clear error when the skupper.io API is absent from the cluster.</summary>
    Task EnsureSkupperInstalledAsync(CancellationToken cancellationToken);
}

/// <summary>
/// CRUD on one Skupper kind in <see cref="IClusterAccess.Namespace"/>, the namespace the command works in;
/// a command has no reason to reach into another, so the namespace is not a parameter.
/// </summary>
public interface IResourceClient<T> where T : SkupperResource, ISkupperKind
{
    /// <summary>The resource, or null when it does not exist.</summary>
    Task<T?> GetAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Creates it; set <c>metadata.generateName</c> instead of a name to let the server pick a suffix.</summary>
    Task<T> CreateAsync(T resource, CancellationToken cancellationToken);

    Task<T> UpdateAsync(T resource, CancellationToken cancellationToken);

    /// <summary>Applies a JSON merge patch (RFC 7386).</summary>
    Task<T> PatchAsync(string name, object mergePatch, CancellationToken cancellationToken);

    /// <summary>Deletes it; false when it was already gone.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);
}
