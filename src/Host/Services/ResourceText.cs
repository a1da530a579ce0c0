using System.Text.Json;
using System.Text.Json.Nodes;
using Skupper.Cli.Host.Services.Connection;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Skupper.Cli.Host.Services;

/// <summary>
/// Resources as users read them, in JSON or YAML: Kubernetes' own JSON settings decide what is
/// written (so the models' computed helpers stay out), fields in kubectl's order (apiVersion,
/// kind, metadata, spec, status), nulls left out, multi-line strings (a CA) as literal blocks.
/// One writer for `-o json|yaml`, token files and generated resources, and the reader of resource files.
/// </summary>
public static class ResourceText
{
    private static readonly string[] FieldOrder = ["apiVersion", "kind", "metadata", "spec", "status"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Render(object value, string format)
    {
        var node = value as JsonNode ?? JsonNode.Parse(Json(value));
        return format switch
        {
            "json" => Ordered(node)?.ToJsonString(Indented) + "\n",
            "yaml" => YamlText.Render(Ordered(node), YamlStyle.Kubectl),
            _ => throw SkupperException.Usage($"unknown output format \"{format}\": choose json or yaml"),
        };
    }

    /// <summary>
    /// <see cref="IOutput.Parse{T}"/>: one YAML document (JSON is YAML), made JSON as kubectl makes it
    /// (<see cref="YamlJson"/>), then the model filled as from the API server, so that a file and the cluster give
    /// the same resource.
    /// </summary>
    public static T? Parse<T>(string text) where T : Skupper.Cli.Sdk.Models.SkupperResource
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        if (yaml.Documents.Count == 0) return null;
        if (yaml.Documents.Count > 1) throw new YamlException("it holds more than one YAML document");
        using var doc = JsonDocument.Parse(YamlJson.ToJson(yaml.Documents[0].RootNode));
        return ModelJson.Read<T?>(doc.RootElement);
    }

    /// <summary>
    /// <see cref="IOutput.ParseDocuments"/>: each document made JSON as <see cref="Parse{T}"/> makes it, within kubectl's limits.
    /// </summary>
    public static IReadOnlyList<JsonNode?> ParseDocuments(string text)
    {
        YamlLimits.CheckDepth(text);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        foreach (var document in yaml.Documents) YamlLimits.CheckAliasing(document.RootNode);
        return yaml.Documents.Select(d => JsonNode.Parse(YamlJson.ToJson(d.RootNode))).ToList();
    }

    /// <summary>
    /// JSON text of what a command hands over to be written or sent. The SDK's models and the maps that hold them (a
    /// List, a merge patch) are ModelJson's, so that a List writes each item as it writes alone. Any other object (a
    /// V1Secret, a third-party plugin's own type) is KubernetesJson's in the managed build, as it always was. The
    /// native build has neither KubernetesJson (its reflection-based serializer cannot be compiled ahead of time) nor
    /// third-party plugins: ModelJson writes what the bundled commands hand over to the same text (NativeJsonTests).
    /// </summary>
    internal static string Json(object value) =>
#if NATIVE
        ModelJson.Write(value);
#else
        value is Skupper.Cli.Sdk.Models.SkupperResource or System.Collections.IDictionary or JsonNode
            ? ModelJson.Write(value)
            : k8s.KubernetesJson.Serialize(value);
#endif

    /// <summary>A copy with object fields in kubectl's order and nulls dropped.</summary>
    private static JsonNode? Ordered(JsonNode? node, bool top = true) => node switch
    {
        JsonObject obj => new JsonObject(Fields(obj, top).Select(p => KeyValuePair.Create(p.Key, Ordered(p.Value, false)))),
        JsonArray array => new JsonArray(array.Select(n => Ordered(n, false)).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>
    /// Fields worth writing: no nulls, and no empty spec or status (the Go CLI leaves those out too);
    /// kubectl's order for a resource's own fields only (the top object, or any object with
    /// apiVersion and kind), so a nested field that happens to be named "status" keeps its place.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, JsonNode?>> Fields(JsonObject obj, bool top)
    {
        var fields = obj.Where(p => p.Value is not null && !(p.Key is "spec" or "status" && p.Value is JsonObject { Count: 0 }));
        var resource = top || obj.ContainsKey("apiVersion") && obj.ContainsKey("kind"); // a List's items are resources too
        return resource ? fields.OrderBy(p => Array.IndexOf(FieldOrder, p.Key) is var i and >= 0 ? i : FieldOrder.Length) : fields;
    }
}
