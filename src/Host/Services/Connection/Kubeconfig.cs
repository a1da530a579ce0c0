using Skupper.Cli.Sdk;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>A cluster entry: where the API server is and how to trust it.</summary>
public sealed record KubeCluster
{
    public string? Server { get; init; }
    public string? TlsServerName { get; init; }
    public bool InsecureSkipTlsVerify { get; init; }
    public string? CertificateAuthority { get; init; }
    public byte[]? CertificateAuthorityData { get; init; }
    public string? ProxyUrl { get; init; }
    public bool DisableCompression { get; init; }
    /// <summary>
    /// The <c>client.authentication.k8s.io/exec</c> extension, as JSON, handed to exec plugins that ask for cluster info.
    /// </summary>
    public string? ExecExtensionJson { get; init; }
}

/// <summary>A user entry: who to be.</summary>
public sealed record KubeUser
{
    public string? ClientCertificate { get; init; }
    public byte[]? ClientCertificateData { get; init; }
    public string? ClientKey { get; init; }
    public byte[]? ClientKeyData { get; init; }
    public string? Token { get; init; }
    public string? TokenFile { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? As { get; init; }
    public string? AsUid { get; init; }
    public IReadOnlyList<string> AsGroups { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AsUserExtra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public KubeAuthProvider? AuthProvider { get; init; }
    public KubeExec? Exec { get; init; }
}

public sealed record KubeAuthProvider(string Name, IReadOnlyDictionary<string, string> Config);

/// <summary>A client-go credential plugin (<c>users[].user.exec</c>).</summary>
public sealed record KubeExec
{
    public required string Command { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];
    public string? ApiVersion { get; init; }
    public string? InstallHint { get; init; }
    public bool ProvideClusterInfo { get; init; }
    public string? InteractiveMode { get; init; }
}

public sealed record KubeContext(string? Cluster, string? User, string? Namespace);

/// <summary>
/// One kubeconfig, or several merged. Entries keep kubectl's merge rule: the first file to name a
/// cluster, user or context wins, and so does the first current-context set
/// (client-go tools/clientcmd/loader.go, <c>ClientConfigLoadingRules.Load</c>).
/// </summary>
public sealed class Kubeconfig
{
    public string? CurrentContext { get; private set; }
    public Dictionary<string, KubeCluster> Clusters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, KubeUser> Users { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, KubeContext> Contexts { get; } = new(StringComparer.Ordinal);

    /// <summary>The files read, in order, for messages.</summary>
    public List<string> Files { get; } = [];

    public static Kubeconfig Merge(IEnumerable<Kubeconfig> configs)
    {
        var merged = new Kubeconfig();
        foreach (var c in configs)
        {
            merged.Files.AddRange(c.Files);
            if (string.IsNullOrEmpty(merged.CurrentContext)) merged.CurrentContext = c.CurrentContext;
            foreach (var (k, v) in c.Clusters) merged.Clusters.TryAdd(k, v);
            foreach (var (k, v) in c.Users) merged.Users.TryAdd(k, v);
            foreach (var (k, v) in c.Contexts) merged.Contexts.TryAdd(k, v);
        }
        return merged;
    }

    /// <summary>
    /// Reads one file. kubectl reads kubeconfig with a YAML 1.1 parser, so plain <c>yes</c>, <c>on</c>,
    /// <c>TRUE</c> are booleans too. File paths in it (certificates, keys, tokenFile, an exec command
    /// with a slash) are made relative to the file's folder, as kubectl does. Reading the node tree
    /// instead of KubernetesClient's reflection-built loader saved ~230 ms per command.
    /// Throws <see cref="FormatException"/> saying what is wrong and where.
    /// </summary>
    /// <summary>
    /// A kubeconfig larger than this is refused: kubectl's own are a few KB, one with hundreds of embedded certificates a few MB.
    /// </summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    public static Kubeconfig Read(string path)
    {
        // A regular file only (a FIFO would block every command and TAB press, /dev/zero never ends), read whole
        // within a cap, then checked for depth and aliasing before any node tree is built.
        var text = System.Text.Encoding.UTF8.GetString(RegularFile.ReadAllBytes(path, MaxBytes));
        var stream = new YamlStream();
        try
        {
            YamlLimits.CheckDepth(text);
            stream.Load(new StringReader(text));
            foreach (var document in stream.Documents) YamlLimits.CheckAliasing(document.RootNode);
        }
        catch (YamlException e)
        {
            throw new FormatException($"line {e.Start.Line}: {e.Message}");
        }
        var config = new Kubeconfig();
        config.Files.Add(path);
        if (stream.Documents.Count == 0 || Scalar(stream.Documents[0].RootNode) is null && stream.Documents[0].RootNode is YamlScalarNode)
            return config;
        var root = stream.Documents[0].RootNode as YamlMappingNode ?? throw new FormatException("the top level is not a mapping");
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? Local(string? p) => string.IsNullOrEmpty(p) || Path.IsPathRooted(p) ? p : Path.Combine(dir, p);

        config.CurrentContext = Text(root, "current-context");
        foreach (var (name, c) in Named(root, "clusters", "cluster"))
            config.Clusters.TryAdd(name, new KubeCluster
            {
                Server = Text(c, "server"),
                TlsServerName = Text(c, "tls-server-name"),
                InsecureSkipTlsVerify = Bool(c, "insecure-skip-tls-verify"),
                CertificateAuthority = Local(Text(c, "certificate-authority")),
                CertificateAuthorityData = Base64(c, "certificate-authority-data"),
                ProxyUrl = Text(c, "proxy-url"),
                DisableCompression = Bool(c, "disable-compression"),
                ExecExtensionJson = ExecExtension(c),
            });
        foreach (var (name, u) in Named(root, "users", "user"))
            config.Users.TryAdd(name, new KubeUser
            {
                ClientCertificate = Local(Text(u, "client-certificate")),
                ClientCertificateData = Base64(u, "client-certificate-data"),
                ClientKey = Local(Text(u, "client-key")),
                ClientKeyData = Base64(u, "client-key-data"),
                Token = Text(u, "token"),
                TokenFile = Local(Text(u, "tokenFile")),
                Username = Text(u, "username"),
                Password = Text(u, "password"),
                As = Text(u, "as"),
                AsUid = Text(u, "as-uid"),
                AsGroups = Strings(u, "as-groups"),
                AsUserExtra = Map(u, "as-user-extra")?.Children.ToDictionary(
                    kv => Scalar(kv.Key) ?? "",
                    kv => (IReadOnlyList<string>)(kv.Value is YamlSequenceNode s
                        ? s.Children.Select(n => Scalar(n) ?? "").ToList()
                        : [Scalar(kv.Value) ?? ""]))
                    ?? new Dictionary<string, IReadOnlyList<string>>(),
                AuthProvider = Map(u, "auth-provider") is { } a
                    ? new KubeAuthProvider(Text(a, "name") ?? "",
                        Map(a, "config")?.Children.ToDictionary(kv => Scalar(kv.Key) ?? "", kv => Scalar(kv.Value) ?? "") ?? [])
                    : null,
                Exec = Map(u, "exec") is { } x ? new KubeExec
                {
                    Command = Text(x, "command") is { } cmd
                        ? (cmd.Contains('/') ? Local(cmd)! : cmd)
                        : throw new FormatException($"user \"{name}\": exec has no command"),
                    Args = Strings(x, "args"),
                    Env = Seq(x, "env").OfType<YamlMappingNode>()
                        .Select(m => new KeyValuePair<string, string>(Text(m, "name") ?? "", Text(m, "value") ?? "")).ToList(),
                    ApiVersion = Text(x, "apiVersion"),
                    InstallHint = Text(x, "installHint"),
                    ProvideClusterInfo = Bool(x, "provideClusterInfo"),
                    InteractiveMode = Text(x, "interactiveMode"),
                } : null,
            });
        foreach (var (name, c) in Named(root, "contexts", "context"))
            config.Contexts.TryAdd(name, new KubeContext(Text(c, "cluster"), Text(c, "user"), Text(c, "namespace")));
        return config;
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlNode? node) =>
        node is YamlScalarNode { Value: { } v } s && !(s.Style == ScalarStyle.Plain && v is "~" or "null" or "Null" or "NULL" or "")
            ? v
            : null;

    private static string? Text(YamlMappingNode map, string key) => Scalar(Get(map, key));

    private static YamlMappingNode? Map(YamlMappingNode map, string key) => Get(map, key) as YamlMappingNode;

    private static IEnumerable<YamlNode> Seq(YamlMappingNode map, string key) =>
        Get(map, key) is YamlSequenceNode s ? s.Children : [];

    private static List<string> Strings(YamlMappingNode map, string key) => Seq(map, key).Select(n => Scalar(n) ?? "").ToList();

    /// <summary>YAML 1.1 booleans, as go-yaml v2 (which kubectl's loader uses) resolves plain scalars.</summary>
    private static bool Bool(YamlMappingNode map, string key)
    {
        if (Get(map, key) is not YamlScalarNode { Value: { } v } node || Scalar(node) is null) return false;
        if (node.Style == ScalarStyle.Plain)
        {
            if (v is "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y") return true;
            if (v is "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N") return false;
        }
        throw new FormatException($"\"{key}\" must be true or false, not \"{v}\"");
    }

    private static byte[]? Base64(YamlMappingNode map, string key)
    {
        if (Text(map, key) is not { } text) return null;
        try { return Convert.FromBase64String(text); }
        catch (FormatException) { throw new FormatException($"\"{key}\" is not valid base64"); }
    }

    /// <summary>The entries of a named list (clusters, users, contexts) with their inner mapping.</summary>
    private static IEnumerable<(string Name, YamlMappingNode Body)> Named(YamlMappingNode root, string key, string inner)
    {
        var items = Get(root, key) switch
        {
            null => [],
            YamlScalarNode s when Scalar(s) is null => [],
            YamlSequenceNode seq => seq.Children.Select(n =>
                n as YamlMappingNode ?? throw new FormatException($"an entry of \"{key}\" is not a mapping")),
            _ => throw new FormatException($"\"{key}\" is not a list"),
        };
        foreach (var item in items)
        {
            var name = Text(item, "name") ?? throw new FormatException($"an entry of \"{key}\" has no name");
            var body = Get(item, inner) switch
            {
                YamlMappingNode m => m,
                null => new YamlMappingNode(),
                YamlScalarNode s when Scalar(s) is null => new YamlMappingNode(),
                _ => throw new FormatException($"{inner} \"{name}\" is not a mapping"),
            };
            yield return (name, body);
        }
    }

    /// <summary>
    /// client-go passes the cluster's <c>extensions[name=client.authentication.k8s.io/exec]</c> to exec
    /// plugins as <c>spec.cluster.config</c> (tools/clientcmd/client_config.go, clusterExtensionKey).
    /// </summary>
    private static string? ExecExtension(YamlMappingNode cluster)
    {
        foreach (var e in Seq(cluster, "extensions").OfType<YamlMappingNode>())
            if (Text(e, "name") == "client.authentication.k8s.io/exec" && Get(e, "extension") is { } node)
                return YamlJson.ToJson(node);
        return null;
    }
}
