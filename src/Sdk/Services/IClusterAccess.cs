using k8s;
using k8s.Models;
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
    /// Typed access to any kind, core and apps kinds included: <c>Resources(ResourceKinds.ConfigMap)</c>, or a
    /// <see cref="ResourceKind{T}"/> of your own. Works as <see cref="Resources{T}()"/> does, in both builds of the host:
    /// errors come back as <see cref="SkupperException"/> naming the resource (<c>configmaps "app" not found in namespace
    /// "west"</c>), and the error that Skupper is not installed comes only for a Skupper kind in a cluster without the
    /// <c>skupper.io</c> API. Added in SDK 2.1; an implementation of this interface made for SDK 2.0 throws
    /// <see cref="NotSupportedException"/> here.
    /// </summary>
    IResourceClient<T> Resources<T>(ResourceKind<T> kind) where T : class, IKubernetesObject<V1ObjectMeta> =>
        throw new NotSupportedException($"{GetType().Name} predates SDK 2.1 and has no typed access to {kind.Resource}");

    /// <summary>
    /// A Secret in <see cref="Namespace"/>, or null when there is none: the TLS credentials a command names
    /// (<c>--tls-credentials</c>, checked before anything changes, as the Go CLI does) or prints (<c>link generate</c>).
    /// </summary>
    Task<k8s.Models.V1Secret?> GetSecretAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Any object of <see cref="Namespace"/> as JSON, or null when there is none: <paramref name="apiVersion"/> as in
    /// its manifests (<c>v1</c>, <c>apps/v1</c>), <paramref name="plural"/> its resource (<c>services</c>, <c>deployments</c>).
    /// </summary>
    Task<System.Text.Json.Nodes.JsonObject?> GetObjectAsync(string apiVersion, string plural, string name,
        CancellationToken cancellationToken);

    /// <summary>
    /// Every object of one resource in <see cref="Namespace"/> as JSON (the list's items), <paramref name="apiVersion"/> and
    /// <paramref name="plural"/> as for <see cref="GetObjectAsync"/>; null when the cluster does not serve that resource
    /// (a kind that its Skupper, or its Kubernetes, predates). Added in SDK 2.0.
    /// </summary>
    Task<IReadOnlyList<System.Text.Json.Nodes.JsonObject>?> ListObjectsAsync(string apiVersion, string plural,
        CancellationToken cancellationToken);

    /// <summary>
    /// Deletes an object of <see cref="Namespace"/>, <paramref name="apiVersion"/> and <paramref name="plural"/> as for
    /// <see cref="GetObjectAsync"/>; false when there was nothing to delete (no such object, or the cluster does not
    /// serve that resource). Added in SDK 2.0.
    /// </summary>
    Task<bool> DeleteObjectAsync(string apiVersion, string plural, string name, CancellationToken cancellationToken);

    /// <summary>
    /// The answer to a GET of any path of the API server, as text, for what the members above do not reach: a
    /// cluster-scoped list (<c>/apis/apiextensions.k8s.io/v1/customresourcedefinitions</c>), <c>/version</c>, another
    /// namespace, a query (<c>?labelSelector=app%3Dweb</c>), a subresource the server sends as text (a pod's
    /// <c>log</c>). <paramref name="path"/> starts with <c>/</c> and is sent as given (escape its parts). Null when the
    /// server answers 404; other failures throw <see cref="SkupperException"/> in plain words. Added in SDK 2.1.
    /// </summary>
    Task<string?> GetTextAsync(string path, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} predates SDK 2.1 and has no GET of a path");

    /// <summary>Throws a clear error when the skupper.io API is absent from the cluster.</summary>
    Task EnsureSkupperInstalledAsync(CancellationToken cancellationToken);
}

/// <summary>
/// CRUD on one kind in <see cref="IClusterAccess.Namespace"/>, the namespace the command works in;
/// a command has no reason to reach into another, so the namespace is not a parameter.
/// </summary>
/// <typeparam name="T">
/// A Skupper model (<see cref="IClusterAccess.Resources{T}()"/>) or the model of any other kind
/// (<see cref="IClusterAccess.Resources{T}(ResourceKind{T})"/>, since SDK 2.1).
/// </typeparam>
// SDK 2.0 constrained T to the Skupper kinds. Widening a type's constraint keeps every use compiled against 2.0 valid
// (each T it named still qualifies, and no member's signature changes), unlike widening a method's, which would break
// an implementation of IClusterAccess.Resources<T>() made for 2.0: so the interface is shared, the method is new.
public interface IResourceClient<T> where T : class, IKubernetesObject<V1ObjectMeta>
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
