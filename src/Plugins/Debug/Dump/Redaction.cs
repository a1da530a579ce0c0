using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Debug.Dump;

/// <summary>
/// What a dump never holds: the data of a Secret, an AccessGrant's <c>status.code</c>, an AccessToken's <c>spec.code</c>
/// (the Go CLI's dump holds the grant's code), and private keys (<see cref="SecretFields"/>). Each is replaced by
/// <see cref="Marker"/> where it is found, and every such value seen is also taken out of every other text of the dump
/// (<see cref="Scrub"/>), since it can
/// come back elsewhere: in the <c>last-applied-configuration</c> annotation of a token created with kubectl apply, in a log.
/// </summary>
internal sealed partial class Redaction
{
    public const string Marker = SecretFields.Placeholder;

    /// <summary>Shorter values are not looked for in other texts: "true" or "1" would blank out half a log.</summary>
    private const int ShortestScrubbed = 8;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>Redacts <paramref name="node"/> in place (<see cref="SecretFields"/>), remembering each value taken out.</summary>
    public void Redact(JsonNode? node, string? kind = null) => SecretFields.Redact(node, Remember, kind);

    private void Remember(string text)
    {
        Add(text);
        // A Secret's data is base64: its decoded value can show up in a log or a file as it is.
        var bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out var n))
        {
            try { Add(new UTF8Encoding(false, true).GetString(bytes, 0, n)); }
            catch (DecoderFallbackException) { }
        }
    }

    private void Add(string value)
    {
        if (value.Trim().Length >= ShortestScrubbed && value != Marker) _seen.Add(value.Trim());
    }

    /// <summary>The text with every value redacted so far, and every PEM private key, replaced by <see cref="Marker"/>.</summary>
    public string Scrub(string text)
    {
        text = PrivateKey().Replace(text, Marker);
        // Longest first, so that a value holding another is taken out whole.
        foreach (var value in _seen.OrderByDescending(v => v.Length))
            if (text.Contains(value, StringComparison.Ordinal)) text = text.Replace(value, Marker, StringComparison.Ordinal);
        return text;
    }

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?-----END [A-Z0-9 ]*PRIVATE KEY-----", RegexOptions.Singleline)]
    private static partial Regex PrivateKey();
}
