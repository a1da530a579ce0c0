using System.Text;
using Microsoft.AspNetCore.Http;

namespace Skupper.Sandbox;

/// <summary>
/// The Impersonate-* headers, as kube-apiserver's impersonation filter reads them
/// (kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation/impersonation.go,
/// WithImpersonation and buildImpersonationRequests; earlier releases kept it in filters/impersonation.go).
/// Every requested value is authorized separately (verb "impersonate") for the requesting user; the first
/// refusal is 403. Groups, extras or a UID without a user is 400.
/// </summary>
public static class Impersonation
{
    public const string UserHeader = "Impersonate-User";
    public const string GroupHeader = "Impersonate-Group";
    public const string UidHeader = "Impersonate-Uid";
    public const string ExtraHeaderPrefix = "Impersonate-Extra-";

    private const string ServiceAccountPrefix = "system:serviceaccount:";
    private const string AuthenticationVersion = "authentication.k8s.io/v1";

    // A v1.ObjectReference as the filter builds it; Render is Go's %v of that struct.
    private sealed record Target(string Kind, string Namespace, string Name, string ApiVersion = "", string FieldPath = "")
    {
        public string Render() => $"{{{Kind} {Namespace} {Name}  {ApiVersion}  {FieldPath}}}";
    }

    /// <summary>The identity the request acts as, or null when it asks for no impersonation.</summary>
    internal static UserIdentity? Apply(IHeaderDictionary headers, UserIdentity requester, RbacRules rbac)
    {
        var targets = Targets(headers);
        if (targets.Count == 0) return null;

        var groupsSpecified = headers[GroupHeader].Count > 0;
        var username = "";
        string? uid = null;
        var groups = new List<string>();
        var extra = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var t in targets)
        {
            ApiException? denied;
            switch (t.Kind)
            {
                case "ServiceAccount":
                    denied = rbac.CheckImpersonation(requester, "", "serviceaccounts", null, t.Namespace, t.Name);
                    username = ServiceAccountPrefix + t.Namespace + ":" + t.Name;
                    // serviceaccount.MakeGroupNames: the fixed groups of a service account, unless groups are given.
                    if (!groupsSpecified) groups = ["system:serviceaccounts", "system:serviceaccounts:" + t.Namespace];
                    break;
                case "User":
                    denied = rbac.CheckImpersonation(requester, "", "users", null, null, t.Name);
                    username = t.Name;
                    break;
                case "Group":
                    denied = rbac.CheckImpersonation(requester, "", "groups", null, null, t.Name);
                    groups.Add(t.Name);
                    break;
                case "UserExtra":
                    denied = rbac.CheckImpersonation(requester, "authentication.k8s.io", "userextras", t.FieldPath, null, t.Name);
                    if (!extra.TryGetValue(t.FieldPath, out var values)) extra[t.FieldPath] = values = [];
                    values.Add(t.Name);
                    break;
                default: // UID
                    denied = rbac.CheckImpersonation(requester, "authentication.k8s.io", "uids", null, null, t.Name);
                    uid = t.Name;
                    break;
            }
            if (denied != null) throw denied;
        }

        // A non-anonymous user is in system:authenticated unless system:authenticated or system:unauthenticated
        // was asked for; system:anonymous is in system:unauthenticated.
        if (username != UserIdentity.Anonymous)
        {
            if (!groups.Contains(UserIdentity.AllAuthenticated) && !groups.Contains(UserIdentity.AllUnauthenticated)) groups.Add(UserIdentity.AllAuthenticated);
        }
        else if (!groups.Contains(UserIdentity.AllUnauthenticated)) groups.Add(UserIdentity.AllUnauthenticated);

        return new UserIdentity(username, groups)
        {
            Uid = uid,
            Extra = extra.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal),
        };
    }

    private static List<Target> Targets(IHeaderDictionary headers)
    {
        var targets = new List<Target>();
        var user = headers[UserHeader].FirstOrDefault() ?? "";
        if (user.Length > 0)
            targets.Add(SplitServiceAccount(user) is var (ns, name) ? new Target("ServiceAccount", ns, name) : new Target("User", "", user));

        var hasGroups = false;
        foreach (var group in headers[GroupHeader])
        {
            hasGroups = true;
            targets.Add(new Target("Group", "", group ?? ""));
        }

        var hasExtra = false;
        foreach (var (header, values) in headers)
        {
            if (!header.StartsWith(ExtraHeaderPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            hasExtra = true;
            // unescapeExtraKey: the key is lower-cased, then %-decoded (so "acme.com%2Fproject" is "acme.com/project").
            var key = UnescapeKey(header[ExtraHeaderPrefix.Length..].ToLowerInvariant());
            foreach (var value in values)
                targets.Add(new Target("UserExtra", "", value ?? "", AuthenticationVersion, key));
        }

        var uid = headers[UidHeader].FirstOrDefault() ?? "";
        if (uid.Length > 0) targets.Add(new Target("UID", "", uid, AuthenticationVersion));

        if ((hasGroups || hasExtra || uid.Length > 0) && user.Length == 0)
            throw ApiException.BadRequest($"requested [{string.Join(' ', targets.Select(t => t.Render()))}] without impersonating a user");
        return targets;
    }

    // serviceaccount.SplitUsername: "system:serviceaccount:NAMESPACE:NAME" (its DNS-name checks of the two parts are left out).
    private static (string Namespace, string Name)? SplitServiceAccount(string user)
    {
        if (!user.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal)) return null;
        var parts = user[ServiceAccountPrefix.Length..].Split(':');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[0], parts[1]) : null;
    }

    // url.PathUnescape, keeping the key as sent when it is not valid %-encoding.
    private static string UnescapeKey(string key)
    {
        var bytes = new List<byte>(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(key[i].ToString()));
                continue;
            }
            if (i + 2 >= key.Length || !Uri.IsHexDigit(key[i + 1]) || !Uri.IsHexDigit(key[i + 2])) return key;
            bytes.Add(Convert.ToByte(key.Substring(i + 1, 2), 16));
            i += 2;
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
