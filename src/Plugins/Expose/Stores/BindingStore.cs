using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Plugins.Expose.Stores;

/// <summary>
/// Listeners or connectors where the platform keeps them, over the SDK's <see cref="ResourceStore{T}"/>: resources in the
/// cluster, where the controller gives them a status to wait for, or the Go CLI's files on Docker, Podman and Linux
/// (skupperproject/skupper internal/cmd/skupper/listener/nonkube/listener_create.go through its resource handler), which
/// the system controller applies on <c>system reload</c> and nothing here waits for.
/// </summary>
internal sealed class BindingStore<T>(ResourceStore<T> resources, BindingKind kind, Func<T, Binding> read) : IBindingStore
    where T : SkupperResource, ISkupperKind
{
    public string Namespace => resources.Namespace;
    public bool HasController => resources.HasController;

    public Task CheckAvailableAsync(CancellationToken cancellationToken) => resources.CheckAvailableAsync(cancellationToken);

    public async Task<Binding?> GetAsync(string name, CancellationToken cancellationToken) =>
        await resources.GetAsync(name, cancellationToken).ConfigureAwait(false) is { } r ? read(r) : null;

    public async Task<IReadOnlyList<Binding>> ListAsync(CancellationToken cancellationToken) =>
        (await resources.ListAsync(cancellationToken).ConfigureAwait(false)).Select(read).ToList();

    public Task CreateAsync(string name, BindingSpec spec, CancellationToken cancellationToken) =>
        resources.CreateAsync((T)kind.Resource(name, spec, null), cancellationToken);

    /// <summary>
    /// A merge patch of the spec fields this CLI handles, null removing what the change cleared (a selector
    /// replaced by a host); fields it does not handle (settings, exposePodsByName) are kept, in the cluster and in files.
    /// </summary>
    public Task UpdateAsync(string name, BindingSpec spec, CancellationToken cancellationToken)
    {
        var fields = new JsonObject
        {
            ["routingKey"] = spec.RoutingKey,
            ["port"] = spec.Port,
            ["host"] = spec.Host,
            ["tlsCredentials"] = spec.TlsCredentials,
            ["type"] = spec.Type,
        };
        if (kind.HasSelector)
        {
            fields["selector"] = spec.Selector;
            fields["includeNotReadyPods"] = spec.IncludeNotReadyPods;
        }
        return resources.PatchAsync(name, new JsonObject { ["spec"] = fields }, cancellationToken);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken) => resources.DeleteAsync(name, cancellationToken);

    public Task WaitAsync(CommandSteps steps, string name, string condition, TimeSpan timeout, CancellationToken cancellationToken) =>
        HasController
            ? steps.UntilAsync<T>(kind.Title, name, condition, timeout, $"{kind.Name} status", cancellationToken)
            : Task.CompletedTask;

    public Task WaitDeletedAsync(CommandSteps steps, string name, TimeSpan timeout, CancellationToken cancellationToken) =>
        HasController
            ? steps.UntilDeletedAsync<T>(kind.Title, name, timeout, $"{kind.Name} status", cancellationToken)
            : Task.CompletedTask;

    public string? Location(string name) => resources.Location(name);

    public string Outcome(string name, string done, string? condition) => resources.Outcome(name, done, condition);
}
