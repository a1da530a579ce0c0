using k8s;
using k8s.Models;
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

    /// <summary>
    /// As <see cref="WaitAsync{T}(string, string, Func{T, WaitCheck}, TimeSpan, CancellationToken)"/>, for any kind:
    /// <c>WaitAsync(ResourceKinds.Deployment, ns, "web", WaitCheck.RolledOut, timeout, ct)</c>. Added in SDK 2.1; an
    /// implementation of this interface made for SDK 2.0 throws <see cref="NotSupportedException"/> here.
    /// </summary>
    Task<T?> WaitAsync<T>(ResourceKind<T> kind, string @namespace, string name, Func<T?, WaitCheck> check, TimeSpan timeout,
        CancellationToken cancellationToken) where T : class, IKubernetesObject<V1ObjectMeta> =>
        throw new NotSupportedException($"{GetType().Name} predates SDK 2.1 and cannot wait on {kind.Resource}");
}

public enum WaitOutcome { Continue, Done, Fail }

/// <summary>What a wait check decided, with the message to show if waiting ends there.</summary>
public readonly record struct WaitCheck(WaitOutcome Outcome, string? Message = null)
{
    public static WaitCheck Done => new(WaitOutcome.Done);
    public static WaitCheck Continue(string? lastMessage = null) => new(WaitOutcome.Continue, lastMessage);
    public static WaitCheck Fail(string message) => new(WaitOutcome.Fail, message);

    /// <summary>
    /// Done when Ready. An Error status is waited out (the controller retries it, see
    /// <see cref="ControllerRefusals"/>) unless it is a refusal that no retry changes, which fails at once.
    /// </summary>
    public static WaitCheck Ready(SkupperResource? resource)
    {
        var status = resource?.CommonStatus;
        if (resource is null) return Continue("it does not exist yet");
        if (status is null) return Continue("no status yet");
        if (status.IsReady) return Done;
        return Error(status.Status, status.Message) ?? Continue(status.Message);
    }

    /// <summary>
    /// For a status that is not done yet: fails when it is an Error the controller will not get past
    /// (<see cref="ControllerRefusals.IsPermanent"/>), else null (keep waiting, the controller retries).
    /// </summary>
    public static WaitCheck? Error(string? status, string? message) =>
        status == ResourceStatus.Error && ControllerRefusals.IsPermanent(message) ? Fail(message!) : null;

    /// <summary>
    /// Done when the condition (<c>Configured</c>, <c>Ready</c>) is True for the resource's current
    /// generation, so that after an update the status left from before does not count. A permanent
    /// Error fails as in <see cref="Ready"/>; otherwise the controller's message is what a timeout shows.
    /// </summary>
    public static WaitCheck Condition(SkupperResource? resource, string type)
    {
        if (resource is null) return Continue("it does not exist");
        var status = resource.CommonStatus;
        if (status is null) return Continue("no status yet");
        var condition = status.Condition(type);
        var generation = resource.Metadata.Generation;
        var current = condition?.ObservedGeneration is null || generation is null || condition.ObservedGeneration >= generation;
        if (condition?.Status == "True" && current) return Done;
        if (current && Error(status.Status, status.Message ?? condition?.Message) is { } failed) return failed;
        return Continue(current ? status.Message ?? condition?.Message : "the controller has not processed the change yet");
    }

    /// <summary>Done once the resource no longer exists.</summary>
    public static WaitCheck Deleted(SkupperResource? resource) =>
        resource is null ? Done : Continue("it still exists");

    /// <summary>Done once the object, of any kind, no longer exists. Added in SDK 2.1.</summary>
    public static WaitCheck Deleted(IKubernetesObject<V1ObjectMeta>? resource) =>
        resource is null ? Done : Continue("it still exists");

    /// <summary>Done once the object exists (someone else creates it). Added in SDK 2.1.</summary>
    public static WaitCheck Exists(IKubernetesObject<V1ObjectMeta>? resource) =>
        resource is null ? Continue("it does not exist yet") : Done;

    /// <summary>
    /// Done when the Deployment's rollout is complete, as <c>kubectl rollout status</c> decides it: the controller has
    /// seen its latest spec, every replica is updated and available, and no old one is left. Fails at once when the
    /// controller gave up (its <c>Progressing</c> condition says <c>ProgressDeadlineExceeded</c>); otherwise the last
    /// message says how far it got. Added in SDK 2.1.
    /// </summary>
    // kubernetes/kubectl pkg/polymorphichelpers/rollout_status.go, DeploymentStatusViewer.Status: the same steps and
    // words, without its "Waiting for deployment rollout to finish:" prefix (the timeout error says what it waited for).
    public static WaitCheck RolledOut(V1Deployment? deployment)
    {
        if (deployment is null) return Continue("it does not exist yet");
        var status = deployment.Status;
        if ((deployment.Metadata?.Generation ?? 0) > (status?.ObservedGeneration ?? 0))
            return Continue("waiting for the deployment spec update to be observed");
        var progressing = status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
        if (progressing?.Reason == "ProgressDeadlineExceeded")
            return Fail($"deployment \"{deployment.Metadata?.Name}\" exceeded its progress deadline");
        int updated = status?.UpdatedReplicas ?? 0, replicas = status?.Replicas ?? 0, available = status?.AvailableReplicas ?? 0;
        if (deployment.Spec?.Replicas is { } desired && updated < desired)
            return Continue($"{updated} out of {desired} new replicas have been updated");
        if (replicas > updated) return Continue($"{replicas - updated} old replicas are pending termination");
        if (available < updated) return Continue($"{available} of {updated} updated replicas are available");
        return Done;
    }
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

/// <summary>
/// The one list of Error statuses that retrying cannot change. The Skupper controller retries every
/// failure: a failed redemption sets the Redeemed condition False with reason Error
/// (AccessToken.SetRedeemed in the Skupper repository's pkg/apis/skupper/v2alpha1/types.go) and checkAccessToken tries again on
/// the next event or resync (internal/kube/grants/redeem.go, controller.go). Most failures then pass
/// (the grant server not reachable yet, "503 Internal error", "could not create received secret").
/// These do not: the grant server's answers for an unknown or expired grant, used-up redemptions and
/// a wrong code (internal/kube/grants/grants.go, checkAndUpdateAccessToken), which the controller
/// reports as "Controller got failed response: CODE (TEXT) BODY" (redeem.go, postTokenRequest); the
/// checks redeem.go makes on the token itself (no CA, a url that is not https); and a grant whose own
/// spec or site is wrong (grants.go, checkGrant: a bad expiration window, an edge site), which stays
/// so until the user changes it.
/// </summary>
public static class ControllerRefusals
{
    private static readonly string[] Permanent =
    [
        "Controller got failed response: 404 (Not Found) No such claim",
        "Controller got failed response: 404 (Not Found) No such access granted",
        "Controller got failed response: 403 (Forbidden) Redemption of access token refused",
        "token does not have a CA",
        "token url scheme must be https",
        "could not parse token url",
        "Invalid duration ",
        "Edge sites cannot accept incoming links from remote sites",
    ];

    /// <summary>True when <paramref name="message"/> (a status message) is one of the refusals no retry changes.</summary>
    public static bool IsPermanent(string? message) =>
        message is not null && Permanent.Any(p => message.StartsWith(p, StringComparison.Ordinal));
}
