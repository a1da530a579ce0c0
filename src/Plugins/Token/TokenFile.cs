using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;
using Skupper.Cli.Sdk.Models;
using YamlDotNet.Core;

namespace Skupper.Plugins.Token;

/// <summary>
/// The token file: an AccessToken resource as YAML, the shape both this CLI and the Skupper Go CLI
/// write and redeem, and that <c>kubectl apply -f</c> accepts.
/// </summary>
internal static class TokenFile
{
    /// <summary>Far above any real token (a CA and a code are a few KiB); bounds time and memory on hostile input.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The token file: an AccessToken holding the grant's url, code and CA, as the host's YAML writer renders it.</summary>
    public static string Render(IOutput output, string name, AccessGrantStatus grant, int linkCost) =>
        output.Render(new AccessToken
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new AccessTokenSpec { Url = grant.Url, Code = grant.Code, Ca = grant.Ca, LinkCost = linkCost },
        }, "yaml");

    /// <summary>
    /// The token goes to its file atomically with mode 0600, or with "-" to stdout and nowhere
    /// else: no temporary file either. A failed write (the reader of a pipe gone) is a failure
    /// after "act", so the grant is undone like any other.
    /// </summary>
    public static void Write(IOutput output, string file, string token)
    {
        if (file == Inputs.Standard)
        {
            try
            {
                output.Out.Write(token);
                output.Out.Flush();
            }
            catch (IOException e)
            {
                throw new SkupperException($"cannot write the token to standard output: {e.Message}");
            }
            return;
        }
        try
        {
            AtomicFile.Write(file, token, AtomicFile.Secret);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SkupperException($"cannot write token file \"{Printable.Path(file)}\": {e.Message}");
        }
    }

    /// <summary>Reads and checks a token file; every problem with it is a <see cref="SkupperException"/> naming the file.</summary>
    public static AccessToken Read(IOutput output, string path)
    {
        var source = $"token file \"{Printable.Path(path)}\"";
        byte[] bytes;
        try
        {
            // A FIFO or a device is refused before it is opened: opening a FIFO blocks until a
            // writer comes (and no signal ends the wait); /dev/zero never ends.
            if (RegularFile.Problem(path) is { } notRegular)
                throw new SkupperException($"{source} {notRegular}: give the path of a token file");
            bytes = RegularFile.ReadAllBytes(path, MaxBytes);
        }
        catch (FileNotFoundException) { throw new SkupperException($"{source} does not exist"); }
        catch (DirectoryNotFoundException) { throw new SkupperException($"{source} does not exist"); }
        catch (UnauthorizedAccessException) { throw new SkupperException($"{source} cannot be read: permission denied"); }
        catch (IOException e) when (e.Message.StartsWith("larger than", StringComparison.Ordinal))
        {
            throw new SkupperException($"{source} is larger than 1 MiB: it is not a token file");
        }
        catch (IOException e) { throw new SkupperException($"{source} cannot be read: {Printable.Escape(e.Message)}"); }
        return Parse(output, bytes, source);
    }

    /// <summary>
    /// Reads the token a pipe brings (<c>token issue - | token redeem -</c>) with the file's size cap
    /// and checks. It reads until the writer closes the pipe, which it does when it exits; a writer
    /// that failed closes it without writing, which is reported at once, never waited out.
    /// </summary>
    public static async Task<AccessToken> ReadAsync(IOutput output, Stream input, CancellationToken cancellationToken)
    {
        const string source = "the token on standard input";
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int n;
            // A read of standard input blocks in the kernel and does not see the token: WaitAsync gives up on it at
            // Ctrl-C (a writer that keeps the pipe open without writing, as a FIFO can, held the command otherwise).
            while ((n = await input.ReadAsync(chunk, cancellationToken).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false)) > 0)
            {
                // Stops at the cap rather than reading (and holding) whatever a hostile writer sends.
                if (buffer.Length + n > MaxBytes)
                    throw new SkupperException($"{source} is larger than 1 MiB: it is not a token");
                buffer.Write(chunk, 0, n);
            }
        }
        catch (IOException e) { throw new SkupperException($"standard input cannot be read: {Printable.Escape(e.Message)}"); }
        var bytes = buffer.ToArray();
        if (bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
            throw new SkupperException("no token on standard input (did the issuing command fail?)");
        return Parse(output, bytes, source);
    }

    /// <summary>The checks a token gets wherever it came from; <paramref name="source"/> names it in every message.</summary>
    private static AccessToken Parse(IOutput output, byte[] bytes, string source)
    {
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { throw new SkupperException($"{source} is not a token file: it is not UTF-8 text"); }

        JsonNode? root;
        try
        {
            root = TokenYaml.ParseOne(text);
        }
        catch (YamlException e)
        {
            throw new SkupperException($"{source} is not valid YAML: {e.Message} (line {e.Start.Line}, column {e.Start.Column})");
        }
        catch (TokenYaml.TokenFileException e)
        {
            throw new SkupperException($"{source} {e.Message}");
        }
        return ToToken(output, source, root);
    }

    private static AccessToken ToToken(IOutput output, string source, JsonNode? root)
    {
        if (root is not JsonObject obj)
            throw new SkupperException($"{source} is not a token file: expected an AccessToken resource (kind: AccessToken)");
        var kind = (obj["kind"] as JsonValue)?.ToString();
        var apiVersion = (obj["apiVersion"] as JsonValue)?.ToString();
        if (kind != AccessToken.KindName || apiVersion != SkupperResource.GroupVersion)
            throw new SkupperException(
                $"{source} is not a token file: it holds {(kind is null ? "no kind" : $"kind \"{kind}\"")}" +
                $"{(apiVersion is null ? "" : $" of \"{apiVersion}\"")}, " +
                $"expected kind \"AccessToken\" of \"{SkupperResource.GroupVersion}\"");

        AccessToken token;
        try
        {
            // The status a file may carry (the Go CLI writes "status: {}") says nothing about this cluster.
            obj.Remove("status");
            // The host's model reader, given JSON: the YAML was read above, with this file's limits.
            token = output.Parse<AccessToken>(obj.ToJsonString())!;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            throw new SkupperException($"{source} is not a valid AccessToken: {e.Message}");
        }
        var missing = new List<string>();
        if (token.Metadata is null || string.IsNullOrEmpty(token.Metadata.Name)) missing.Add("metadata.name");
        if (string.IsNullOrWhiteSpace(token.Spec?.Url)) missing.Add("spec.url");
        if (string.IsNullOrWhiteSpace(token.Spec?.Code)) missing.Add("spec.code");
        if (string.IsNullOrWhiteSpace(token.Spec?.Ca)) missing.Add("spec.ca");
        if (missing.Count > 0)
            throw new SkupperException(
                $"{source} is not a complete token: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing");
        if (KubernetesNames.CheckSubdomain(token.Metadata!.Name) is { } bad)
            throw new SkupperException($"{source} has an unusable metadata.name: {bad}");
        if (!Uri.TryCreate(token.Spec!.Url, UriKind.Absolute, out _))
            throw new SkupperException($"{source} has an unusable spec.url \"{token.Spec.Url}\": it is not an absolute URL");
        if (RedeemProblem(token.Spec) is { } refused)
            throw new SkupperException($"{source} cannot be redeemed: {refused}");
        return token;
    }

    /// <summary>
    /// What the Skupper controller refuses before it contacts the grant server (internal/kube/grants/redeem.go,
    /// RedeemAccessToken and postTokenRequest, since skupper #2497; the same in internal/nonkube/common/claim_redeemer.go),
    /// in its words, so that a token it would refuse is refused here before anything is created. A CA that holds no PEM
    /// certificate is what Go's AppendCertsFromPEM ignores: the controller would then trust nothing and fail every TLS handshake.
    /// </summary>
    public static string? RedeemProblem(AccessTokenSpec spec)
    {
        if (string.IsNullOrWhiteSpace(spec.Ca)) return "token does not have a CA (spec.ca is empty)";
        if (!Uri.TryCreate(spec.Url, UriKind.Absolute, out var url)) return $"could not parse token url \"{spec.Url}\"";
        if (url.Scheme != Uri.UriSchemeHttps) return $"token url scheme must be https, not \"{url.Scheme}\" ({spec.Url})";
        try
        {
            var certificates = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            certificates.ImportFromPem(spec.Ca);
            if (certificates.Count == 0) return "token does not have a CA: spec.ca holds no PEM certificate";
            foreach (var c in certificates) c.Dispose();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return "token does not have a CA: spec.ca is not a valid PEM certificate";
        }
        return null;
    }
}
