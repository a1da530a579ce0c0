namespace Skupper.Sandbox;

/// <summary>
/// Who a request acts as, in the terms of kube-apiserver's user.Info
/// (kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/user/user.go): a name, groups,
/// an optional UID and extra values. RBAC decisions and the request log use it.
/// </summary>
public sealed record UserIdentity(string Name, IReadOnlyList<string> Groups)
{
    public const string AllAuthenticated = "system:authenticated";
    public const string AllUnauthenticated = "system:unauthenticated";
    public const string Anonymous = "system:anonymous";

    public string? Uid { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Every authenticated user is also in system:authenticated, unless it is anonymous or already names
    /// system:authenticated or system:unauthenticated
    /// (staging/src/k8s.io/apiserver/pkg/authentication/group/authenticated_group_adder.go).
    /// </summary>
    public static UserIdentity Authenticated(string name, IEnumerable<string> groups)
    {
        var list = groups.ToList();
        if (name != Anonymous && !list.Contains(AllAuthenticated) && !list.Contains(AllUnauthenticated)) list.Add(AllAuthenticated);
        return new UserIdentity(name, list);
    }

    public override string ToString() => Groups.Count == 0 ? Name : $"{Name}[{string.Join(',', Groups)}]";
}
