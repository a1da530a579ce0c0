using System.Text.Json.Nodes;

namespace Skupper.Sandbox;

/// <summary>Number reading that works whether a node was parsed (JsonElement) or built in code (int, long).</summary>
public static class JsonExtensions
{
    public static long? AsLong(this JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<long>(out var l) ? l
        : v.TryGetValue<int>(out var i) ? i
        : v.TryGetValue<double>(out var d) ? (long)d
        : null
        : null;

    public static string? AsString(this JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
