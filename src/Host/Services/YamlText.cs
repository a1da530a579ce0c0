using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Skupper.Cli.Sdk.Services;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Skupper.Cli.Host.Services;

/// <summary>
/// The one YAML writer: JSON models as YAML, kubectl's way or the Go CLI's (<see cref="YamlStyle"/>), with one quoting
/// rule (<see cref="NeedsQuotes"/>). <c>-o yaml</c>, token files, the Go CLI's resource files and the sandbox's grant
/// server all write through it, so that a string is quoted the same wherever it lands. Events only: no reflection.
/// </summary>
public static partial class YamlText
{
    public static string Render(JsonNode? node, YamlStyle style) => style switch
    {
        YamlStyle.Kubectl => Write(node, sortKeys: false),
        YamlStyle.GoCli => Write(OmitEmpty(node), sortKeys: true),
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, "unknown YAML style"),
    };

    /// <summary>
    /// As Kubernetes' serializer writes an object (JSON through sigs.k8s.io/yaml): keys sorted, nothing left out, so a
    /// null is <c>null</c> and an empty map <c>{}</c>. What a Skupper controller's grant server answers (tokens.go).
    /// </summary>
    public static string Serialized(JsonNode? node) => Write(node, sortKeys: true);

    /// <summary>
    /// Whether a plain <paramref name="text"/> would be read as something other than that string, so it must be
    /// double-quoted. The rule is go-yaml's, which kubectl (sigs.k8s.io/yaml) and the Go CLI write with: encode.go's
    /// stringv quotes a string when resolve.go's resolve("", s) gives another tag than !!str, or isBase60Float(s), or
    /// isOldBool(s) (YAML 1.1's y/yes/on/n/no/off in three cases; v3 resolves them as strings but still quotes them,
    /// and v2 resolves them as booleans). So: the null, bool, .inf/.nan and merge ("&lt;&lt;") words of resolveMap;
    /// from a digit or sign, Go's ParseInt(s, 0, 64) syntax (0x, 0o, 0b, 0777) and yamlStyleFloat, underscores
    /// removed first; from ".", a float. Timestamps ("2024-05-01"), which go-yaml quotes too, are left plain, as
    /// this CLI has always written them. Characters plain YAML cannot hold are left to the emitter, which quotes them.
    /// </summary>
    public static bool NeedsQuotes(string text)
    {
        if (text is "" or "~" or "null" or "Null" or "NULL" or "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
            or ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF"
            or "<<" or "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON"
            or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF")
            return true;
        if (text[0] == '.') return GoFloat().IsMatch(text);
        if (text[0] is not ('+' or '-') && !char.IsAsciiDigit(text[0])) return false;
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        return GoInt().IsMatch(plain) || GoFloat().IsMatch(plain) || Base60Float().IsMatch(text);
    }

    /// <summary>strconv.ParseInt(s, 0, 64)'s syntax: a sign, then 0x/0o/0b digits, a leading-zero octal, or decimal.</summary>
    [GeneratedRegex("^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$")]
    private static partial Regex GoInt();

    /// <summary>resolve.go's yamlStyleFloat.</summary>
    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex GoFloat();

    /// <summary>encode.go's base60float (YAML 1.1's sexagesimal numbers, such as 1:20).</summary>
    [GeneratedRegex("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$")]
    private static partial Regex Base60Float();

    /// <summary>encode.go's omitEmptyValues: maps lose their zero values (recursively through maps, not through lists).</summary>
    private static JsonNode? OmitEmpty(JsonNode? node)
    {
        if (node is not JsonObject obj) return node?.DeepClone();
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (IsZero(value)) continue;
            result[key] = value is JsonObject ? OmitEmpty(value) : value!.DeepClone();
        }
        return result;
    }

    private static bool IsZero(JsonNode? value) => value switch
    {
        null => true,
        JsonObject o => o.Count == 0,
        JsonArray a => a.Count == 0,
        JsonValue s when s.TryGetValue<string>(out var t) => t.Length == 0,
        JsonValue b when b.TryGetValue<bool>(out var f) => !f,
        JsonValue n when n.TryGetValue<double>(out var d) => d == 0,
        _ => false,
    };

    private static string Write(JsonNode? node, bool sortKeys)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, node, sortKeys);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, JsonNode? node, bool sortKeys)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                // An empty block mapping or sequence comes out as {} or [], as go-yaml writes it.
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, value) in sortKeys ? obj.OrderBy(p => p.Key, StringComparer.Ordinal) : obj.AsEnumerable())
                {
                    String(emitter, key);
                    Emit(emitter, value, sortKeys);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in array) Emit(emitter, item, sortKeys);
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                String(emitter, value.GetValue<string>());
                break;
            default:
                emitter.Emit(new Scalar(null, null, node.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
        }
    }

    /// <summary>
    /// A string as go-yaml's stringv writes it: a multi-line one as a literal block, one that would read as another
    /// type double-quoted, any other plain unless the emitter finds a character plain YAML cannot hold.
    /// </summary>
    private static void String(IEmitter emitter, string text)
    {
        var style = text.Contains('\n') ? ScalarStyle.Literal : NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        var plain = style == ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, text, style, isPlainImplicit: plain, isQuotedImplicit: !plain));
    }
}
