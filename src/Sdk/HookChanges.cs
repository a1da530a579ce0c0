using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skupper.Cli.Sdk;

/// <summary>
/// What the before-hooks of an event handed back, read field by field with the checks user input gets
/// (<see cref="SkupperCommand{TRun}.ApplyBeforeHook(TRun, HookChanges)"/> receives one). Each reader returns the
/// field's value as the last hook left it, or null when it is absent or wrong. A wrong value is never ignored: a
/// policy hook that goes wrong must not let the user's own values through. It becomes a problem that names the hook
/// file that set the field (<see cref="SetBy"/>), the event, the field and what it must be, e.g.
/// <c>hook /etc/skupper/hooks/policy.js (backup.create.before) set labels key "a b": name part must consist of …</c>;
/// <see cref="ThrowIfAny"/> reports them all together, before anything is created. The messages never repeat a value
/// a hook set (only a name or key that breaks a Kubernetes rule, which the rule's message quotes), and mask every
/// secret the reader was given. Added in SDK 2.1.
/// </summary>
public sealed class HookChanges
{
    /// <summary>The key under which the host's hook runner records, for each field a hook changed, the hook's file.</summary>
    public const string SetByKey = "setBy";

    private readonly List<string> _problems = [];
    private readonly string?[] _secrets;

