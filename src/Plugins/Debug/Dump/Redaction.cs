using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Skupper.Plugins.Debug.Dump;

/// <summary>
/// What a dump never holds: the data of a Secret, an AccessGrant's <c>status.code</c>, an AccessToken's <c>spec.code</c>
/// (the Go CLI's dump holds the grant's code), and private keys. Each is replaced by <see cref="Marker"/> where it is
/// found, and every such value seen is also taken out of every other text of the dump (<see cref="Scrub"/>), since it can
/// come back elsewhere: in the <c>last-applied-configuration</c> annotation of a token created with kubectl apply, in a log.
/// </summary>
internal sealed partial class Redaction
{
    public const string Marker = "(redacted)";

    /// <summary>Shorter values are not looked for in other texts: "true" or "1" would blank out half a log.</summary>
    private const int ShortestScrubbed = 8;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>
    /// Redacts <paramref name="node"/> in place: a resource, a list of them, or anything holding them.
    /// <paramref name="kind"/> is the kind of the resource (or of a list's items) when the object does not say it: the
    /// items of a built-in kind's list carry none.
    /// </summary>
    public void Redact(JsonNode? node, string? kind = null)
    {
        switch (node)
        {
            case JsonObject obj:
                var own = obj["kind"] is JsonValue k && k.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : null;
                if (own is not null && own.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
                {
                    foreach (var item in items) Redact(item, own[..^"List".Length]);
                    return;
                }
                switch (own ?? kind)
                {
                    case "Secret":
                        Blank(obj, "data");
                        Blank(obj, "stringData");
                        break;
                    case "AccessGrant":
                        Blank(obj["status"] as JsonObject, "code");
                        break;
                    case "AccessToken":
                        Blank(obj["spec"] as JsonObject, "code");
                        break;
                }
                foreach (var (_, value) in obj.ToList()) Redact(value);
                break;
            case JsonArray array:
                foreach (var item in array) Redact(item, kind);
                break;
        }
    }

    /// <summary>Replaces the value of <paramref name="key"/>, or each value of the object there, remembering what it was.</summary>
    private void Blank(JsonObject? parent, string key)
    {
        switch (parent?[key])
        {
            case JsonObject values:
                foreach (var name in values.Select(p => p.Key).ToList())
                {
                    Remember(values[name]);
                    values[name] = Marker;
                }
                break;
            case JsonValue value:
                Remember(value);
                parent[key] = Marker;
                break;
        }
    }

    private void Remember(JsonNode? value)
    {
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return;
        var text = v.GetValue<string>();
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
