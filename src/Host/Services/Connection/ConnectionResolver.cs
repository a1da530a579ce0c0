using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// kubeconfig plus flags to <see cref="ConnectionSettings"/>, with kubectl's precedence
/// (client-go tools/clientcmd: loader.go for which files, client_config.go DirectClientConfig for
/// how flags override the context, cluster and user). Every problem is a usage error naming the
/// file, context, cluster or user it is about.
/// </summary>
public sealed class ConnectionResolver(
    HostEnvironment env, ConnectionFlags flags, string serviceAccount = ConnectionResolver.ServiceAccount)
{
    /// <summary>Where a pod's service account token, CA and namespace are (client-go rest/config.go, InClusterConfig).</summary>
    public const string ServiceAccount = "/var/run/secrets/kubernetes.io/serviceaccount";

    public ConnectionSettings Resolve()
    {
        var timeout = ParseTimeout(flags.RequestTimeout);
        var files = KubeconfigFiles();
        if (files.Count == 0 && flags.Server is null)
        {
            if (env.Get("KUBERNETES_SERVICE_HOST") is { } host && env.Get("KUBERNETES_SERVICE_PORT") is { } port)
                return InCluster(host, port, timeout);
            throw SkupperException.Usage(
                $"no kubeconfig found: {Printable.Path(Path.Combine(env.Home, ".kube", "config"))} does not exist; " +
                "use --kubeconfig or KUBECONFIG");
        }
        var config = Load(files);
        var where = Describe(files);

        var contextName = flags.Context ?? config.CurrentContext;
        KubeContext? context = null;
        if (!string.IsNullOrEmpty(contextName) && !config.Contexts.TryGetValue(contextName, out context))
        {
            var known = config.Contexts.Keys.ToList();
            throw SkupperException.Usage($"context \"{contextName}\" does not exist in {where}" +
                (known.Count > 0 ? $" (contexts: {string.Join(", ", known)})" : ""));
        }
        if (context is null && flags.Server is null && flags.Cluster is null)
            throw SkupperException.Usage($"no current context in {where}: use --context");

        var clusterName = flags.Cluster ?? context?.Cluster;
        var cluster = new KubeCluster();
        if (!string.IsNullOrEmpty(clusterName) && !config.Clusters.TryGetValue(clusterName, out cluster!))
            throw SkupperException.Usage(
                $"cluster \"{clusterName}\"{From(flags.Cluster, "context \"" + contextName + "\"")} does not exist in {where}");
        var userName = flags.User ?? context?.User;
        var user = new KubeUser();
        if (!string.IsNullOrEmpty(userName) && !config.Users.TryGetValue(userName, out user!))
            throw SkupperException.Usage(
                $"user \"{userName}\"{From(flags.User, "context \"" + contextName + "\"")} does not exist in {where}");

        cluster = OverrideCluster(cluster);
        user = OverrideUser(user);
        var server = ServerUrl(cluster, user, clusterName);
        var caCertificates = Roots(cluster, clusterName);
        var ns = flags.Namespace ?? context?.Namespace;
        return new ConnectionSettings
        {
            Server = server,
            Namespace = string.IsNullOrEmpty(ns) ? "default" : ns,
            Context = contextName,
            UserName = userName,
            CaCertificates = caCertificates,
            TlsServerName = cluster.TlsServerName,
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            ClientCertificate = user.ClientCertificate is not null || user.ClientCertificateData is not null
                ? new ClientCertificateSource(user.ClientCertificate, user.ClientCertificateData, user.ClientKey, user.ClientKeyData)
                : null,
            Credentials = server.Scheme == Uri.UriSchemeHttps ? CredentialsOf(user, userName ?? "", cluster, server) : Credentials.None,
            Impersonation = Impersonation(user, userName),
            ProxyUrl = cluster.ProxyUrl is { } proxy
                ? Uri.TryCreate(proxy, UriKind.Absolute, out var p) && p.Scheme is "http" or "https" or "socks5" or "socks5h"
                    ? p
                    : throw SkupperException.Usage(
                        $"cluster \"{clusterName}\": proxy-url \"{UrlText.Redact(proxy)}\" is not an http, https or socks5 URL")
                : null,
            DisableCompression = cluster.DisableCompression,
            RequestTimeout = timeout,
            Verbosity = flags.Verbosity,
        };
    }

    private static string From(string? flag, string context) => flag is not null ? " (from the flag)" : $" (from {context})";

    /// <summary>
    /// client_config.go getCluster: flags override fields; a CA or insecure flag replaces all TLS trust settings; --server clears
    /// tls-server-name unless given again.
    /// </summary>
    private KubeCluster OverrideCluster(KubeCluster c)
    {
        if (flags.Server is not null) c = c with { Server = flags.Server };
        if (flags.InsecureSkipTlsVerify || flags.CertificateAuthority is not null)
            c = c with
            {
                InsecureSkipTlsVerify = flags.InsecureSkipTlsVerify, CertificateAuthority = flags.CertificateAuthority,
                CertificateAuthorityData = null,
            };
        if (flags.TlsServerName is not null || flags.Server is not null) c = c with { TlsServerName = flags.TlsServerName };
        return c;
    }

    private KubeUser OverrideUser(KubeUser u)
    {
        if (flags.Token is not null) u = u with { Token = flags.Token };
        if (flags.ClientCertificate is not null) u = u with { ClientCertificate = flags.ClientCertificate, ClientCertificateData = null };
        if (flags.ClientKey is not null) u = u with { ClientKey = flags.ClientKey, ClientKeyData = null };
        if (flags.As is not null) u = u with { As = flags.As };
        if (flags.AsGroups.Count > 0) u = u with { AsGroups = flags.AsGroups };
        if (flags.AsUid is not null) u = u with { AsUid = flags.AsUid };
        return u;
    }

    /// <summary>rest.DefaultServerURL: a server without a scheme is https when TLS is configured, else http.</summary>
    private static Uri ServerUrl(KubeCluster cluster, KubeUser user, string? clusterName)
    {
        var raw = cluster.Server;
        if (string.IsNullOrEmpty(raw))
            throw SkupperException.Usage(clusterName is null
                ? "no server given: use --server or a kubeconfig context"
                : $"cluster \"{clusterName}\" has no server URL");
        if (!raw.Contains("://"))
        {
            var tls = cluster.CertificateAuthority is not null || cluster.CertificateAuthorityData is not null
                || cluster.InsecureSkipTlsVerify || user.ClientCertificate is not null || user.ClientCertificateData is not null;
            raw = (tls ? "https://" : "http://") + raw;
        }
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw SkupperException.Usage(
                $"server \"{cluster.Server}\"{(clusterName is null ? "" : $" of cluster \"{clusterName}\"")} is not an http or https URL");
        return uri;
    }

    private static X509Certificate2Collection? Roots(KubeCluster cluster, string? clusterName)
    {
        if (cluster.InsecureSkipTlsVerify)
        {
            // client-go rest/transport.go: "specifying a root certificates file with the insecure flag is not allowed".
            if (cluster.CertificateAuthority is not null || cluster.CertificateAuthorityData is not null)
                throw SkupperException.Usage(
                    $"cluster \"{clusterName}\" sets both a certificate-authority and insecure-skip-tls-verify: use one");
            return null;
        }
        string pem;
        if (cluster.CertificateAuthorityData is { } data) pem = System.Text.Encoding.ASCII.GetString(data);
        else if (cluster.CertificateAuthority is { } file)
        {
            try { pem = File.ReadAllText(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw SkupperException.Usage($"cannot read certificate-authority \"{Printable.Path(file)}\": {FileProblem.Describe(e)}");
            }
        }
        else return null;
        var roots = new X509Certificate2Collection();
        try { roots.ImportFromPem(pem); }
        catch (CryptographicException) { roots.Clear(); }
        if (roots.Count == 0)
            throw SkupperException.Usage($"the certificate-authority of cluster \"{clusterName}\" holds no PEM certificate");
        return roots;
    }

    /// <summary>
    /// client_config.go getUserIdentificationPartialConfig and client-go transport: a token (or
    /// tokenFile) and a username/password exclude each other; exec and an auth-provider exclude each
    /// other; an exec plugin is not run when a token, basic or client certificate is configured.
    /// </summary>
    private Credentials CredentialsOf(KubeUser user, string userName, KubeCluster cluster, Uri server)
    {
        var hasToken = !string.IsNullOrEmpty(user.Token) || !string.IsNullOrEmpty(user.TokenFile);
        var hasBasic = !string.IsNullOrEmpty(user.Username) || !string.IsNullOrEmpty(user.Password);
        var hasCert = user.ClientCertificate is not null || user.ClientCertificateData is not null;
        if (hasToken && hasBasic)
            throw SkupperException.Usage($"user \"{userName}\": a token and a username/password are both set: use one");
        if (user.Exec is not null && user.AuthProvider is not null)
            throw SkupperException.Usage($"user \"{userName}\": exec and auth-provider are both set: use one");
        // With both, client-go reads the file on every request and the token is only the fallback
        // (transport/round_trippers.go, NewBearerAuthWithRefreshRoundTripper): so --token does not
        // beat a kubeconfig tokenFile, in kubectl or here.
        if (!string.IsNullOrEmpty(user.TokenFile)) return Credentials.TokenFile(user.TokenFile, user.Token);
        if (!string.IsNullOrEmpty(user.Token)) return Credentials.Bearer(user.Token);
        if (hasBasic) return Credentials.Basic(user.Username ?? "", user.Password ?? "");
        if (user.AuthProvider is { } provider)
            return provider.Name == "oidc"
                ? new OidcCredentials(provider.Config, userName, TimeProvider.System)
                : throw SkupperException.Usage($"user \"{userName}\": auth-provider \"{provider.Name}\" is not supported " +
                                               "(kubectl dropped it too); use an exec credential plugin");
        if (user.Exec is { } exec && !hasCert) return new ExecCredentials(exec, userName, ClusterInfo(cluster, server), env);
        return Credentials.None;
    }

    /// <summary>ExecCredential spec.cluster (client.authentication.k8s.io Cluster): what the plugin may need to know.</summary>
    private static string ClusterInfo(KubeCluster c, Uri server)
    {
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("server", server.ToString().TrimEnd('/'));
            if (c.TlsServerName is not null) w.WriteString("tls-server-name", c.TlsServerName);
            if (c.InsecureSkipTlsVerify) w.WriteBoolean("insecure-skip-tls-verify", true);
            if (c.CertificateAuthorityData is { } ca) w.WriteBase64String("certificate-authority-data", ca);
            else if (c.CertificateAuthority is { } file && File.Exists(file))
                w.WriteBase64String("certificate-authority-data", File.ReadAllBytes(file));
            if (c.ProxyUrl is not null) w.WriteString("proxy-url", c.ProxyUrl);
            if (c.DisableCompression) w.WriteBoolean("disable-compression", true);
            if (c.ExecExtensionJson is not null)
            {
                w.WritePropertyName("config");
                using var ext = System.Text.Json.JsonDocument.Parse(c.ExecExtensionJson);
                ext.RootElement.WriteTo(w);
            }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Impersonation? Impersonation(KubeUser u, string? userName)
    {
        if (string.IsNullOrEmpty(u.As))
        {
            // client-go sends no impersonation without a user; the API server would refuse it (400).
            if (u.AsGroups.Count > 0 || u.AsUid is not null || u.AsUserExtra.Count > 0)
                throw SkupperException.Usage(
                    "--as-group, --as-uid and as-user-extra need a user to impersonate: add --as (or \"as\" in the kubeconfig user)");
            return null;
        }
        HeaderValue("impersonated user (--as)", u.As);
        if (u.AsUid is not null) HeaderValue("impersonated uid (--as-uid)", u.AsUid);
        foreach (var g in u.AsGroups) HeaderValue("impersonated group (--as-group)", g);
        foreach (var (key, values) in u.AsUserExtra)
            foreach (var v in values) HeaderValue($"impersonated user extra \"{Printable.Escape(key)}\"", v);
        return new Impersonation(u.As, u.AsUid, u.AsGroups, u.AsUserExtra);
    }

    /// <summary>
    /// Impersonation values travel as HTTP header values: a CR or LF would end the header and start another of the
    /// caller's choosing, and other control characters are no valid field value (RFC 9110, 5.5).
    /// </summary>
    private static void HeaderValue(string what, string value)
    {
        if (value.Any(c => char.IsControl(c)))
            throw SkupperException.Usage(
                $"{what} \"{Printable.Escape(value)}\" holds a control character (CR, LF, tab or another): give a plain name");
    }

    private ConnectionSettings InCluster(string host, string port, TimeSpan? timeout)
    {
        var ca = new X509Certificate2Collection();
        try { ca.ImportFromPemFile(Path.Combine(serviceAccount, "ca.crt")); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw SkupperException.Usage($"running in a pod, but the service account CA cannot be read: {FileProblem.Describe(e)}");
        }
        var ns = flags.Namespace ?? env.Get("POD_NAMESPACE");
        if (ns is null && File.Exists(Path.Combine(serviceAccount, "namespace")))
            ns = File.ReadAllText(Path.Combine(serviceAccount, "namespace")).Trim();
        return new ConnectionSettings
        {
            Server = new Uri($"https://{(host.Contains(':') ? $"[{host}]" : host)}:{port}"),
            Namespace = string.IsNullOrEmpty(ns) ? "default" : ns,
            CaCertificates = ca,
            Credentials = flags.Token is { } t ? Credentials.Bearer(t) : Credentials.TokenFile(Path.Combine(serviceAccount, "token")),
            Impersonation = Impersonation(new KubeUser { As = flags.As, AsGroups = flags.AsGroups, AsUid = flags.AsUid }, null),
            RequestTimeout = timeout,
            Verbosity = flags.Verbosity,
        };
    }

    /// <summary>kubectl's --request-timeout: a whole number of seconds, or a Go duration; 0 is none.</summary>
    private static TimeSpan? ParseTimeout(string? value)
    {
        if (value is null) return null;
        TimeSpan t;
        if (long.TryParse(value, out var seconds) && seconds >= 0) t = TimeSpan.FromSeconds(seconds);
        else if (!GoDuration.TryParse(value, out t) || t < TimeSpan.Zero)
            throw SkupperException.Usage(
                $"invalid --request-timeout \"{value}\": use a whole number of seconds or a number with a unit (e.g. 1s, 2m, 3h); " +
                "0 means no timeout");
        return t == TimeSpan.Zero ? null : t;
    }

    /// <summary>
    /// The kubeconfig kubectl would read (the same files, merged), or null when there is none: for
    /// completing <c>--context</c>, which must not need a working context.
    /// </summary>
    public Kubeconfig? LoadKubeconfig()
    {
        var files = KubeconfigFiles();
        return files.Count == 0 ? null : Load(files);
    }

    /// <summary>The files to read, in kubectl's order; files named in KUBECONFIG that do not exist are skipped, as kubectl does.</summary>
    private List<string> KubeconfigFiles()
    {
        if (flags.Kubeconfig is { } explicitPath)
        {
            if (!File.Exists(explicitPath))
                throw SkupperException.Usage($"kubeconfig file \"{Printable.Path(explicitPath)}\" (from --kubeconfig) does not exist");
            return [Path.GetFullPath(explicitPath)];
        }
        if (env.Get("KUBECONFIG") is { } list)
        {
            var existing = list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(File.Exists).Select(Path.GetFullPath).Distinct().ToList();
            if (existing.Count == 0)
                throw SkupperException.Usage($"no kubeconfig found: none of the files in KUBECONFIG exists ({Printable.Path(list)})");
            return existing;
        }
        var home = Path.Combine(env.Home, ".kube", "config");
        return File.Exists(home) ? [home] : [];
    }

    private static Kubeconfig Load(List<string> files)
    {
        // Each file alone, so that a malformed one is named.
        var parsed = new List<Kubeconfig>();
        foreach (var f in files)
        {
            try { parsed.Add(Kubeconfig.Read(f)); }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                var why = e is FormatException ? Printable.Escape(e.Message.Split('\n')[0].Trim()) : FileProblem.Describe(e);
                throw SkupperException.Usage($"kubeconfig file \"{Printable.Path(f)}\" is not valid: {why}");
            }
        }
        return parsed.Count == 1 ? parsed[0] : Kubeconfig.Merge(parsed);
    }

    private static string Describe(List<string> files) => files.Count switch
    {
        0 => "the flags (no kubeconfig file)",
        1 => $"kubeconfig file \"{Printable.Path(files[0])}\"",
        _ => $"kubeconfig files {string.Join(", ", files.Select(Printable.Path))}",
    };
}
