using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using YamlDotNet.Core;

namespace Skupper.Plugins.Token;

/// <summary>
/// <c>token redeem</c> on Docker, Podman and Linux, as the Skupper Go CLI does it
/// (internal/cmd/skupper/token/nonkube/token_redeem.go, Run, with internal/nonkube/common/claim_redeemer.go,
/// RedeemAccessToken): POST the code to the token's https URL trusting only the token's CA, TLS 1.3 at least,
/// no redirects followed, a 10 s timeout, headers <c>name</c> (the token's name) and <c>subject</c> (the
/// namespace); read back a Secret and Links; write them as <c>Secret-NAME.yaml</c> and <c>Link-NAME.yaml</c>
/// into the namespace's <c>input/resources</c>, where the site's files are (fs.SecretHandler.Add, fs.LinkHandler.Add).
/// All files are written or none.
/// </summary>
internal static class GrantClaim
{
    private static readonly TimeSpan PostTimeout = TimeSpan.FromSeconds(10);
    private const int MaxAnswerBytes = 1024 * 1024;

    /// <summary>The grant server's refusals, in its words (internal/kube/grants/grants.go, checkAndUpdateAccessToken), and what they mean.</summary>
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["No such claim"] = "the grant does not exist or has expired",
        ["No such access granted"] = "the grant's redemptions are used up",
        ["Redemption of access token refused"] = "the token's code is wrong",
    };

    /// <summary>Claims the token from its grant server and writes what it answers; the namespace is a checked DNS-1123 name.</summary>
    public static async Task RedeemAsync(ICommandContext context, string @namespace, AccessToken token, CancellationToken cancellationToken)
    {
        var answer = await PostAsync(token, @namespace, cancellationToken).ConfigureAwait(false);
        var files = Files(context.Output, answer, @namespace);
        WriteAll(new NamespaceHome(context.DataHome, @namespace).InputResources, files);
    }

    private static async Task<string> PostAsync(AccessToken token, string @namespace, CancellationToken cancellationToken)
    {
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
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(token.Spec.Code!)) };
        request.Headers.TryAddWithoutValidation("name", token.Metadata.Name);
        request.Headers.TryAddWithoutValidation("subject", @namespace);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PostTimeout);
        var where = $"the grant server at {url.GetLeftPart(UriPartial.Authority)}";
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ReadCappedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK) return body;
            var text = Printable.Escape(body.Trim());
            var meaning = Meanings.TryGetValue(body.Trim(), out var m) ? $": {m}" : "";
            throw new SkupperException(
                $"the token was not redeemed: {where} answered {(int)response.StatusCode} ({response.ReasonPhrase}){(text.Length > 0 ? " " + text : "")}{meaning}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SkupperException($"the token was not redeemed: no answer from {where} within {PostTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            throw new SkupperException($"the token was not redeemed: cannot reach {where}: {Printable.Escape(Innermost(e).Message)}");
        }
    }

    /// <summary>Go's tls.Config{RootCAs: the token's CA}: the chain must end at one of them and the host name must match.</summary>
    private static bool TrustedByTokenCa(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection trusted)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
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
            if (buffer.Length + n > MaxAnswerBytes) throw new SkupperException("the token was not redeemed: the grant server's answer is larger than 1 MiB");
            buffer.Write(chunk, 0, n);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    /// <summary>
    /// The answer's Secret (first) and Links as (file name, text), checked before anything is written, in YAML as the Go CLI
    /// writes resource files (internal/cmd/skupper/common/utils/encode.go, Encode "yaml").
    /// </summary>
    private static List<(string File, string Text, bool Secret)> Files(IOutput output, string answer, string @namespace)
    {
        List<JsonObject> documents;
        try
        {
            documents = TokenYaml.ParseDocuments(answer).OfType<JsonObject>().ToList();
        }
        catch (YamlException e)
        {
            throw new SkupperException($"the token was not redeemed: the grant server's answer is not valid YAML: {Printable.Escape(e.Message)}");
        }
        var files = new List<(string, string, bool)>();
        for (var i = 0; i < documents.Count; i++)
        {
            var doc = documents[i];
            var kind = i == 0 ? "Secret" : "Link";
            var docName = (doc["metadata"]?["name"] as JsonValue)?.ToString();
            if ((doc["kind"] as JsonValue)?.ToString() != kind || docName is null || KubernetesNames.CheckSubdomain(docName) is not null)
                throw new SkupperException($"the token was not redeemed: the grant server's answer is not a Secret followed by Links (document {i + 1})");
            doc["metadata"]!["namespace"] = @namespace;
            files.Add(($"{kind}-{docName}.yaml", output.RenderYaml(doc, YamlStyle.GoCli), i == 0));
        }
        if (files.Count < 2) throw new SkupperException("the token was not redeemed: the grant server's answer holds no Link");
        return files;
    }

    /// <summary>
    /// Writes every file to a temporary name first, then renames them all; on any failure nothing is left, neither
    /// temporary files nor some of the results. The Secret holds the link's private key: owner-only, like a token file.
    /// </summary>
    private static void WriteAll(string folder, List<(string File, string Text, bool Secret)> files)
    {
        var staged = new List<(string Temp, string Final)>();
        var placed = new List<string>();
        try
        {
            Directory.CreateDirectory(folder);
            foreach (var (file, text, secret) in files)
            {
                var final = Path.Combine(folder, file);
                var temp = Path.Combine(folder, $".{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = secret ? AtomicFile.Secret : AtomicFile.Ordinary;
                staged.Add((temp, final));
                using (var stream = new FileStream(temp, options))
                {
                    stream.Write(Encoding.UTF8.GetBytes(text));
                    stream.Flush(flushToDisk: true);
                }
            }
            foreach (var (temp, final) in staged)
            {
                // As the Go CLI (os.Create), a file from an earlier redemption of the same name is replaced.
                var existed = File.Exists(final);
                File.Move(temp, final, overwrite: true);
                if (!existed) placed.Add(final);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            foreach (var (temp, _) in staged) TryDelete(temp);
            foreach (var final in placed) TryDelete(final);
            throw new SkupperException($"the token was redeemed at the grant server but its link could not be written: {Printable.Escape(e.Message)}");
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
