using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Expose.Stores;

/// <summary>Listeners or connectors as skupper.io/v2alpha1 resources in the namespace; the controller gives them a status.</summary>
internal sealed class KubernetesBindingStore<T>(ICommandContext context, BindingKind kind, Func<T, Binding> read) : IBindingStore
    where T : SkupperResource, ISkupperKind
{
    private IResourceClient<T> Resources => context.Cluster.Resources<T>();

    public string Namespace => context.Cluster.Namespace;
    public bool HasController => true;

    public Task CheckAvailableAsync(CancellationToken cancellationToken) => context.Cluster.EnsureSkupperInstalledAsync(cancellationToken);

    public async Task<Binding?> GetAsync(string name, CancellationToken cancellationToken) =>
        await Resources.GetAsync(name, cancellationToken).ConfigureAwait(false) is { } r ? read(r) : null;

    public async Task<IReadOnlyList<Binding>> ListAsync(CancellationToken cancellationToken) =>
        (await Resources.ListAsync(cancellationToken).ConfigureAwait(false)).Select(read).OrderBy(b => b.Name, StringComparer.Ordinal).ToList();

    public Task CreateAsync(string name, BindingSpec spec, CancellationToken cancellationToken) =>
        Resources.CreateAsync((T)kind.Resource(name, spec, null), cancellationToken);

    /// <summary>
    /// A merge patch of the spec fields this CLI handles, null removing what the change cleared (a selector
    /// replaced by a host); fields it does not handle (settings, exposePodsByName) are kept.
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
        return Resources.PatchAsync(name, new JsonObject { ["spec"] = fields }, cancellationToken);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken) => Resources.DeleteAsync(name, cancellationToken);

    public Task WaitAsync(CommandSteps steps, string name, string condition, TimeSpan timeout, CancellationToken cancellationToken) =>
        steps.UntilAsync<T>(kind.Title, name, condition, timeout, $"{kind.Name} status", cancellationToken);

    public Task WaitDeletedAsync(CommandSteps steps, string name, TimeSpan timeout, CancellationToken cancellationToken) =>
        steps.UntilDeletedAsync<T>(kind.Title, name, timeout, $"{kind.Name} status", cancellationToken);

    public string? Location(string name) => null;
}
