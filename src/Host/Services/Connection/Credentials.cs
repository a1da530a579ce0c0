using System.Text;
using System.Text.Json;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// Who the requests are from. Resolved once per process: a token file is read once and an exec
/// plugin runs at most once (kubectl also runs it once per command), however many requests and
/// clients (the host's own and a plugin's <c>IKubernetes</c>) share it.
/// </summary>
public abstract class Credentials
{
    private Task<Credential>? _resolved;
    private readonly Lock _lock = new();

    /// <summary>Describes the kind for messages: "token", "exec plugin \"aws\"", ...</summary>
    public abstract string Kind { get; }

    public Task<Credential> GetAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return _resolved ??= ResolveAsync(cancellationToken);
    }

    protected abstract Task<Credential> ResolveAsync(CancellationToken cancellationToken);

    public static Credentials None { get; } = new Fixed(new Credential(null, null), "no credentials");

    public static Credentials Bearer(string token) => new Fixed(new Credential("Bearer " + token.Trim(), null), "token");

    public static Credentials Basic(string user, string password) =>
        new Fixed(new Credential("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")), null),
            "username and password");

    public static Credentials TokenFile(string path, string? fallback = null) => new FromTokenFile(path, fallback);

    private sealed class Fixed(Credential credential, string kind) : Credentials
    {
        public override string Kind => kind;
        protected override Task<Credential> ResolveAsync(CancellationToken cancellationToken) => Task.FromResult(credential);
    }

    private sealed class FromTokenFile(string path, string? fallback) : Credentials
    {
        /// <summary>A service-account token is about 1 KB; 1 MiB leaves room for any bearer token a server accepts.</summary>
        private const int MaxTokenFileBytes = 1024 * 1024;

        public override string Kind => $"tokenFile \"{Printable.Path(path)}\"";

        protected override async Task<Credential> ResolveAsync(CancellationToken cancellationToken)
        {
            try
            {
                // A regular file within a cap: a FIFO would block, /dev/zero grew to 1.3 GB in 6 s.
                var token = System.Text.Encoding.UTF8.GetString(RegularFile.ReadAllBytes(path, MaxTokenFileBytes)).Trim();
                if (token.Length == 0) throw new ConnectionException($"tokenFile \"{Printable.Path(path)}\" is empty");
                return new Credential("Bearer " + token, null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (!string.IsNullOrEmpty(fallback)) return new Credential("Bearer " + fallback.Trim(), null);
                throw new ConnectionException($"cannot read tokenFile \"{Printable.Path(path)}\": {FileProblem.Describe(e)}");
            }
        }
    }
}

/// <summary>An Authorization header value and, from an exec plugin, a client certificate (PEM pair).</summary>
public sealed record Credential(string? Authorization, ClientCertificateSource? ClientCertificate);

/// <summary>
/// The <c>oidc</c> auth-provider: its id-token is the bearer token
/// (client-go plugin/pkg/client/auth/oidc/oidc.go). An expired id-token is refreshed by kubectl,
/// which also writes the new one back into the kubeconfig; this client does not rewrite kubeconfig
/// files, so it says what to do instead.
/// </summary>
public sealed class OidcCredentials(IReadOnlyDictionary<string, string> config, string userName, TimeProvider clock) : Credentials
{
    public override string Kind => "oidc auth-provider";

    protected override Task<Credential> ResolveAsync(CancellationToken cancellationToken)
    {
        if (!config.TryGetValue("id-token", out var idToken) || string.IsNullOrWhiteSpace(idToken))
            throw new ConnectionException($"user \"{userName}\": the oidc auth-provider has no id-token; log in with your OIDC tool " +
                                          "(or run one kubectl command, which refreshes it) and try again");
        if (ExpiresAt(idToken) is { } expiry && expiry <= clock.GetUtcNow().AddSeconds(10))
            throw new ConnectionException(
                $"user \"{userName}\": the oidc id-token expired at {expiry:yyyy-MM-dd HH:mm:ss}Z; run one kubectl command " +
                "(kubectl refreshes it and saves it in the kubeconfig) or log in again");
        return Task.FromResult(new Credential("Bearer " + idToken, null));
    }

    /// <summary>The JWT's <c>exp</c> claim, or null when it is not a readable JWT (the server then decides).</summary>
    private static DateTimeOffset? ExpiresAt(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            using var doc = JsonDocument.Parse(Convert.FromBase64String(payload));
            return doc.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
