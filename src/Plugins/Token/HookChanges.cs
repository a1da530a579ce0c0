using System.Text.Json;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Token;

/// <summary>
/// What before-hooks handed back, checked as user input is, before anything is sent. A field a
/// hook set to the wrong type is an error, never ignored: a policy hook that fails must not let
/// the user's own values through. Each problem names the hook file that set the value (the hook
/// service reports it in <c>setBy</c>), the event, the field and what it must be; values a hook
/// set are never echoed (one could be the token's code), only names checked as Kubernetes names,
/// with any secret of the context masked.
/// </summary>
internal sealed class HookChanges(JsonObject result, string eventName, params string?[] secrets)
{
    private readonly List<string> _problems = [];

    private string Who(string key) =>
        result["setBy"]?[key] is JsonValue v && v.TryGetValue<string>(out var path)
            ? $"hook {Printable.Path(path)} ({eventName})"
            : $"hook {eventName}";

    /// <summary>Text a hook chose, printable and with the context's secrets masked.</summary>
    private string Shown(string text)
    {
        foreach (var s in secrets)
            if (!string.IsNullOrEmpty(s)) text = text.Replace(s, "[redacted]", StringComparison.Ordinal);
        return Printable.Escape(text);
    }

    private static string TypeOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
        _ => "an unknown value",
    };

    private void WrongType(string key, JsonNode? value, string expected) =>
        _problems.Add($"{Who(key)} set {key} to {TypeOf(value)}; it must be {expected}");

    /// <summary>A Kubernetes object name, or null when the hooks left it null (the API server then generates one).</summary>
    public string? Name(string key)
    {
        if (!result.TryGetPropertyValue(key, out var node) || node is null) return null;
        if (node is not JsonValue v || !v.TryGetValue<string>(out var name))
        {
            WrongType(key, node, "a string (a Kubernetes name) or null");
            return null;
        }
        if (KubernetesNames.CheckSubdomain(name) is not { } bad) return name;
        _problems.Add($"{Who(key)} set {key}: {Shown(bad)}");
        return null;
    }

    /// <summary>A positive Go duration given as a string.</summary>
    public TimeSpan? Duration(string key)
    {
        if (!result.TryGetPropertyValue(key, out var node)) return null;
        if (node is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            WrongType(key, node, "a string holding a positive duration such as \"15m\" or \"24h\"");
            return null;
        }
        if (GoDuration.TryParse(text, out var d) && d > TimeSpan.Zero) return d;
        _problems.Add($"{Who(key)} set {key} to a string that is not a positive duration; it must be one such as \"15m\" or \"24h\"");
        return null;
    }

    /// <summary>A whole number of at least 1.</summary>
    public int? Count(string key)
    {
        if (!result.TryGetPropertyValue(key, out var node)) return null;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            WrongType(key, node, "a whole number of at least 1");
            return null;
        }
        if (v.TryGetValue<double>(out var d) && d >= 1 && d == Math.Floor(d) && d <= int.MaxValue) return (int)d;
        _problems.Add($"{Who(key)} set {key} to a number that is not a whole number from 1 to {int.MaxValue}");
        return null;
    }

    /// <summary>Labels: an object of strings, each key a qualified name and each value a label value.</summary>
    public void Labels(string key, Dictionary<string, string> into) =>
        Strings(key, into, value => KubernetesNames.CheckLabelValue(value) is { } bad ? $"a valid label value ({bad})" : null);

    /// <summary>Annotations: an object of strings, each key a qualified name, all of them together at most 256 KiB.</summary>
    public void Annotations(string key, Dictionary<string, string> into)
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Strings(key, set, _ => null, lowercaseKeys: true)) return;
        var size = KubernetesNames.AnnotationsSize(set);
        if (size > KubernetesNames.TotalAnnotationSizeLimitBytes)
        {
            _problems.Add($"{Who(key)} set {key} of {size} bytes; keys and values together must be at most {KubernetesNames.TotalAnnotationSizeLimitBytes} bytes");
            return;
        }
        foreach (var (k, v) in set) into[k] = v;
    }

    private bool Strings(string key, Dictionary<string, string> into, Func<string, string?> checkValue, bool lowercaseKeys = false)
    {
        if (!result.TryGetPropertyValue(key, out var node)) return false;
        if (node is not JsonObject obj)
        {
            WrongType(key, node, "an object whose values are strings");
            return false;
        }
        var ok = true;
        into.Clear();
        foreach (var (name, value) in obj)
        {
            // ValidateAnnotations checks keys lowercased; labels are checked as they are.
            if (KubernetesNames.CheckQualifiedName(lowercaseKeys ? name.ToLowerInvariant() : name) is { } badKey)
            {
                _problems.Add($"{Who(key)} set {key} key \"{Shown(name)}\": {badKey}");
                ok = false;
            }
            if (value is not JsonValue v || !v.TryGetValue<string>(out var s))
            {
                _problems.Add($"{Who(key)} set {key}[\"{Shown(name)}\"] to {TypeOf(value)}; it must be a string");
                ok = false;
                continue;
            }
            if (checkValue(s) is { } expected)
            {
                _problems.Add($"{Who(key)} set {key}[\"{Shown(name)}\"] to a string that is not {expected}");
                ok = false;
                continue;
            }
            into[name] = s;
        }
        return ok;
    }

    /// <summary>Every problem together, before anything is created.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0) throw SkupperException.FromProblems(_problems);
    }
}
