using k8s;
using k8s.Models;
using Skupper.Cli.Host.Services.Connection;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Host.Services;

/// <summary>
/// The one waiter for every resource kind: list (by name) to learn the current state and a
/// resourceVersion, then watch from there. A watch that ends is resumed from the last version
/// seen; 410 Gone re-lists; transient API errors are retried with backoff. Never polls.
/// </summary>
public sealed class ReadyWaiter(ClusterAccess cluster) : IReadyWaiter
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    public Task<T?> WaitAsync<T>(string @namespace, string name, Func<T?, WaitCheck> check, TimeSpan timeout,
        CancellationToken cancellationToken) where T : SkupperResource, ISkupperKind =>
        WaitAsync(ResourceKinds.Skupper<T>(), @namespace, name, check, timeout, cancellationToken);

    public async Task<T?> WaitAsync<T>(ResourceKind<T> kind, string @namespace, string name, Func<T?, WaitCheck> check, TimeSpan timeout,
        CancellationToken cancellationToken) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(kind);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var token = deadline.Token;
        var resources = new ResourceClient<T>(cluster, kind);
        var fieldSelector = $"metadata.name={name}";
        string? lastMessage = null;
        string? resourceVersion = null;
        var backoff = FirstBackoff;

        // Applies the check; returns true when waiting is over.
        bool Decide(T? current)
        {
            var verdict = check(current);
            if (verdict.Message is not null) lastMessage = verdict.Message;
            return verdict.Outcome switch
            {
                WaitOutcome.Done => true,
                WaitOutcome.Fail =>
                    throw new WaitFailedException($"{kind.Kind} \"{name}\" failed: {verdict.Message}", verdict.Message ?? "failed"),
                _ => false,
            };
        }

        try
        {
            while (true)
            {
                try
                {
                    if (resourceVersion is null)
                    {
                        var (items, listVersion) = await resources.ListWithVersionAsync(token, @namespace, fieldSelector)
                            .ConfigureAwait(false);
                        var current = items.FirstOrDefault(i => i.Metadata?.Name == name);
                        if (Decide(current)) return current;
                        resourceVersion = listVersion;
                    }

                    var events = resources.WatchAsync(@namespace, resourceVersion, fieldSelector, token).ConfigureAwait(false);
                    await foreach (var (type, element) in events)
                    {
                        backoff = FirstBackoff; // the server answers again
                        if (type == "ERROR")
                        {
                            if (ApiStatus.From(element).Code == 410) { resourceVersion = null; break; } // too old: list again
                            throw new IOException($"watch error: {ApiStatus.From(element).Message ?? element.GetRawText()}");
                        }
                        var item = resources.Read(element);
                        resourceVersion = item.Metadata?.ResourceVersion ?? resourceVersion;
                        if (type == "BOOKMARK" || item.Metadata?.Name != name) continue;
                        var current = type == "DELETED" ? null : item;
                        if (Decide(current)) return current;
                    }
                    // The watch ended (server timeout, dropped connection): resume from resourceVersion.
                }
                catch (Exception e) when (!token.IsCancellationRequested && IsRetryable(e))
                {
                    if (IsGoneResponse(e)) resourceVersion = null;
                    await Task.Delay(backoff, token).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException || token.IsCancellationRequested && e is not SkupperException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new WaitTimeoutException(
                $"timed out after {GoDuration.Humanize(timeout)} waiting for {kind.Kind} \"{name}\" to be ready" +
                (lastMessage is null ? "" : $"; last status: {lastMessage}"), lastMessage);
        }
        catch (SkupperException) { throw; }
        catch (Exception e)
        {
            throw await ApiErrors.TranslateAsync(e, "watch", kind.Group, kind.Resource, name, cluster, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static bool IsRetryable(Exception e) =>
        ApiErrors.IsTransient(e) || IsGoneResponse(e)
        || e is SkupperException { InnerException: { } inner } && (ApiErrors.IsTransient(inner) || IsGoneResponse(inner));

    /// <summary>410 Gone as a response (a watch's ERROR event is handled where it is read).</summary>
    private static bool IsGoneResponse(Exception e) => e is ApiStatusException { StatusCode: System.Net.HttpStatusCode.Gone };
}
