using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Skupper.Sandbox;

/// <summary>
/// Simulated RBAC: everything is allowed unless denied here. Denied requests get the API server's
/// 403 Forbidden wording (kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go,
/// forbiddenMessage), naming the user the request acts as, so the product's error handling can be tested.
/// </summary>
public sealed class RbacRules
{
    private readonly ConcurrentDictionary<(string Verb, string Resource, string? Namespace, string? User), bool> _denied = new();
    private readonly ConcurrentDictionary<string, bool> _impersonationDenied = new(StringComparer.Ordinal);

    /// <summary>The user the sandbox's own bearer token (<see cref="SandboxServer.Token"/>) authenticates as.</summary>
    public string UserName { get; set; } = "sandbox-user";

    /// <summary>Denies <paramref name="verb"/> (get, list, watch, create, update, patch, delete, impersonate) on
    /// <paramref name="resource"/> (plural, e.g. "accessgrants" or "sites/status"; for impersonation "users",
    /// "groups", "uids", "serviceaccounts" or "userextras/KEY"), in one namespace or all, for one user (the user
    /// the request acts as, after impersonation) or all.</summary>
    public void Deny(string verb, string resource, string? ns = null, string? user = null) => _denied[(verb, resource, ns, user)] = true;

    public void Allow(string verb, string resource, string? ns = null, string? user = null) => _denied.TryRemove((verb, resource, ns, user), out _);

    /// <summary>Takes the <c>impersonate</c> verb away from <paramref name="requester"/> on everything
    /// (users, groups, uids, userextras, serviceaccounts): its Impersonate-* headers get 403.</summary>
    public void DenyImpersonation(string requester) => _impersonationDenied[requester] = true;

    public void AllowImpersonation(string requester) => _impersonationDenied.TryRemove(requester, out _);

    /// <summary>Removes every denial, impersonation ones included.</summary>
    public void Clear()
    {
        _denied.Clear();
        _impersonationDenied.Clear();
    }

    internal ApiException? Check(UserIdentity user, string verb, ResourceType type, string? subresource, string? ns, string? name)
    {
        var resource = subresource == null ? type.Plural : $"{type.Plural}/{subresource}";
        return IsDenied(user.Name, verb, resource, ns) ? Forbidden(user, verb, type.Group, type.Plural, subresource, ns, name) : null;
    }

    /// <summary>The authorization check impersonation.go makes for each Impersonate-* value: verb "impersonate"
    /// on users/groups/uids/userextras/serviceaccounts in the given API group, by the requesting user.</summary>
    internal ApiException? CheckImpersonation(UserIdentity requester, string group, string resource, string? subresource, string? ns, string name)
    {
        var full = subresource == null ? resource : $"{resource}/{subresource}";
        return _impersonationDenied.ContainsKey(requester.Name) || IsDenied(requester.Name, "impersonate", full, ns)
            ? Forbidden(requester, "impersonate", group, resource, subresource, ns, name)
            : null;
    }

    private bool IsDenied(string user, string verb, string resource, string? ns) =>
        _denied.ContainsKey((verb, resource, ns, null)) || _denied.ContainsKey((verb, resource, null, null))
        || _denied.ContainsKey((verb, resource, ns, user)) || _denied.ContainsKey((verb, resource, null, user));

    // apierrors.NewForbidden(GroupResource, name, forbiddenMessage(attributes)).
    private static ApiException Forbidden(UserIdentity user, string verb, string group, string plural, string? subresource, string? ns, string? name)
    {
        var resource = subresource == null ? plural : $"{plural}/{subresource}";
        var qualified = group.Length == 0 ? plural : $"{plural}.{group}";
        var subject = string.IsNullOrEmpty(name) ? qualified : $"{qualified} \"{name}\"";
        var scope = string.IsNullOrEmpty(ns) ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        var message = $"{subject} is forbidden: User \"{user.Name}\" cannot {verb} resource \"{resource}\" in API group \"{group}\" {scope}";
        var details = new JsonObject { ["name"] = name ?? "", ["group"] = group, ["kind"] = plural };
        if (string.IsNullOrEmpty(name)) details.Remove("name");
        return new ApiException(403, "Forbidden", message, details);
    }
}
