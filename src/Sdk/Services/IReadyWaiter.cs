using Skupper.Cli.Sdk.Models;

namespace Skupper.Cli.Sdk.Services;

/// <summary>
/// Waits for a resource to reach a state: list to learn the current state, then watch from
/// there, resumed after a dropped watch, re-listed after 410 Gone, bounded by the timeout.
/// </summary>
public interface IReadyWaiter
{
    /// <summary>
    /// Waits until <paramref name="check"/> says <see cref="WaitOutcome.Done"/> for the resource
    /// named <paramref name="name"/> (null is passed while it does not exist). Throws
    /// <see cref="WaitTimeoutException"/> at the timeout and <see cref="SkupperException"/> when the
    /// check fails.
    /// </summary>
    Task<T?> WaitAsync<T>(string @namespace, string name, Func<T?, WaitCheck> check, TimeSpan timeout,
        CancellationToken cancellationToken) where T : SkupperResource, ISkupperKind;
}

public enum WaitOutcome { Continue, Done, Fail }

/// <summary>What a wait check decided, with the message to show if waiting ends there.</summary>
public readonly record struct WaitCheck(WaitOutcome Outcome, string? Message = null)
{
    public static WaitCheck Done => new(WaitOutcome.Done);
    public static WaitCheck Continue(string? lastMessage = null) => new(WaitOutcome.Continue, lastMessage);
    public static WaitCheck Fail(string message) => new(WaitOutcome.Fail, message);

    /// <summary>Done when Ready; fails when the status is Error; else keeps waiting.</summary>
    public static WaitCheck Ready(SkupperResource? resource)
    {
        var status = resource?.CommonStatus;
        if (resource is null) return Continue("it does not exist yet");
        if (status is null) return Continue("no status yet");
        if (status.IsReady) return Done;
        if (status.Status == ResourceStatus.Error) return Fail(status.Message ?? "the resource is in error");
        return Continue(status.Message);
    }

    /// <summary>Done once the resource no longer exists.</summary>
    public static WaitCheck Deleted(SkupperResource? resource) =>
        resource is null ? Done : Continue("it still exists");
}

/// <summary>The wait ran out of time. <see cref="LastMessage"/> is the resource's last status message.</summary>
public sealed class WaitTimeoutException(string message, string? lastMessage)
    : SkupperException(message)
{
    public string? LastMessage { get; } = lastMessage;
}

/// <summary>
/// The check said <see cref="WaitOutcome.Fail"/>. <see cref="Reason"/> is the check's message alone,
/// so that a command can word the failure its own way without taking the message apart.
/// </summary>
public sealed class WaitFailedException(string message, string reason)
    : SkupperException(message)
{
    public string Reason { get; } = reason;
}
