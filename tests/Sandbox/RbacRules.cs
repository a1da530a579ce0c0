using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Skupper.Sandbox;

/// <summary>
/// Simulated RBAC: everything is allowed unless denied here. Denied requests get the API server's
/// 403 Forbidden wording, so the product's error handling can be tested.
/// </summary>
public sealed class RbacRules
{
    private readonly ConcurrentDictionary<(string Verb, string Resource, string? Namespace), bool> _denied = new();

    /// <summary>The user named in Forbidden messages.</summary>
    public string UserName { get; set; } = "sandbox-user";

    /// <summary>Denies <paramref name="verb"/> (get, list, watch, create, update, patch, delete) on
    /// <paramref name="resource"/> (plural, e.g. "accessgrants" or "sites/status"), in one namespace or all.</summary>
    public void Deny(string verb, string resource, string? ns = null) => _denied[(verb, resource, ns)] = true;

    public void Allow(string verb, string resource, string? ns = null) => _denied.TryRemove((verb, resource, ns), out _);

    public void Clear() => _denied.Clear();

    internal ApiException? Check(string verb, ResourceType type, string? subresource, string? ns, string? name)
    {
        var resource = subresource == null ? type.Plural : $"{type.Plural}/{subresource}";
        if (!_denied.ContainsKey((verb, resource, ns)) && !_denied.ContainsKey((verb, resource, null))) return null;
        var subject = name == null ? type.QualifiedResource : $"{type.QualifiedResource} \"{name}\"";
        var scope = ns == null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        var message = $"{subject} is forbidden: User \"{UserName}\" cannot {verb} resource \"{resource}\" in API group \"{type.Group}\" {scope}";
        var details = new JsonObject { ["name"] = name ?? "", ["group"] = type.Group, ["kind"] = type.Plural };
        if (name == null) details.Remove("name");
        return new ApiException(403, "Forbidden", message, details);
    }
}
