using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.System.Resources;

/// <summary>
/// The resources of a file or of standard input, as the Go CLI's YAMLOrJSONDecoder reads them: YAML documents separated
/// by <c>---</c>, or JSON objects one after another. Every document is checked before any is used, so that a bad one
/// leaves nothing half-applied.
/// </summary>
internal static partial class InputDocuments
{
    /// <summary>
    /// A line starting with <c>---</c> or <c>...</c> followed by a blank or its end: YAML forbids such a line inside any
    /// scalar (YAML 1.2, c-forbidden), so it always separates documents.
    /// </summary>
    [GeneratedRegex(@"^(---|\.\.\.)(?=[ \t]|$)", RegexOptions.Multiline)]
    private static partial Regex Marker();

    /// <summary>The resources of <paramref name="text"/>, each with the namespace set; a problem for each bad document.</summary>
    public static IReadOnlyList<InputResource> Read(string text, string source, string @namespace, IOutput output, Problems problems)
    {
        var documents = text.TrimStart().StartsWith('{') ? JsonValues(text, source, problems) : YamlDocuments(text);
        var resources = new List<InputResource>();
        var number = 0;
        foreach (var document in documents)
        {
            number++;
            var where = documents.Count > 1 ? $"document {number} of {source}" : source;
            InputResource? resource;
            try { resource = output.Parse<InputResource>(document); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var reason = Printable.Escape((e.InnerException?.Message ?? e.Message).Split('\n')[0]);
                problems.Usage($"{where} is not valid YAML or JSON: {reason}");
                continue;
            }
            if (resource is null) continue;
            if (Problem(resource) is { } problem)
            {
                problems.Usage($"{where} {problem}");
                continue;
            }
            resource.Metadata.NamespaceProperty = @namespace;
            resource.Metadata.ResourceVersion = null;
            resource.Metadata.Uid = null;
            resources.Add(resource);
        }
        if (resources.Count == 0 && !problems.Any) problems.Usage($"{source} holds no resource");
        return resources;
    }

    private static string? Problem(InputResource resource)
    {
        if (!InputKinds.IsAccepted(resource.ApiVersion, resource.Kind))
            return $"is a {Printable.Escape($"{resource.ApiVersion} {resource.Kind}".Trim())}, which these platforms do not use: " +
                   $"give {InputKinds.Accepted}";
        if (string.IsNullOrEmpty(resource.Metadata?.Name)) return $"is a {resource.Kind} without metadata.name";
        // The name becomes part of a file name.
        return KubernetesNames.CheckSubdomain(resource.Metadata.Name) is { } rule
            ? $"names a {resource.Kind} \"{Printable.Escape(resource.Metadata.Name)}\", which is not valid: {rule}"
            : null;
    }

    private static List<string> YamlDocuments(string text)
    {
        var documents = new List<string>();
        var start = 0;
        foreach (Match m in Marker().Matches(text))
        {
            documents.Add(text[start..m.Index]);
            // "--- {kind: Site, ...}": the rest of the marker's line begins the next document.
            start = m.Value == "---" ? m.Index + m.Length : LineEnd(text, m.Index);
        }
        documents.Add(text[start..]);
        return documents.Where(d => !string.IsNullOrWhiteSpace(StripComments(d))).ToList();
    }

    private static int LineEnd(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        return end < 0 ? text.Length : end + 1;
    }

    private static string StripComments(string document) =>
        string.Join('\n', document.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));

    private static List<string> JsonValues(string text, string source, Problems problems)
    {
        var values = new List<string>();
        var bytes = Encoding.UTF8.GetBytes(text);
        var options = new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip };
        var reader = new Utf8JsonReader(bytes, options);
        try
        {
            while (reader.Read())
            {
                var begin = (int)reader.TokenStartIndex;
                reader.Skip();
                values.Add(Encoding.UTF8.GetString(bytes, begin, (int)reader.BytesConsumed - begin));
            }
        }
        catch (JsonException e)
        {
            problems.Usage($"{source} is not valid JSON: {Printable.Escape(e.Message.Split('\n')[0])}");
            return [];
        }
        return values;
    }
}
