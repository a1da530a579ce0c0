using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Skupper.Sandbox;

/// <summary>
/// Stands in for the controllers that own finalizers (a GitOps tool's, a backup operator's, the garbage collector's
/// <c>foregroundDeletion</c>): for each finalizer registered with <see cref="Handle"/>, once an object holding it is
/// marked for deletion (metadata.deletionTimestamp, set by <see cref="ResourceStore.Delete"/>), it removes that
/// finalizer after the registered delay, through the API path, so the store removes the object when no finalizer is
/// left. A finalizer nobody handles stays until a test removes it: the object stays Terminating, as on a real cluster.
/// The Skupper controller itself sets no finalizers (skupperproject/skupper: no "finalizer" anywhere in the Go source,
/// checked at 80b1ba6d), so none is registered by default.
/// </summary>
public sealed class FinalizingController : IAsyncDisposable
{
    private readonly ResourceStore _store;
    private readonly ConcurrentDictionary<string, TimeSpan> _handled = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly WatchSubscription _subscription;
    private readonly Task _loop;

    internal FinalizingController(ResourceStore store)
    {
        _store = store;
        _subscription = store.Subscribe(null, null, store.ResourceVersion);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Removes <paramref name="finalizer"/> from objects being deleted, <paramref name="delay"/> after the deletion was asked.</summary>
    public void Handle(string finalizer, TimeSpan delay) =>
        _handled[finalizer] = delay >= TimeSpan.Zero ? delay : throw new ArgumentOutOfRangeException(nameof(delay));

    /// <summary>Stops handling <paramref name="finalizer"/>: objects holding it stay until someone removes it.</summary>
    public void Ignore(string finalizer) => _handled.TryRemove(finalizer, out _);

    private async Task RunAsync()
    {
        try
        {
            await foreach (var e in _subscription.Events.ReadAllAsync(_stop.Token))
            {
                // The MODIFIED event that marks the object: deletionTimestamp new in this version.
                if (e.Type != "MODIFIED" || e.Object["metadata"]?["deletionTimestamp"] == null || e.Previous?["metadata"]?["deletionTimestamp"] != null)
                    continue;
                var ns = e.Object["metadata"]?["namespace"]?.GetValue<string>();
                var name = e.Object["metadata"]!["name"]!.GetValue<string>();
                foreach (var finalizer in ResourceStore.Finalizers(e.Object))
                    if (_handled.TryGetValue(finalizer, out var delay))
                        _ = RemoveLaterAsync(e.Resource, ns, name, finalizer, delay);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RemoveLaterAsync(ResourceType type, string? ns, string name, string finalizer, TimeSpan delay)
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, _stop.Token);
            _store.Update(type, ns, name, current =>
            {
                if (current["metadata"]?["finalizers"] is JsonArray list)
                    foreach (var f in list.Where(f => f?.GetValue<string>() == finalizer).ToList()) list.Remove(f);
                return current;
            }, statusSubresource: false, isPatch: true);
        }
        catch (OperationCanceledException)
        {
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // gone meanwhile (its namespace was deleted)
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _subscription.Dispose();
        await _loop;
        _stop.Dispose();
    }
}
