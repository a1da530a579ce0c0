using System.Text.Json.Nodes;

namespace Skupper.Sandbox;

/// <summary>
/// labelSelector and fieldSelector query parameters, with the grammar the API server accepts:
/// labels: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c>, <c>!k</c>;
/// fields: <c>metadata.name</c> and <c>metadata.namespace</c> with =, == and !=.
/// </summary>
public sealed class Selector
{
    private readonly List<Func<JsonObject, bool>> _requirements = [];

    public static readonly Selector Everything = new();

    public bool Matches(JsonObject obj) => _requirements.All(r => r(obj));

    public static Selector Combine(Selector a, Selector b)
    {
        var s = new Selector();
        s._requirements.AddRange(a._requirements);
        s._requirements.AddRange(b._requirements);
        return s;
    }

    public static Selector ParseLabels(string? text)
    {
        var selector = new Selector();
        if (string.IsNullOrWhiteSpace(text)) return selector;
        foreach (var raw in SplitTopLevel(text))
        {
            var part = raw.Trim();
            if (part.Length == 0) continue;
            Func<string?, bool> test;
            string key;
            var inAt = IndexOfWord(part, " in ");
            var notInAt = IndexOfWord(part, " notin ");
            if (notInAt > 0 || inAt > 0)
            {
                var notIn = notInAt > 0;
                var at = notIn ? notInAt : inAt;
                key = part[..at].Trim();
                var list = part[(at + (notIn ? 7 : 4))..].Trim();
                if (!list.StartsWith('(') || !list.EndsWith(')')) throw Bad(text, part);
                var values = list[1..^1].Split(',').Select(v => v.Trim()).ToHashSet();
                test = notIn ? v => v == null || !values.Contains(v) : v => v != null && values.Contains(v);
            }
            else if (part.Contains("!="))
            {
                var (k, v) = Split(part, "!=");
                key = k;
                test = x => x != v;
            }
            else if (part.Contains("=="))
            {
                var (k, v) = Split(part, "==");
                key = k;
                test = x => x == v;
            }
            else if (part.Contains('='))
            {
                var (k, v) = Split(part, "=");
                key = k;
                test = x => x == v;
            }
            else if (part.StartsWith('!'))
            {
                key = part[1..].Trim();
                test = x => x == null;
            }
            else
            {
                key = part;
                test = x => x != null;
            }
            if (key.Length == 0 || key.Any(char.IsWhiteSpace)) throw Bad(text, part);
            selector._requirements.Add(o => test(Label(o, key)));
        }
        return selector;
    }

    public static Selector ParseFields(string? text)
    {
        var selector = new Selector();
        if (string.IsNullOrWhiteSpace(text)) return selector;
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            if (part.Length == 0) continue;
            var op = part.Contains("!=") ? "!=" : part.Contains("==") ? "==" : part.Contains('=') ? "=" : null;
            if (op == null) throw ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            var (field, value) = Split(part, op);
            Func<JsonObject, string?> get = field switch
            {
                "metadata.name" => o => o["metadata"]?["name"]?.GetValue<string>(),
                "metadata.namespace" => o => o["metadata"]?["namespace"]?.GetValue<string>() ?? "",
                _ => throw ApiException.BadRequest($"\"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""),
            };
            selector._requirements.Add(op == "!=" ? o => get(o) != value : o => get(o) == value);
        }
        return selector;
    }

    private static string? Label(JsonObject o, string key) =>
        o["metadata"]?["labels"]?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static (string, string) Split(string part, string op)
    {
        var at = part.IndexOf(op, StringComparison.Ordinal);
        return (part[..at].Trim(), part[(at + op.Length)..].Trim());
    }

    private static int IndexOfWord(string part, string word) => part.IndexOf(word, StringComparison.Ordinal);

    private static ApiException Bad(string text, string part) =>
        ApiException.BadRequest($"unable to parse requirement: invalid label selector '{text}' near '{part}'");

    // Commas separate requirements except inside "in (a,b)" lists.
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }
}
