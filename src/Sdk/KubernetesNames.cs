using System.Text.RegularExpressions;

namespace Skupper.Cli.Sdk;

/// <summary>Kubernetes object name rules, with the API server's own wording for what failed.</summary>
public static partial class KubernetesNames
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    /// <summary>Null when <paramref name="name"/> is a valid DNS-1123 subdomain (what Skupper resources need), else the rule it breaks.</summary>
    public static string? CheckSubdomain(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "a name must not be empty";
        if (name.Length > 253) return $"\"{name}\" is longer than 253 characters";
        if (!Subdomain().IsMatch(name))
            return $"\"{name}\" is not a valid name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')";
        return null;
    }
}
