using System.Text.Json.Nodes;

namespace Skupper.Sandbox;

/// <summary>JSON merge patch (RFC 7386) and JSON patch (RFC 6902), as the API server applies them.</summary>
public static class Patches
{
    public const string MergePatch = "application/merge-patch+json";
    public const string JsonPatch = "application/json-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatch = "application/apply-patch+yaml";

    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObj) return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObj)
        {
            if (value == null) result.Remove(key);
            else result[key] = Merge(result[key], value);
        }
        return result;
    }

    /// <summary>Applies RFC 6902 operations; failures are 422 as the API server reports them.</summary>
    public static JsonNode? Apply(JsonNode? document, JsonArray operations)
    {
        var doc = document?.DeepClone();
        foreach (var opNode in operations)
        {
            if (opNode is not JsonObject op) throw ApiException.BadRequest("json patch operation is not an object");
            var kind = op["op"]?.GetValue<string>() ?? throw Unprocessable("missing op");
            var path = op["path"]?.GetValue<string>() ?? throw Unprocessable($"missing path for {kind} operation");
            switch (kind)
            {
                case "add": doc = Add(doc, path, op["value"]?.DeepClone(), kind); break;
                case "remove": doc = Remove(doc, path, kind, out _); break;
                case "replace":
                    doc = Remove(doc, path, kind, out _);
                    doc = Add(doc, path, op["value"]?.DeepClone(), kind);
                    break;
                case "move":
                {
                    var from = op["from"]?.GetValue<string>() ?? throw Unprocessable("missing from");
                    doc = Remove(doc, from, kind, out var moved);
                    doc = Add(doc, path, moved, kind);
                    break;
                }
                case "copy":
                {
                    var from = op["from"]?.GetValue<string>() ?? throw Unprocessable("missing from");
                    doc = Add(doc, path, Resolve(doc, from, kind)?.DeepClone(), kind);
                    break;
                }
                case "test":
                    if (!JsonNode.DeepEquals(Resolve(doc, path, kind), op["value"]))
                        throw Unprocessable($"testing value {path} failed: test failed");
                    break;
                default: throw Unprocessable($"Unexpected kind: {kind}");
            }
        }
        return doc;
    }

    private static ApiException Unprocessable(string message) => new(422, "Invalid", message);

    private static string[] Tokens(string path)
    {
        if (path.Length == 0) return [];
        if (!path.StartsWith('/')) throw Unprocessable($"JSON pointer must start with /: {path}");
        return path[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();
    }

    private static JsonNode? Resolve(JsonNode? doc, string path, string kind)
    {
        var node = doc;
        foreach (var t in Tokens(path))
        {
            node = node switch
            {
                JsonObject o when o.ContainsKey(t) => o[t],
                JsonArray a when int.TryParse(t, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw Unprocessable($"{kind} operation does not apply: doc is missing path: \"{path}\": missing value"),
            };
        }
        return node;
    }

    private static JsonNode? Add(JsonNode? doc, string path, JsonNode? value, string kind)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0) return value;
        var parent = tokens.Length == 1 ? doc : Resolve(doc, "/" + string.Join('/', tokens[..^1].Select(Escape)), kind);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a when last == "-": a.Add(value); break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count: a.Insert(i, value); break;
            default: throw Unprocessable($"{kind} operation does not apply: doc is missing path: \"{path}\": missing value");
        }
        return doc;
    }

    private static JsonNode? Remove(JsonNode? doc, string path, string kind, out JsonNode? removed)
    {
        var tokens = Tokens(path);
        var parent = tokens.Length == 1 ? doc : Resolve(doc, "/" + string.Join('/', tokens[..^1].Select(Escape)), kind);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                removed = o[last];
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                removed = a[i];
                a.RemoveAt(i);
                break;
            default:
                throw Unprocessable($"{kind} operation does not apply: doc is missing key: {path}: missing value");
        }
        return doc;
    }

    private static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");
}
