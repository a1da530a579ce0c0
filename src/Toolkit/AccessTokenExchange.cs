using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Plugins;

/// <summary>
/// Claims an AccessToken from the grant server that issued it, as the Skupper Go CLI does off Kubernetes
/// (internal/nonkube/common/claim_redeemer.go, RedeemAccessToken): POST the code to the token's https URL trusting only
/// the token's CA, TLS 1.3 at least, no proxy, no redirects followed, a 10 s timeout, headers <c>name</c> (the token's
/// name) and <c>subject</c> (the namespace). <c>token redeem</c> writes what the server answers; <c>system start</c>
/// can redeem the tokens of a site's input the same way.
/// </summary>
public static class AccessTokenExchange
{
    /// <summary>How long the grant server has to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The largest answer read: a Secret and a few Links are a few KiB.</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    /// <summary>
    /// The grant server's refusals, in its words (internal/kube/grants/grants.go, checkAndUpdateAccessToken), and what they mean.
    /// </summary>
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["No such claim"] = "the grant does not exist or has expired",
        ["No such access granted"] = "the grant's redemptions are used up",
        ["Redemption of access token refused"] = "the token's code is wrong",
    };

    /// <summary>
    /// The grant server's answer to <paramref name="token"/> claimed for <paramref name="namespace"/>: YAML documents,
    /// a Secret followed by Links. A refusal, no answer in time, an answer over <see cref="MaxAnswerBytes"/> or a server
    /// that cannot be reached throws a <see cref="SkupperException"/> that begins "the token was not redeemed: ".
    /// </summary>
    public static async Task<string> ClaimAsync(AccessToken token, string @namespace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var url = new Uri(token.Spec.Url!);
        var trusted = new X509Certificate2Collection();
        trusted.ImportFromPem(token.Spec.Ca);
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // Go's zero http.Transport has no Proxy function: the Go CLI never goes through a proxy here.
            UseProxy = false,
            UseCookies = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedByTokenCa(certificate, errors, trusted),
            },
        };
        using var http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(token.Spec.Code!)),
        };
        request.Headers.TryAddWithoutValidation("name", token.Metadata.Name);
        request.Headers.TryAddWithoutValidation("subject", @namespace);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var where = $"the grant server at {url.GetLeftPart(UriPartial.Authority)}";
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            var body = await ReadCappedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK) return body;
            var text = Printable.Escape(body.Trim());
            var meaning = Meanings.TryGetValue(body.Trim(), out var m) ? $": {m}" : "";
            var said = text.Length > 0 ? " " + text : "";
            throw new SkupperException(
                $"the token was not redeemed: {where} answered {(int)response.StatusCode} ({response.ReasonPhrase}){said}{meaning}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SkupperException($"the token was not redeemed: no answer from {where} within {Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            throw new SkupperException($"the token was not redeemed: cannot reach {where}: {Printable.Escape(Innermost(e).Message)}");
        }
    }

    /// <summary>Go's tls.Config{RootCAs: the token's CA}: the chain must end at one of them and the host name must match.</summary>
    private static bool TrustedByTokenCa(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection trusted)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private static async Task<string> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > MaxAnswerBytes)
                throw new SkupperException("the token was not redeemed: the grant server's answer is larger than 1 MiB");
            buffer.Write(chunk, 0, n);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
