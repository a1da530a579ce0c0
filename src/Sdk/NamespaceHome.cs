namespace Skupper.Cli.Sdk;

/// <summary>
/// Where Docker, Podman and Linux keep one namespace's files under the data home, as the Go CLI lays them out
/// (skupperproject/skupper pkg/nonkube/api/environment.go): <c>&lt;data home&gt;/namespaces/&lt;ns&gt;/input/resources</c>
/// and the rest. One place for the layout, so that every plugin's files land where the others and the Go CLI look.
/// Added in SDK 2.1.
/// </summary>
public sealed class NamespaceHome(string dataHome, string @namespace)
{
    /// <summary>The namespace's folder given the context's data home and namespace.</summary>
    public static NamespaceHome Of(ICommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new NamespaceHome(context.DataHome, context.Namespace);
    }

    public string Namespace => @namespace;

    /// <summary>
    /// Why <paramref name="namespace"/> cannot be a folder name, or null when it can: it becomes one, so only a DNS-1123
    /// name may (no <c>..</c>, no <c>/</c>). The text is the usage error every command gives.
    /// </summary>
    public static string? Problem(string @namespace) =>
        KubernetesNames.CheckSubdomain(@namespace) is { } rule ? $"invalid namespace: {rule}" : null;

    /// <summary>Throws the usage error of <see cref="Problem"/> for this namespace, before any of its files is touched.</summary>
    public void Check()
    {
        if (Problem(@namespace) is { } problem) throw SkupperException.Usage(problem);
    }

    /// <summary><c>&lt;data home&gt;/namespaces/&lt;ns&gt;</c>.</summary>
    public string Root => Path.Combine(dataHome, "namespaces", @namespace);

    /// <summary>The resources the user gives: <c>input/resources</c>.</summary>
    public string InputResources => Under("input", "resources");

    /// <summary>
    /// The file of one resource the user gives, as the Go CLI names it (internal/nonkube/client/fs, <c>Kind-name.yaml</c>):
    /// <c>input/resources/Site-west.yaml</c>.
    /// </summary>
    public string InputResource(string kind, string name) => Path.Combine(InputResources, ResourceFile(kind, name));

    /// <summary>The same resource as the running site holds it: <c>runtime/resources/Site-west.yaml</c>.</summary>
    public string RuntimeResource(string kind, string name) => Path.Combine(RuntimeResources, ResourceFile(kind, name));

    /// <summary><c>Kind-name.yaml</c>: the name of a resource's file in <c>input/resources</c> and <c>runtime/resources</c>.</summary>
    public static string ResourceFile(string kind, string name) => $"{kind}-{name}.yaml";

    /// <summary>Certificate authorities the user gives, which replace generated ones: <c>input/issuers</c>.</summary>
    public string InputIssuers => Under("input", "issuers");

    /// <summary>Certificates the user gives, which replace generated ones: <c>input/certs</c>.</summary>
    public string InputCertificates => Under("input", "certs");

    /// <summary>What <c>system start</c> makes: <c>runtime</c>.</summary>
    public string Runtime => Under("runtime");

    /// <summary>The resources as the running site holds them, statuses included: <c>runtime/resources</c>.</summary>
    public string RuntimeResources => Under("runtime", "resources");

    /// <summary>Links to this site that <c>link generate</c> reads: <c>runtime/links</c>.</summary>
    public string RuntimeLinks => Under("runtime", "links");

    /// <summary>The router's configuration: <c>runtime/router</c>.</summary>
    public string RouterConfig => Under("runtime", "router");

    /// <summary>Generated server and client certificates: <c>runtime/certs</c>.</summary>
    public string Certificates => Under("runtime", "certs");

    /// <summary>Generated certificate authorities: <c>runtime/issuers</c>.</summary>
    public string Issuers => Under("runtime", "issuers");

    /// <summary>What the CLI keeps for itself: <c>internal</c> (<c>platform.yaml</c>, <c>snapshot</c>, <c>scripts</c>).</summary>
    public string Internal => Under("internal");

    /// <summary>A path inside the namespace's folder.</summary>
    public string Under(params string[] parts) => Path.Combine([Root, .. parts]);
}
