namespace Skupper.Cli.Sdk;

/// <summary>
/// Labels given as <c>key=value</c>, as often as the user likes and several to a value (<c>--label a=b,c=d
/// --label e=f</c>), read as pflag reads a StringToString (spf13/pflag string_to_string.go: one <c>=</c> makes the
/// whole value one pair, more are a comma-separated list); a later key wins. Each key must be a qualified name and
/// each value a label value, the API server's rules (k8s.io/apimachinery/pkg/util/validation: IsQualifiedName and
/// IsValidLabelValue), so that a bad label is refused before anything is sent.
/// </summary>
internal sealed class LabelsParser() : OptionParser<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>())
{
    public override OptionArity Arity => OptionArity.Multiple;

    public override IReadOnlyDictionary<string, string> Read(IReadOnlyList<string?> given, ValueProblems problems)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in given.Select(t => t ?? ""))
        {
            List<string>? pairs;
            switch (text.Count(c => c == '='))
            {
                case 0:
                    problems.Invalid(text, KeyValue.Rule);
                    continue;
                case 1:
                    pairs = [text.Trim('"')];
                    break;
                default:
                    if (!CommaSeparated.TryRead(text, out pairs, out var error))
                    {
                        problems.Invalid(text, $"it is not a comma-separated list: {error}");
                        continue;
                    }
                    break;
            }
            foreach (var pair in pairs)
            {
                if (!KeyValue.TrySplit(pair, problems, out var key, out var value)) continue;
                var ok = KeyValue.CheckKey(pair, key, key, problems);
                if (KubernetesNames.CheckLabelValue(value) is { } rule)
                {
                    problems.Invalid(pair, $"value \"{Printable.Escape(value)}\": {rule}");
                    ok = false;
                }
                if (ok) labels[key] = value;
            }
        }
        return labels;
    }
}

/// <summary>
/// Annotations given as <c>key=value</c>, one to a value and as often as the user likes, as <c>kubectl annotate</c>
/// takes them: the value is free text, commas and <c>=</c> included; a later key wins. The API server's rules
/// (k8s.io/apimachinery/pkg/api/validation/objectmeta.go, ValidateAnnotations): each key a qualified name once
/// lowercased, and keys and values together at most 256 KiB.
/// </summary>
internal sealed class AnnotationsParser() : OptionParser<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>())
{
    public override OptionArity Arity => OptionArity.Multiple;

    public override IReadOnlyDictionary<string, string> Read(IReadOnlyList<string?> given, ValueProblems problems)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in given.Select(t => t ?? ""))
        {
            if (!KeyValue.TrySplit(text, problems, out var key, out var value)) continue;
            if (KeyValue.CheckKey(text, key, key.ToLowerInvariant(), problems)) annotations[key] = value;
        }
        var size = KubernetesNames.AnnotationsSize(annotations);
        if (size > KubernetesNames.TotalAnnotationSizeLimitBytes)
            problems.InvalidTogether($"their keys and values hold {size} bytes; " +
                                     $"together they must be at most {KubernetesNames.TotalAnnotationSizeLimitBytes} bytes (256 KiB)");
        return annotations;
    }
}

/// <summary>What the map parsers share: a pair split at its first <c>=</c>, and a key checked as a qualified name.</summary>
internal static class KeyValue
{
    public const string Rule = "it must be formatted as key=value, such as app=backend";

    public static bool TrySplit(string pair, ValueProblems problems, out string key, out string value)
    {
        var at = pair.IndexOf('=', StringComparison.Ordinal);
        key = at < 0 ? pair : pair[..at];
        value = at < 0 ? "" : pair[(at + 1)..];
        if (at >= 0) return true;
        problems.Invalid(pair, Rule);
        return false;
    }

    /// <summary>Checks <paramref name="checkedForm"/> (the key, lowercased for annotations); false after reporting it.</summary>
    public static bool CheckKey(string pair, string key, string checkedForm, ValueProblems problems)
    {
        if (KubernetesNames.CheckQualifiedName(checkedForm) is not { } rule) return true;
        problems.Invalid(pair, $"key \"{Printable.Escape(key)}\": {rule}");
        return false;
    }
}
