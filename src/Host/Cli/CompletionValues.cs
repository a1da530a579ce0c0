using System.Text.Json;
using Skupper.Cli.Host.Services.Connection;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// Values offered when a tab press completes an option's value: kubeconfig contexts, the cluster's
/// namespaces and the names of Skupper resources. A completion must never print an error or hang
/// the shell, so every failure (no kubeconfig, no cluster, no permission) means no candidates, and
/// a cluster that does not answer within <see cref="ClusterBudget"/> is given up.
/// </summary>
public sealed class CompletionValues(HostEnvironment env, ConnectionFlags flags)
{
    /// <summary>
    /// How long a tab press may wait for the cluster when --request-timeout does not say: long enough
    /// for a remote TLS handshake and one list (~0.3-1 s), short enough that a dead cluster is a pause,
    /// not a hung shell. kubectl's own completion waits without bound.
    /// </summary>
    public static readonly TimeSpan ClusterBudget = TimeSpan.FromSeconds(3);

    /// <summary>The contexts of the kubeconfig kubectl would read, sorted as kubectl lists them.</summary>
    public IEnumerable<string> Contexts()
    {
        try
        {
            var config = new ConnectionResolver(env, flags with { Context = null }).LoadKubeconfig();
            return config?.Contexts.Keys.Order(StringComparer.Ordinal).ToList() ?? [];
        }
        catch (SkupperException)
        {
            return [];
        }
    }

    public Task<IReadOnlyList<string>> NamespacesAsync() => NamesAsync(_ => "/api/v1/namespaces");

    /// <summary>Names of one Skupper kind (its plural, e.g. <c>accessgrants</c>) in the command's namespace.</summary>
    public Task<IReadOnlyList<string>> SkupperNamesAsync(string plural) =>
        NamesAsync(ns => $"/apis/{SkupperResource.Group}/{SkupperResource.Version}/namespaces/{Uri.EscapeDataString(ns)}/{plural}");

    private async Task<IReadOnlyList<string>> NamesAsync(Func<string, string> path)
    {
        try
        {
            var settings = new ConnectionResolver(env, flags).Resolve();
            SystemTrustStore.SkipWhenUnused(env, settings); // completion runs no hook
            using var api = new ApiConnection(settings, env);
            using var budget = new CancellationTokenSource(settings.RequestTimeout ?? ClusterBudget);
            using var list = await api.GetAsync(path(settings.Namespace), budget.Token).ConfigureAwait(false);
            return list.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
                ? items.EnumerateArray()
                    .Select(i => i.TryGetProperty("metadata", out var m) && m.TryGetProperty("name", out var n) ? n.GetString() : null)
                    .OfType<string>().Order(StringComparer.Ordinal).ToList()
                : [];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (env.Debug) env.Error.WriteLine($"debug: no completion from the cluster: {Printable.Escape(e.Message)}");
            return [];
        }
    }
}
