using System.Text.Json.Nodes;

namespace Skupper.Cli.Host.Hooks;

/// <summary>
/// Keeps the token's secret code out of everything the host writes about hooks: every string
/// under a key named <c>code</c> in a context is replaced by <c>[redacted]</c> wherever it appears
/// (console lines, errors, warnings, debug output), in the forms it takes when a hook prints it
/// inside JSON (<c>console.log({ code })</c>) as well as raw. Thread-safe: a hook thread the
/// watchdog gave up on may still learn from a file while the command reports.
/// </summary>
public sealed partial class Redactor
{
    public const string Mask = Skupper.Cli.Sdk.SecretFields.Placeholder;
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private void Add(string secret)
    {
        lock (_lock)
        {
            _secrets.Add(secret);
            // As JSON.stringify writes it (console.log of an object), and as System.Text.Json's writer does (debug
            // output): JsonEncodedText escapes as that writer does, with no serializer behind it.
            _secrets.Add(JsStringify(secret));
            _secrets.Add(System.Text.Json.JsonEncodedText.Encode(secret).Value);
        }
    }

    /// <summary>The body of JSON.stringify(s) (ECMA-262 QuoteJSONString), without the quotes.</summary>
    private static string JsStringify(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length + 8);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    var lone = char.IsHighSurrogate(c) ? i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])
                        : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(s[i - 1]));
                    if (c < 0x20 || lone)
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    public void Learn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "code" && value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length >= 4) Add(s);
                    else Learn(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array) Learn(item);
                break;
        }
    }

    /// <summary>
    /// Learns the code of an AccessToken file a hook reads or copies, so that printing the file
    /// does not print the code either.
    /// </summary>
    public void LearnFromTokenText(string text)
    {
        if (!text.Contains("AccessToken", StringComparison.Ordinal)) return;
        foreach (System.Text.RegularExpressions.Match m in TokenCode().Matches(text))
            if (m.Groups[1].Value.Length >= 4) Add(m.Groups[1].Value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^\s*""?code""?\s*:\s*[""']?([^\s""',}]+)")]
    private static partial System.Text.RegularExpressions.Regex TokenCode();

    public string Apply(string text)
    {
        lock (_lock)
        {
            // Longest first, so that an escaped form is masked whole before the raw code inside it.
            foreach (var secret in _secrets.OrderByDescending(s => s.Length))
                if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>The context as JSON for a debug line, with <c>code</c> masked.</summary>
    public string Show(JsonObject context)
    {
        var copy = (JsonObject)context.DeepClone();
        Mask_(copy);
        return Apply(copy.ToJsonString());

        static void Mask_(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                foreach (var key in o.Select(p => p.Key).ToList())
                    if (key == "code" && o[key] is JsonValue) o[key] = Mask;
                    else Mask_(o[key]);
            }
            else if (node is JsonArray a)
                foreach (var item in a) Mask_(item);
        }
    }
}
