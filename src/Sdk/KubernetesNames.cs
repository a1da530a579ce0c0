using System.Text.RegularExpressions;

namespace Skupper.Cli.Sdk;

/// <summary>Kubernetes object name rules, with the API server's own wording for what failed.</summary>
public static partial class KubernetesNames
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    /// <summary>
    /// Null when <paramref name="name"/> is a valid DNS-1123 subdomain (what Skupper resources need), else the rule it breaks.
    /// </summary>
    public static string? CheckSubdomain(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "a name must not be empty";
        if (name.Length > 253) return $"\"{name}\" is longer than 253 characters";
        if (!Subdomain().IsMatch(name))
            return $"\"{name}\" is not a valid name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, " +
                   "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')";
        return null;
    }

    // Label keys and values, and annotations, as the API server checks them:
    // kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go
    // (IsQualifiedName and IsValidLabelValue, now content.IsLabelKey / content.IsLabelValue in
    // staging/src/k8s.io/apimachinery/pkg/api/validate/content) and
    // staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateAnnotations:
    // each key a qualified name once lowercased; keys and values together at most 256 KiB).
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

    /// <summary>TotalAnnotationSizeLimitB of objectmeta.go: 256 KiB of keys and values, counted in UTF-8 bytes as Go's len does.</summary>
    public const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    [GeneratedRegex("^" + QualifiedNameFormat + "$")]
    private static partial Regex QualifiedNamePart();

    [GeneratedRegex("^(" + QualifiedNameFormat + ")?$")]
    private static partial Regex LabelValueFormat();

    /// <summary>
    /// Null when <paramref name="key"/> is a qualified name (a label or annotation key), else every rule it breaks, in the API server's
    /// words.
    /// </summary>
    public static string? CheckQualifiedName(string key)
    {
        var errors = new List<string>();
        var parts = key.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0) errors.Add("prefix part must be non-empty");
                else
                {
                    if (prefix.Length > 253) errors.Add("prefix part must be no more than 253 bytes");
                    if (!Subdomain().IsMatch(prefix))
                        errors.Add("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, " +
                                   "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')");
                }
                break;
            default:
                return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', " +
                       "and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc'), " +
                       "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
        }
        if (name.Length == 0) errors.Add("name part must be non-empty");
        else
        {
            if (name.Length > 63) errors.Add("name part must be no more than 63 bytes");
            if (!QualifiedNamePart().IsMatch(name))
                errors.Add("name part must consist of alphanumeric characters, '-', '_' or '.', " +
                           "and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')");
        }
        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    /// <summary>
    /// Null when <paramref name="value"/> is a valid label value (empty, or at most 63 characters of the qualified-name form), else the
    /// rule it breaks.
    /// </summary>
    public static string? CheckLabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63) errors.Add("must be no more than 63 bytes");
        if (!LabelValueFormat().IsMatch(value))
            errors.Add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', " +
                       "and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345')");
        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    /// <summary>
    /// The size ValidateAnnotations compares with <see cref="TotalAnnotationSizeLimitBytes"/>: the UTF-8 bytes of every key and value.
    /// </summary>
    public static long AnnotationsSize(IEnumerable<KeyValuePair<string, string>> annotations) =>
        annotations.Sum(p => (long)System.Text.Encoding.UTF8.GetByteCount(p.Key) + System.Text.Encoding.UTF8.GetByteCount(p.Value));
}
