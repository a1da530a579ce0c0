using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;

namespace Skupper.Sandbox.Tests;

public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Runs the real kubectl against a sandbox (its kubeconfig, or <paramref name="kubeconfig"/>), with its own
/// discovery cache directory, which is also its HOME.</summary>
public sealed class Kubectl(SandboxServer server, string? kubeconfig = null) : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;

    public async Task<KubectlResult> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and requires exit code 0.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var r = await RunAsync(args);
        r.ExitCode.ShouldBe(0, r.ToString());
        return r.Stdout;
    }

    public Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--kubeconfig");
        psi.ArgumentList.Add(kubeconfig ?? server.KubeconfigPath);
        psi.ArgumentList.Add("--cache-dir");
        psi.ArgumentList.Add(_cache);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["KUBECACHEDIR"] = _cache;
        psi.Environment["HOME"] = _cache;
        psi.Environment.Remove("KUBECONFIG");
        return Process.Start(psi)!;
    }

    public void Dispose()
    {
        try { Directory.Delete(_cache, true); } catch (IOException) { }
    }
}

public static class Clients
{
    public static Kubernetes Kubernetes(SandboxServer server) =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));

    /// <summary>A raw HTTP client trusting the sandbox CA, with (or without) the bearer token.</summary>
    public static HttpClient Http(SandboxServer server, bool withToken = true)
    {
        var ca = X509Certificate2.CreateFromPem(server.CaPem);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, chain, _) =>
            {
                chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(cert!);
            },
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri(server.Url) };
        if (withToken) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        return http;
    }

    public static StringContent Json(string text, string type = "application/json") => new(text, Encoding.UTF8, type);

    public static async Task<(int Code, JsonObject Body)> SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content = null)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(method, path) { Content = content });
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }
}

public static class Objects
{
    public const string G = SandboxServer.SkupperGroup;
    public const string V = SandboxServer.SkupperVersion;

    public static JsonObject Site(string name, string? linkAccess = null, bool edge = false)
    {
        var spec = new JsonObject();
        if (linkAccess != null) spec["linkAccess"] = linkAccess;
        if (edge) spec["edge"] = true;
        return new JsonObject { ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Site", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec };
    }

    public static JsonObject Grant(string name, int redemptions = 1, string window = "15m") => new()
    {
        ["apiVersion"] = "skupper.io/v2alpha1",
        ["kind"] = "AccessGrant",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["redemptionsAllowed"] = redemptions, ["expirationWindow"] = window },
    };

    public static JsonObject Token(string name, string url, string code, string ca = "x") => new()
    {
        ["apiVersion"] = "skupper.io/v2alpha1",
        ["kind"] = "AccessToken",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["url"] = url, ["code"] = code, ["ca"] = ca, ["linkCost"] = 1 },
    };

    public static string? Str(this JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();

    public static string? Condition(JsonObject obj, string type) =>
        obj["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["status"]?.GetValue<string>();
}

/// <summary>A sandbox with zero controller delays, for fast controller tests.</summary>
public sealed class FastSandboxFixture : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new SandboxOptions().WithDelay(TimeSpan.Zero);
}
