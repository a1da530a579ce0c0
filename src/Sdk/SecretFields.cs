using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skupper.Cli.Sdk;

/// <summary>
/// The values of a resource that are secrets: a Secret's <c>data</c> and <c>stringData</c>, an AccessGrant's
/// <c>status.code</c> and <c>spec.code</c> (the code it made, and one a user set), an AccessToken's <c>spec.code</c>.
/// One list, so that everything that shows resources (<c>-o</c>, the <c>-v</c> bodies, <c>debug dump</c>) hides the same
/// ones. Added in SDK 2.1.
/// </summary>
public static class SecretFields
{
    /// <summary>What a secret value reads as once redacted.</summary>
    public const string Placeholder = "[redacted]";

    /// <summary>
    /// Replaces every secret value in <paramref name="node"/>, in place, with <see cref="Placeholder"/>: a resource, a
    /// list of them (<c>SecretList</c>, whose items name no kind, included), a watch event, or anything holding them.
    /// <paramref name="seen"/> gets each string value replaced, for a caller that also takes it out of other text (a log,
    /// an annotation). <paramref name="kind"/> is the resource's kind when the object does not say it. Returns whether
    /// anything was replaced.
    /// </summary>
    public static bool Redact(JsonNode? node, Action<string>? seen = null, string? kind = null)
    {
        var redacted = false;
        switch (node)
        {
            case JsonObject obj:
                var own = obj["kind"] is JsonValue k && k.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : null;
                if (own is not null && own.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
                {
                    foreach (var item in items) redacted |= Redact(item, seen, own[..^"List".Length]);
                    return redacted;
                }
                switch (own ?? kind)
                {
                    case "Secret":
                        redacted |= Blank(obj, "data", seen) | Blank(obj, "stringData", seen);
                        break;
                    case "AccessGrant":
                        redacted |= Blank(obj["status"] as JsonObject, "code", seen) | Blank(obj["spec"] as JsonObject, "code", seen);
                        break;
                    case "AccessToken":
                        redacted |= Blank(obj["spec"] as JsonObject, "code", seen);
                        break;
                }
                foreach (var (_, value) in obj.ToList()) redacted |= Redact(value, seen);
                break;
            case JsonArray array:
                foreach (var item in array) redacted |= Redact(item, seen, kind);
                break;
        }
        return redacted;
    }

    /// <summary>Replaces the value of <paramref name="key"/>, or each value of the object there.</summary>
    private static bool Blank(JsonObject? parent, string key, Action<string>? seen)
    {
        switch (parent?[key])
        {
            case JsonObject values:
                foreach (var name in values.Select(p => p.Key).ToList())
                {
                    Seen(values[name], seen);
                    values[name] = Placeholder;
                }
                return values.Count > 0;
            case JsonValue value when value.GetValueKind() != JsonValueKind.Null:
                Seen(value, seen);
                parent[key] = Placeholder;
                return true;
            default:
                return false;
        }
    }

    private static void Seen(JsonNode? value, Action<string>? seen)
    {
        if (seen is not null && value is JsonValue v && v.GetValueKind() == JsonValueKind.String) seen(v.GetValue<string>());
    }
}
