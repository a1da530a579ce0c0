using System.Text.Json.Nodes;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Cli.Sdk;

/// <summary>
/// Where the selected platform keeps one kind of Skupper resource: the cluster's namespace on Kubernetes
/// (<see cref="KubernetesResourceStore{T}"/>), YAML files where the Go CLI keeps them on Docker, Podman and Linux
/// (<see cref="FileResourceStore{T}"/>). A command is written once against this; only the store differs, so a plugin's
/// files land where the bundled commands and the Go CLI look for them. Added in SDK 2.1.
/// </summary>
/// <typeparam name="T">A Skupper model: <c>Site</c>, <c>Listener</c>, <c>Connector</c>, <c>Link</c>, <c>AccessGrant</c> …</typeparam>
public abstract class ResourceStore<T> where T : SkupperResource, ISkupperKind
{

    /// <summary>The namespace the resources live in.</summary>
    public abstract string Namespace { get; }

    /// <summary>
    /// True when a controller acts on what is written and gives it a status (Kubernetes), so that there is something to
    /// wait for; files are applied by <c>system start</c> or <c>system reload</c>, later.
    /// </summary>
    public abstract bool HasController { get; }

    /// <summary>
    /// Throws a clear error when the store cannot be used at all: Skupper not installed, a namespace that cannot be a folder.
    /// </summary>
    public abstract Task CheckAvailableAsync(CancellationToken cancellationToken);

    /// <summary>The resource, or null when there is none of that name.</summary>
    public abstract Task<T?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every resource of the kind in the namespace, by name.</summary>
    public abstract Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Creates it; an error when one of that name exists.</summary>
    public abstract Task<T> CreateAsync(T resource, CancellationToken cancellationToken);

    /// <summary>
    /// Changes only what <paramref name="mergePatch"/> names, as a JSON merge patch (RFC 7386) does: a value replaces, a
    /// null removes, an object merges field by field. Everything else is kept, fields this model lacks included.
    /// </summary>
    public abstract Task<T> PatchAsync(string name, JsonObject mergePatch, CancellationToken cancellationToken);

    /// <summary>Deletes it; false when there was nothing to delete.</summary>
    public abstract Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>Where the resource is kept, for messages: its file, or null in a cluster.</summary>
    public abstract string? Location(string name);

    /// <summary>
    /// The line that ends a command which wrote one: <c>Site "west" is created: /…/Site-west.yaml</c> where nothing
    /// acts on the file yet; in a cluster <c>Site "west" is created.</c>, or <c>Site "west" is ready.</c> once the
    /// <paramref name="condition"/> waited for holds.
    /// </summary>
    public string Outcome(string name, string done, string? condition = null) =>
        !HasController ? $"{T.KindName} \"{name}\" is {done}: {Location(name)}"
        : condition is null ? $"{T.KindName} \"{name}\" is {done}."
        : $"{T.KindName} \"{name}\" is {condition.ToLowerInvariant()}.";
}

/// <summary>Picks the store of the selected platform: <c>ResourceStore.For&lt;Listener&gt;(context)</c>. Added in SDK 2.1.</summary>
public static class ResourceStore
{
    /// <summary>The store of the platform the command runs on (<c>--platform</c>), in the command's namespace.</summary>
    public static ResourceStore<T> For<T>(ICommandContext context) where T : SkupperResource, ISkupperKind
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Platform == Platform.Kubernetes
            ? new KubernetesResourceStore<T>(context.Cluster)
            : new FileResourceStore<T>(NamespaceHome.Of(context), context.Output);
    }
}
