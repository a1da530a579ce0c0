using k8s;
using k8s.KubeConfigModels;
using Skupper.Cli.Host.Cli;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Host.Services;

/// <summary>
/// Owns kubeconfig, context and namespace for every command, read as kubectl reads them:
/// <c>--kubeconfig</c>, else every file in <c>KUBECONFIG</c> merged, else <c>~/.kube/config</c>,
/// else in-cluster. Nothing is read until a command first asks.
/// </summary>
public sealed class ClusterAccess : IClusterAccess
{
    private readonly HostEnvironment _env;
    private readonly GlobalOptions _globals;
    private readonly Lazy<(KubernetesClientConfiguration Config, string? Context, string Namespace)> _config;
    private readonly Lazy<IKubernetes> _client;

    public ClusterAccess(HostEnvironment env, GlobalOptions globals)
    {
        _env = env;
        _globals = globals;
        _config = new(Resolve);
        _client = new(() => new Kubernetes(_config.Value.Config));
    }

    public string Namespace => _config.Value.Namespace;
    public string? Context => _config.Value.Context;
    public IKubernetes Client => _client.Value;
    public string Server => _config.Value.Config.Host;

    public IResourceClient<T> Resources<T>() where T : SkupperResource, ISkupperKind => new ResourceClient<T>(this);

    public async Task EnsureSkupperInstalledAsync(CancellationToken cancellationToken)
    {
        try
        {
            var groups = await Client.Apis.GetAPIVersionsAsync(cancellationToken).ConfigureAwait(false);
            if (groups.Groups?.Any(g => g.Name == SkupperResource.Group && g.Versions.Any(v => v.Version == SkupperResource.Version)) == true)
                return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ApiErrors.Translate(e, "list", "API groups", null, this);
        }
        throw ApiErrors.NotInstalled(this);
    }

    private (KubernetesClientConfiguration, string?, string) Resolve()
    {
        var files = KubeconfigFiles();
        if (files.Count == 0)
        {
            if (KubernetesClientConfiguration.IsInCluster())
                return (KubernetesClientConfiguration.InClusterConfig(), null,
                    _globals.Namespace ?? ReadInClusterNamespace() ?? "default");
            throw SkupperException.Usage(
                $"no kubeconfig found: {Path.Combine(_env.Home, ".kube", "config")} does not exist; use --kubeconfig or KUBECONFIG");
        }

        var merged = Load(files);
        var contextName = _globals.Context ?? merged.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
            throw SkupperException.Usage($"no current context in {Describe(files)}: use --context");
        var context = merged.Contexts?.FirstOrDefault(c => c.Name == contextName);
        if (context is null)
        {
            var known = merged.Contexts?.Select(c => c.Name).ToList() ?? [];
            throw SkupperException.Usage(
                $"context \"{contextName}\" does not exist in {Describe(files)}" +
                (known.Count > 0 ? $" (contexts: {string.Join(", ", known)})" : ""));
        }
        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, contextName);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or ArgumentException or IOException)
        {
            throw SkupperException.Usage($"kubeconfig context \"{contextName}\" cannot be used: {e.Message}");
        }
        var ns = _globals.Namespace ?? context.ContextDetails?.Namespace;
        return (config, contextName, string.IsNullOrEmpty(ns) ? "default" : ns);
    }

    /// <summary>The files to read, in kubectl's order; files named in KUBECONFIG that do not exist are skipped, as kubectl does.</summary>
    private List<FileInfo> KubeconfigFiles()
    {
        if (_globals.Kubeconfig is { } explicitPath)
        {
            var file = new FileInfo(explicitPath);
            if (!file.Exists) throw SkupperException.Usage($"kubeconfig file \"{explicitPath}\" (from --kubeconfig) does not exist");
            return [file];
        }
        if (_env.Get("KUBECONFIG") is { } list)
        {
            var named = list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            var existing = named.Select(p => new FileInfo(p)).Where(f => f.Exists).DistinctBy(f => f.FullName).ToList();
            if (existing.Count == 0)
                throw SkupperException.Usage($"no kubeconfig found: none of the files in KUBECONFIG exists ({list})");
            return existing;
        }
        var home = new FileInfo(Path.Combine(_env.Home, ".kube", "config"));
        return home.Exists ? [home] : [];
    }

    private static K8SConfiguration Load(List<FileInfo> files)
    {
        // Each file alone first, so that a malformed one is named; only several files need the merge.
        var parsed = new List<K8SConfiguration>();
        foreach (var f in files)
        {
            try { parsed.Add(KubeconfigReader.Read(f.FullName)); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw SkupperException.Usage($"kubeconfig file \"{f.FullName}\" is not valid: {FirstLine(e.Message)}");
            }
        }
        return parsed.Count == 1 ? parsed[0] : Merge(parsed);
    }

    /// <summary>
    /// kubectl's merge: the first file to name a cluster, user or context wins, and so does the
    /// first current-context set.
    /// </summary>
    private static K8SConfiguration Merge(IEnumerable<K8SConfiguration> configs)
    {
        var merged = new K8SConfiguration { Clusters = [], Users = [], Contexts = [] };
        foreach (var c in configs)
        {
            if (string.IsNullOrEmpty(merged.CurrentContext)) merged.CurrentContext = c.CurrentContext;
            merged.Clusters = merged.Clusters.Concat((c.Clusters ?? []).Where(x => merged.Clusters.All(m => m.Name != x.Name))).ToList();
            merged.Users = merged.Users.Concat((c.Users ?? []).Where(x => merged.Users.All(m => m.Name != x.Name))).ToList();
            merged.Contexts = merged.Contexts.Concat((c.Contexts ?? []).Where(x => merged.Contexts.All(m => m.Name != x.Name))).ToList();
        }
        return merged;
    }

    private static string Describe(List<FileInfo> files) =>
        files.Count == 1 ? $"kubeconfig file \"{files[0].FullName}\"" : $"kubeconfig files {string.Join(", ", files.Select(f => f.FullName))}";

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    private static string? ReadInClusterNamespace()
    {
        const string path = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }
}
