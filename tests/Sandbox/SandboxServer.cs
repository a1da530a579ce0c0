using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Skupper.Sandbox;

/// <summary>
/// A running sandbox: a Kubernetes API server on https://127.0.0.1:PORT serving namespaces, secrets and
/// the Skupper v2 CRDs, with a simulated Skupper controller. Start with <see cref="StartAsync"/>, point
/// clients at <see cref="KubeconfigPath"/>, dispose to stop.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    public const string SkupperGroup = ApiCatalog.SkupperGroup;
    public const string SkupperVersion = ApiCatalog.SkupperVersion;

    private readonly WebApplication _app;
    private readonly CertificateAuthority _ca;
    private readonly Authenticator _authenticator;
    private readonly SkupperController? _controller;
    private readonly CancellationTokenSource _stopping;
    private readonly string? _ownedDirectory;
    private int _disposed;

    private SandboxServer(WebApplication app, CertificateAuthority ca, Authenticator authenticator, CancellationTokenSource stopping, ApiCatalog catalog,
        ResourceStore store, string url, string kubeconfigPath, string? ownedDirectory, string token, IReadOnlyList<string> namespaces,
        RequestLog requests, FaultSettings faults, RbacRules rbac, ControllerSettings controllerSettings, GrantServer grants,
        SkupperWorkloads workloads)
    {
        Workloads = workloads;
        _app = app;
        _ca = ca;
        _authenticator = authenticator;
        _stopping = stopping;
        Catalog = catalog;
        Store = store;
        Url = url;
        KubeconfigPath = kubeconfigPath;
        _ownedDirectory = ownedDirectory;
        Token = token;
        Namespaces = namespaces;
        Requests = requests;
        Faults = faults;
        Rbac = rbac;
        Controller = controllerSettings;
        if (catalog.SkupperInstalled)
            _controller = new SkupperController(catalog, store, controllerSettings, url, ca.CaPem, grants, workloads);
        Finalizers = new FinalizingController(store);
    }

    /// <summary>Adds <paramref name="finalizer"/> to a skupper.io object, as another controller would, so a DELETE only marks it.</summary>
    public JsonObject AddFinalizer(string plural, string ns, string name, string finalizer) =>
        ChangeFinalizers(plural, ns, name, list => { if (!list.Any(f => f?.GetValue<string>() == finalizer)) list.Add(finalizer); });

    /// <summary>Removes <paramref name="finalizer"/> from a skupper.io object; the last one gone, an object being deleted is removed.</summary>
    public JsonObject RemoveFinalizer(string plural, string ns, string name, string finalizer) =>
        ChangeFinalizers(plural, ns, name, list => { foreach (var f in list.Where(f => f?.GetValue<string>() == finalizer).ToList()) list.Remove(f); });

    private JsonObject ChangeFinalizers(string plural, string ns, string name, Action<JsonArray> change) =>
        Store.Update(Type(SkupperGroup, SkupperVersion, plural), ns, name, current =>
        {
            var meta = current["metadata"]!.AsObject();
            if (meta["finalizers"] is not JsonArray list) meta["finalizers"] = list = [];
            change(list);
            return current;
        }, statusSubresource: false, isPatch: true);

    /// <summary>The Kubernetes objects of Skupper's router and controller, pod logs included (<see cref="SkupperWorkloads"/>).</summary>
    public SkupperWorkloads Workloads { get; }

    /// <summary>Removes the finalizers registered with it from objects being deleted, after a delay (graceful deletion).</summary>
    public FinalizingController Finalizers { get; }

    /// <summary>https://127.0.0.1:PORT</summary>
    public string Url { get; }

    public int Port => new Uri(Url).Port;

    /// <summary>kubeconfig with one context per namespace (current: the first namespace), all using the bearer
    /// token, plus the context <c>FIRST-cert</c> (FIRST: the first namespace) using the client certificate of
    /// user "cert-user" in group "system:masters" (kubeconfig user <c>sandbox-cert</c>).</summary>
    public string KubeconfigPath { get; }

    /// <summary>The sandbox's own bearer token; it authenticates as <see cref="RbacRules.UserName"/> ("sandbox-user").</summary>
    public string Token { get; }

    /// <summary>PEM of the CA that signed the server certificate (also in the kubeconfig).</summary>
    public string CaPem => _ca.CaPem;

    public IReadOnlyList<string> Namespaces { get; }

    /// <summary>Every request served; use Count/Clear to measure a command.</summary>
    public RequestLog Requests { get; }

    /// <summary>Fault injection, changeable at any time.</summary>
    public FaultSettings Faults { get; }

    /// <summary>Simulated RBAC denials (403 Forbidden), per user and for impersonation too.</summary>
    public RbacRules Rbac { get; }

    /// <summary>Controller on/off and per-kind delays.</summary>
    public ControllerSettings Controller { get; }

    /// <summary>Served resource types.</summary>
    public ApiCatalog Catalog { get; }

    /// <summary>The object store itself (API semantics: Create/Update/Delete validate; Put is the raw back door).</summary>
    public ResourceStore Store { get; }

    /// <summary>Accepts another bearer token, authenticating as <paramref name="user"/> in <paramref name="groups"/>
    /// (and system:authenticated), like a line of kube-apiserver's --token-auth-file. For tokenFile, exec plugin
    /// and OIDC id-token tests.</summary>
    public void AddToken(string token, string user, params string[] groups) => _authenticator.AddToken(token, user, groups);

    /// <summary>Accepts HTTP basic credentials for user <paramref name="username"/>. Real API servers dropped
    /// --basic-auth-file in 1.19: this models an authenticating front proxy; kubectl still sends a kubeconfig's
    /// username/password.</summary>
    public void AddBasicUser(string username, string password, params string[] groups) => _authenticator.AddBasicUser(username, password, groups);

    /// <summary>A client certificate signed by the sandbox CA, valid for 30 days: CN = <paramref name="user"/>, one O per
    /// group, client-auth usage; the API server's x509 authenticator reads it as that user in those groups. PEM texts
    /// (the key is PKCS#8 ECDSA P-256).</summary>
    public (string CertificatePem, string KeyPem) IssueClientCertificate(string user, params string[] groups) =>
        _ca.IssueClientCertificate(user, groups);

    /// <summary>The same, valid from an hour ago for <paramref name="validFor"/> (negative: already expired).</summary>
    public (string CertificatePem, string KeyPem) IssueClientCertificate(TimeSpan validFor, string user, params string[] groups) =>
        _ca.IssueClientCertificate(user, groups, validFor);

    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        if (options.ServerNames.Count == 0) throw new ArgumentException("SandboxOptions.ServerNames needs at least one name", nameof(options));
        var ca = new CertificateAuthority(options.ServerNames);
        var catalog = new ApiCatalog(options.InstallSkupper);
        var store = new ResourceStore(catalog, options.WatchHistorySize);
        foreach (var ns in options.Namespaces)
            store.Create(catalog.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        foreach (var crd in catalog.Crds) store.Create(catalog.CustomResourceDefinitions, null, crd.DeepClone().AsObject());
        var podLogs = new PodLogs(store, catalog);
        var workloads = new SkupperWorkloads(store, catalog, podLogs);
        if (options.ControllerNamespace is { } controllerNs)
        {
            if (store.Get(catalog.Namespaces, null, controllerNs) is null)
                store.Create(catalog.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = controllerNs } });
            workloads.EnsureController(controllerNs);
        }
        var token = options.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var faults = new FaultSettings();
        options.Faults?.Invoke(faults);
        var requests = new RequestLog(options.LogRequestsTo);
        var rbac = new RbacRules();
        var controller = new ControllerSettings
        {
            SiteDelay = options.SiteDelay,
            GrantDelay = options.GrantDelay,
            TokenDelay = options.TokenDelay,
            LinkDelay = options.LinkDelay,
            Enabled = options.ControllerEnabled,
            ResyncPeriod = options.ResyncPeriod,
            FailRedemptions = options.FailRedemptions,
            RedemptionFailure = options.RedemptionFailure,
            FailSiteReconciles = options.FailSiteReconciles,
        };
        var grants = new GrantServer(catalog, store, controller, ca);
        var stopping = new CancellationTokenSource();
        var authenticator = new Authenticator(ca, rbac, token);
        var api = new KubeApi(catalog, store, faults, requests, rbac, authenticator, options.BookmarkInterval, stopping.Token, podLogs);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Skupper.Sandbox", Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(options.Ipv6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = ca.ServerCertificate,
                    // As kube-apiserver (tls.RequestClientCert): ask for a client certificate, accept any at the TLS
                    // layer, and let the authenticator verify it, so a bad certificate is a 401, not a failed handshake.
                    ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                    ClientCertificateValidation = (_, _, _) => true,
                });
            });
        });
        var app = builder.Build();
        // The grant server shares the API server's port and certificate (Skupper serves it apart, also over HTTPS).
        app.Run(ctx => ctx.Request.Path.StartsWithSegments(GrantServer.PathPrefix.TrimEnd('/')) && catalog.SkupperInstalled
            ? grants.HandleAsync(ctx)
            : api.HandleAsync(ctx));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            ca.Dispose();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = $"https://{(options.Ipv6 ? "[::1]" : "127.0.0.1")}:{new Uri(address).Port}";

        string? owned = null;
        var kubeconfig = options.KubeconfigPath;
        if (kubeconfig == null)
        {
            owned = Directory.CreateTempSubdirectory("skupper-sandbox-").FullName;
            kubeconfig = Path.Combine(owned, "kubeconfig");
        }
        var (certPem, keyPem) = ca.IssueClientCertificate(KubeconfigWriter.CertUser, [KubeconfigWriter.CertGroup]);
        KubeconfigWriter.Write(kubeconfig, KubeconfigWriter.Render(url, ca.CaPem, token, options.Namespaces, certPem, keyPem));
        return new SandboxServer(app, ca, authenticator, stopping, catalog, store, url, Path.GetFullPath(kubeconfig), owned, token,
            options.Namespaces, requests, faults, rbac, controller, grants, workloads);
    }

    private ResourceType Type(string group, string version, string plural) => Catalog.Require(group, version, plural);

    /// <summary>Reads an object (a copy), or null. Use group "" and version "v1" for secrets and namespaces.</summary>
    public JsonObject? Get(string group, string version, string plural, string? ns, string name) =>
        Store.Get(Type(group, version, plural), ns, name);

    /// <summary>Lists objects (copies) in a namespace, or in all when <paramref name="ns"/> is null.</summary>
    public IReadOnlyList<JsonObject> List(string group, string version, string plural, string? ns) =>
        Store.List(Type(group, version, plural), ns, out _);

    /// <summary>Creates or replaces an object as given, status included; watchers and the controller see it.</summary>
    public JsonObject Put(string group, string version, string plural, string? ns, JsonObject obj) =>
        Store.Put(Type(group, version, plural), ns, obj);

    /// <summary>Deletes an object; false if it did not exist.</summary>
    public bool Delete(string group, string version, string plural, string? ns, string name)
    {
        try
        {
            Store.Delete(Type(group, version, plural), ns, name);
            return true;
        }
        catch (ApiException e) when (e.Code == 404)
        {
            return false;
        }
    }

    /// <summary>Shorthand for skupper.io/v2alpha1 objects, e.g. GetSkupper("accessgrants", "west", "g1").</summary>
    public JsonObject? GetSkupper(string plural, string ns, string name) => Get(SkupperGroup, SkupperVersion, plural, ns, name);

    /// <summary>Shorthand for <see cref="Put"/> on skupper.io/v2alpha1.</summary>
    public JsonObject PutSkupper(string plural, string ns, JsonObject obj) => Put(SkupperGroup, SkupperVersion, plural, ns, obj);

    /// <summary>Polls until <paramref name="predicate"/> holds for the object, or throws TimeoutException.</summary>
    public async Task<JsonObject> WaitForAsync(string group, string version, string plural, string? ns, string name,
        Func<JsonObject, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var obj = Get(group, version, plural, ns, name);
            if (obj != null && predicate(obj)) return obj;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{plural} {ns}/{name} did not reach the expected state; last seen: {obj?.ToJsonString() ?? "absent"}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until a skupper.io object's status.status is <paramref name="status"/> (e.g. "Ready").</summary>
    public Task<JsonObject> WaitForStatusAsync(string plural, string ns, string name, string status = "Ready", TimeSpan? timeout = null) =>
        WaitForAsync(SkupperGroup, SkupperVersion, plural, ns, name, o => o["status"]?["status"]?.GetValue<string>() == status, timeout);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stopping.Cancel();
        if (_controller != null) await _controller.DisposeAsync();
        await Finalizers.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ca.Dispose();
        _stopping.Dispose();
        if (_ownedDirectory != null)
        {
            try { Directory.Delete(_ownedDirectory, recursive: true); }
            catch (IOException) { }
        }
    }
}
