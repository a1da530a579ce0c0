using System.Text.Json.Nodes;
using k8s;

namespace Skupper.Plugins.Site;

/// <summary>
/// A resource as users read it: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c>, <c>spec</c>,
/// <c>status</c> in that order, computed helper properties left out, as plain dictionaries and
/// lists that both the JSON and the YAML writers render the same way.
/// </summary>
internal static class ResourceDocument
{
    private static readonly string[] Order = ["apiVersion", "kind", "metadata", "spec", "status"];

    public static object From(object resource)
    {
        // Kubernetes' JSON settings honour [JsonIgnore] and drop nulls; YAML writers see only plain data.
        var node = JsonNode.Parse(KubernetesJson.Serialize(resource))!;
        return Plain(node, top: true)!;
    }

    /// <summary>
    /// Writes <paramref name="value"/> (already plain data) as <c>json</c> or <c>yaml</c> on stdout.
    /// YAML is written here because the host's writer leaves the last line without its newline.
    /// </summary>
    public static void Write(Skupper.Cli.Sdk.Services.IOutput output, object value, string format)
    {
        if (format == "yaml") output.Out.Write(YamlText(value));
        else output.WriteStructured(value, format);
    }

    private static string YamlText(object plain)
    {
        var text = KubernetesYaml.Serialize(plain);
        return text.EndsWith('\n') ? text : text + "\n";
    }

    /// <summary>The resource as YAML text, ending with a newline.</summary>
    public static string Yaml(object resource) => YamlText(From(resource));

    private static object? Plain(JsonNode? node, bool top = false) => node switch
    {
        null => null,
        JsonObject o => Ordered(o, top),
        JsonArray a => a.Select(n => Plain(n)).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
            System.Text.Json.JsonValueKind.True => true,
            System.Text.Json.JsonValueKind.False => false,
            System.Text.Json.JsonValueKind.Number when v.TryGetValue<long>(out var l) => l,
            System.Text.Json.JsonValueKind.Number => v.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };

    private static Dictionary<string, object?> Ordered(JsonObject o, bool top)
    {
        var keys = o.Select(p => p.Key).ToList();
        // A resource has nothing else at the top; this also drops computed properties that the
        // models' JSON settings let through (Sdk's CommonStatus override lacks [JsonIgnore]).
        if (top) keys = Order.Where(keys.Contains).ToList();
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            if (o[k] is null) continue;
            // Empty metadata/spec objects carry nothing; the Go CLI leaves them out too.
            if (o[k] is JsonObject { Count: 0 } && k is "spec" or "status") continue;
            result[k] = Plain(o[k]);
        }
        return result;
    }
}
