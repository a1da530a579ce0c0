using Skupper.Cli.Sdk.Models;

namespace Skupper.Plugins.Expose;

/// <summary>
/// What a listener or a connector says about the service, as this CLI handles both: the routing key
/// that pairs them, the port, and where the traffic goes or comes from (a host, or for a connector
/// on Kubernetes a pod selector).
/// </summary>
internal sealed record BindingSpec(string RoutingKey, int Port, string? Host, string? Selector = null, string? TlsCredentials = null,
    string? Type = null, bool? IncludeNotReadyPods = null);

/// <summary>
/// A binding: a listener or a connector, the two ends of one exposed service, which Skupper's own code also calls
/// bindings. A listener is where clients connect, a connector where the traffic reaches the server; they pair up by
/// routing key. This plugin handles both with the same commands (<c>BindingCreateCommand</c> is <c>listener create</c> and
/// <c>connector create</c>), options and stores, told apart by <see cref="BindingKind"/>. This record is one as read back:
/// its spec and what the controller reports.
/// </summary>
/// <param name="Resource">The resource itself, as the cluster or its file holds it: what <c>status -o json|yaml</c> prints.</param>
/// <param name="HasMatch">Whether the other end (a connector for a listener, a listener for a connector) exists in the network.</param>
internal sealed record Binding(string Name, BindingSpec Spec, SkupperResource Resource, string? Status = null, string? Message = null,
    bool? HasMatch = null);