    /// <param name="result">The context as the hooks left it (what <c>IHookRunner.RunAsync</c> returns).</param>
    /// <param name="eventName">The event, as the messages name it: <c>backup.create.before</c>.</param>
    /// <param name="secrets">Text no message may show (a token's code): replaced by <c>[redacted]</c>.</param>
    public HookChanges(JsonObject result, string eventName, params string?[] secrets)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        Result = result;
        EventName = eventName;
        _secrets = secrets ?? [];
    }

    /// <summary>The context as the hooks left it, untouched (with <see cref="SetByKey"/> when a hook changed a field).</summary>
    public JsonObject Result { get; }

    /// <summary>The event the hooks ran for.</summary>
    public string EventName { get; }

    /// <summary>The problems found so far, in the order the fields were read.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>
    /// The file of the last hook that changed <paramref name="field"/> (a path as the user sees it), or null when no
    /// hook changed it.
    /// </summary>
    public string? SetBy(string field) =>
        Result[SetByKey] is JsonObject setBy && setBy[field] is JsonValue v && v.TryGetValue<string>(out var path) ? path : null;

    private string Who(string field) =>
        SetBy(field) is { } path ? $"hook {Printable.Path(path)} ({EventName})" : $"hook {EventName}";

    /// <summary>Text a hook chose, printable and with the secrets masked.</summary>
    private string Shown(string text)
    {
        foreach (var s in _secrets)
            if (!string.IsNullOrEmpty(s)) text = text.Replace(s, SecretFields.Placeholder, StringComparison.Ordinal);
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

    private void WrongType(string field, JsonNode? value, string expected) =>
        _problems.Add($"{Who(field)} set {field} to {TypeOf(value)}; it must be {expected}");

    /// <summary>
    /// A Kubernetes object name (a DNS-1123 subdomain, as <see cref="KubernetesNames.CheckSubdomain"/> checks it), or
    /// null when the field is absent or null (for a name the API server may generate).
    /// </summary>
    public string? Name(string field)
    {
        if (!Result.TryGetPropertyValue(field, out var node) || node is null) return null;
        if (node is not JsonValue v || !v.TryGetValue<string>(out var name))
        {
            WrongType(field, node, "a string (a Kubernetes name) or null");
            return null;
        }
        if (KubernetesNames.CheckSubdomain(name) is not { } bad) return name;
        _problems.Add($"{Who(field)} set {field}: {Shown(bad)}");
        return null;
    }

    /// <summary>A string, or null when the field is absent or null.</summary>
    public string? Text(string field)
    {
        if (!Result.TryGetPropertyValue(field, out var node) || node is null) return null;
        if (node is JsonValue v && v.TryGetValue<string>(out var text)) return text;
        WrongType(field, node, "a string");
        return null;
    }

    /// <summary><c>true</c> or <c>false</c>, or null when the field is absent.</summary>
    public bool? Boolean(string field)
    {
        if (!Result.TryGetPropertyValue(field, out var node)) return null;
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        WrongType(field, node, "true or false");
        return null;
    }

    /// <summary>A positive Go duration given as a string (<c>"15m"</c>, <c>"24h"</c>), or null when the field is absent.</summary>
    public TimeSpan? Duration(string field)
    {
        if (!Result.TryGetPropertyValue(field, out var node)) return null;
        if (node is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            WrongType(field, node, "a string holding a positive duration such as \"15m\" or \"24h\"");
            return null;
        }
        if (GoDuration.TryParse(text, out var d) && d > TimeSpan.Zero) return d;
        _problems.Add($"{Who(field)} set {field} to a string that is not a positive duration; it must be one such as \"15m\" or \"24h\"");
        return null;
    }

    /// <summary>A whole number of at least 1, or null when the field is absent.</summary>
    public int? Count(string field) => Integer(field, 1, int.MaxValue);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null when the field is absent.</summary>
    public int? Integer(string field, int min, int max = int.MaxValue)
    {
        if (!Result.TryGetPropertyValue(field, out var node)) return null;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            WrongType(field, node, max == int.MaxValue ? $"a whole number of at least {min}" : $"a whole number from {min} to {max}");
            return null;
        }
        if (v.TryGetValue<double>(out var d) && d >= min && d <= max && d == Math.Floor(d)) return (int)d;
        _problems.Add($"{Who(field)} set {field} to a number that is not a whole number from {min} to {max}");
        return null;
    }

    /// <summary>
    /// Labels: an object of strings, each key a qualified name (<see cref="KubernetesNames.CheckQualifiedName"/>) and
    /// each value a label value (<see cref="KubernetesNames.CheckLabelValue"/>). When the field is an object,
    /// <paramref name="into"/> is replaced by its valid entries; when it is absent, <paramref name="into"/> is left as it is.
    /// </summary>
    public void Labels(string field, IDictionary<string, string> into) =>
        Strings(field, into, value => KubernetesNames.CheckLabelValue(value) is { } bad ? $"a valid label value ({bad})" : null);

    /// <summary>
    /// Annotations: an object of strings, each key a qualified name once lowercased, keys and values together at most
    /// <see cref="KubernetesNames.TotalAnnotationSizeLimitBytes"/>, as the API server checks them. <paramref name="into"/>
    /// is replaced only when all of it is valid.
    /// </summary>
    public void Annotations(string field, IDictionary<string, string> into)
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Strings(field, set, _ => null, lowercaseKeys: true)) return;
        var size = KubernetesNames.AnnotationsSize(set);
        if (size > KubernetesNames.TotalAnnotationSizeLimitBytes)
        {
            _problems.Add($"{Who(field)} set {field} of {size} bytes; keys and values together must be at most " +
                          $"{KubernetesNames.TotalAnnotationSizeLimitBytes} bytes");
            return;
        }
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        foreach (var (k, v) in set) into[k] = v;
    }

    private bool Strings(string field, IDictionary<string, string> into, Func<string, string?> checkValue, bool lowercaseKeys = false)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (!Result.TryGetPropertyValue(field, out var node)) return false;
        if (node is not JsonObject obj)
        {
            WrongType(field, node, "an object whose values are strings");
            return false;
        }
        var ok = true;
        into.Clear();
        foreach (var (name, value) in obj)
        {
            // ValidateAnnotations checks keys lowercased; labels are checked as they are.
            if (KubernetesNames.CheckQualifiedName(lowercaseKeys ? name.ToLowerInvariant() : name) is { } badKey)
            {
                _problems.Add($"{Who(field)} set {field} key \"{Shown(name)}\": {badKey}");
                ok = false;
            }
            if (value is not JsonValue v || !v.TryGetValue<string>(out var s))
            {
                _problems.Add($"{Who(field)} set {field}[\"{Shown(name)}\"] to {TypeOf(value)}; it must be a string");
                ok = false;
                continue;
            }
            if (checkValue(s) is { } expected)
            {
                _problems.Add($"{Who(field)} set {field}[\"{Shown(name)}\"] to a string that is not {expected}");
                ok = false;
                continue;
            }
            into[name] = s;
        }
        return ok;
    }

    /// <summary>Throws every problem found, together (exit code 1); nothing when there is none.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0) throw SkupperException.FromProblems(_problems);
    }

    /// <summary>
    /// Every string under a key named <c>code</c> in <paramref name="node"/>: the secrets the host's hook runner redacts
    /// from what it prints, masked here too.
    /// </summary>
    internal static IEnumerable<string> Codes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "code" && value is JsonValue v && v.TryGetValue<string>(out var code)) yield return code;
                    foreach (var inner in Codes(value)) yield return inner;
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    foreach (var inner in Codes(item)) yield return inner;
                break;
        }
    }
}
