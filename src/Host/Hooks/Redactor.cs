using System.Text.Json.Nodes;

namespace Skupper.Cli.Host.Hooks;

/// <summary>
/// Keeps the token's secret code out of everything the host writes about hooks: every string
/// under a key named <c>code</c> in a context is replaced by <c>[redacted]</c> wherever it appears
/// (console lines, errors, warnings, debug output).
/// </summary>
public sealed partial class Redactor
{
    public const string Mask = "[redacted]";
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);

    public void Learn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "code" && value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length >= 4) _secrets.Add(s);
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
            if (m.Groups[1].Value.Length >= 4) _secrets.Add(m.Groups[1].Value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^\s*""?code""?\s*:\s*[""']?([^\s""',}]+)")]
    private static partial System.Text.RegularExpressions.Regex TokenCode();

    public string Apply(string text)
    {
        foreach (var secret in _secrets)
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Mask, StringComparison.Ordinal);
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
