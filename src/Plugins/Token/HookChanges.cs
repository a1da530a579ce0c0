using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Token;

/// <summary>
/// What before-hooks handed back, checked as user input is. Each problem names the hook file that
/// set the value (the hook service reports it in <c>setBy</c>) and the event.
/// </summary>
internal sealed class HookChanges(JsonObject result, string eventName)
{
    private readonly List<string> _problems = [];

    private string Who(string key) =>
        result["setBy"]?[key] is JsonValue v && v.TryGetValue<string>(out var path) ? $"hook {path} ({eventName})" : $"hook {eventName}";

    /// <summary>A Kubernetes object name, or null when the hooks did not set one.</summary>
    public string? Name(string key)
    {
        if (result[key] is not JsonValue v || !v.TryGetValue<string>(out var name) || name.Length == 0) return null;
        if (KubernetesNames.CheckSubdomain(name) is not { } bad) return name;
        _problems.Add($"{Who(key)} set {key}: {bad}");
        return null;
    }

    /// <summary>A positive Go duration given as a string.</summary>
    public TimeSpan? Duration(string key)
    {
        if (result[key] is not JsonValue v || !v.TryGetValue<string>(out var text)) return null;
        if (GoDuration.TryParse(text, out var d) && d > TimeSpan.Zero) return d;
        _problems.Add($"{Who(key)} set {key} to \"{text}\", which is not a positive duration such as 15m or 24h");
        return null;
    }

    /// <summary>A whole number of at least 1.</summary>
    public int? Count(string key)
    {
        if (result[key] is not JsonValue v) return null;
        if (v.TryGetValue<int>(out var i) && i >= 1) return i;
        if (v.TryGetValue<double>(out var d) && d >= 1 && d == Math.Floor(d) && d <= int.MaxValue) return (int)d;
        _problems.Add($"{Who(key)} set {key} to {v.ToJsonString()}, which is not a whole number of at least 1");
        return null;
    }

    /// <summary>A string-to-string map such as labels or annotations, copied into <paramref name="into"/>.</summary>
    public void Strings(string key, Dictionary<string, string> into)
    {
        if (result[key] is not JsonObject obj) return;
        foreach (var (name, value) in obj)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var s)) into[name] = s;
            else _problems.Add($"{Who(key)} set {key}.{name} to {value?.ToJsonString() ?? "null"}: values must be strings");
        }
    }

    /// <summary>Every problem together, before anything is created.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0) throw SkupperException.FromProblems(_problems);
    }
}
