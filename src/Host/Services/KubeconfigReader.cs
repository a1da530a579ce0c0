using k8s.KubeConfigModels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Skupper.Cli.Host.Services;

/// <summary>
/// Reads a kubeconfig file into KubernetesClient's model. KubernetesClient's own loader builds a
/// reflection-based YAML deserializer on every start, which took ~230 ms of a ~600 ms
/// <c>token issue</c>; reading the node tree and mapping the fields kubectl uses takes ~30 ms.
/// File paths in the file (certificates, keys, an exec command with a slash) are made relative to
/// the file's folder, as kubectl does.
/// </summary>
public static class KubeconfigReader
{
    /// <summary>Throws <see cref="FormatException"/> saying what is wrong and where.</summary>
    public static K8SConfiguration Read(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new FormatException($"line {e.Start.Line}: {e.Message}");
        }
        if (stream.Documents.Count == 0) return new K8SConfiguration { FileName = path, Clusters = [], Users = [], Contexts = [] };
        var root = stream.Documents[0].RootNode as YamlMappingNode ?? throw new FormatException("the top level is not a mapping");
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? File(string? p) => string.IsNullOrEmpty(p) || Path.IsPathRooted(p) ? p : Path.Combine(dir, p);

        return new K8SConfiguration
        {
            FileName = path,
            ApiVersion = Text(root, "apiVersion"),
            Kind = Text(root, "kind"),
            CurrentContext = Text(root, "current-context"),
            Clusters = Items(root, "clusters").Select(c => new Cluster
            {
                Name = Text(c, "name"),
                ClusterEndpoint = Map(c, "cluster") is { } e ? new ClusterEndpoint
                {
                    Server = Text(e, "server"),
                    CertificateAuthority = File(Text(e, "certificate-authority")),
                    CertificateAuthorityData = Text(e, "certificate-authority-data"),
                    TlsServerName = Text(e, "tls-server-name"),
                    SkipTlsVerify = Text(e, "insecure-skip-tls-verify") is "true" or "True",
                } : null,
            }).ToList(),
            Users = Items(root, "users").Select(u => new User
            {
                Name = Text(u, "name"),
                UserCredentials = Map(u, "user") is { } c ? new UserCredentials
                {
                    ClientCertificate = File(Text(c, "client-certificate")),
                    ClientCertificateData = Text(c, "client-certificate-data"),
                    ClientKey = File(Text(c, "client-key")),
                    ClientKeyData = Text(c, "client-key-data"),
                    Token = Text(c, "token"),
                    UserName = Text(c, "username"),
                    Password = Text(c, "password"),
                    Impersonate = Text(c, "as"),
                    AuthProvider = Map(c, "auth-provider") is { } a ? new AuthProvider
                    {
                        Name = Text(a, "name"),
                        Config = Map(a, "config")?.Children.ToDictionary(kv => Scalar(kv.Key) ?? "", kv => Scalar(kv.Value) ?? "") ?? [],
                    } : null,
                    ExternalExecution = Map(c, "exec") is { } x ? new ExternalExecution
                    {
                        ApiVersion = Text(x, "apiVersion"),
                        Command = Text(x, "command") is { } cmd && cmd.Contains('/') ? File(cmd) : Text(x, "command"),
                        Arguments = Seq(x, "args").Select(n => Scalar(n) ?? "").ToList(),
                        EnvironmentVariables = Seq(x, "env").OfType<YamlMappingNode>()
                            .Select(m => new Dictionary<string, string> { ["name"] = Text(m, "name") ?? "", ["value"] = Text(m, "value") ?? "" })
                            .ToList(),
                        InstallHint = Text(x, "installHint"),
                        ProvideClusterInfo = Text(x, "provideClusterInfo") is "true" or "True",
                    } : null,
                } : null,
            }).ToList(),
            Contexts = Items(root, "contexts").Select(c => new Context
            {
                Name = Text(c, "name"),
                ContextDetails = Map(c, "context") is { } d ? new ContextDetails
                {
                    Cluster = Text(d, "cluster"),
                    User = Text(d, "user"),
                    Namespace = Text(d, "namespace"),
                } : null,
            }).ToList(),
        };
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlNode? node) => node is YamlScalarNode { Value: { } v } && v is not ("~" or "null") ? v : null;

    private static string? Text(YamlMappingNode map, string key) => Scalar(Get(map, key));

    private static YamlMappingNode? Map(YamlMappingNode map, string key) => Get(map, key) as YamlMappingNode;

    private static IEnumerable<YamlNode> Seq(YamlMappingNode map, string key) =>
        Get(map, key) is YamlSequenceNode s ? s.Children : [];

    /// <summary>The entries of a named list (clusters, users, contexts); anything else there is an error.</summary>
    private static IEnumerable<YamlMappingNode> Items(YamlMappingNode root, string key) =>
        Get(root, key) switch
        {
            null => [],
            YamlScalarNode s when Scalar(s) is null => [],
            YamlSequenceNode seq => seq.Children.Select(n => n as YamlMappingNode ?? throw new FormatException($"an entry of \"{key}\" is not a mapping")),
            _ => throw new FormatException($"\"{key}\" is not a list"),
        };
}
