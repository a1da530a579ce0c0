using System.Text.Json.Nodes;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Sdk;

/// <summary>
/// The <c>-o|--output json|yaml|name</c> of a command that shows resources, as kubectl has it: declared once
/// (a tab press offers the formats), checked with the other inputs, and read as the <see cref="OutputFormat"/> that
/// prints one resource, or several as a <c>List</c> (<c>{apiVersion: v1, kind: List, items: [...]}</c>), or their
/// names (<c>site.skupper.io/west</c>). Works for any kind: a Skupper model, a KubernetesClient object or the
/// <see cref="JsonObject"/> that <see cref="IClusterAccess.GetObjectAsync"/> gives. Added in SDK 2.1.
/// <code>
/// _output = new OutputOptions(command);                                 // in Configure
/// var format = _output.Read(problems);                                  // in ValidateAsync: null without -o
/// format.WriteList(context.Output, sites);                              // in Report
/// </code>
/// </summary>
public sealed class OutputOptions
{
    /// <summary>The formats <c>-o</c> takes.</summary>
    public static readonly IReadOnlyList<string> Formats = ["json", "yaml", "name"];

    /// <summary>
    /// The label the CLI puts on every object it creates, so that a create repeated after a lost answer finds its own
    /// object. It means nothing outside that create, so <see cref="Export"/> leaves it out.
    /// </summary>
    public const string CreateRequestLabel = "kubectl-skupper/create-request";

    private readonly IOption<string?> _output;

    /// <param name="command">The command that takes the option.</param>
    /// <param name="defaultFormat">
    /// The format without <c>-o</c> (<c>yaml</c> for a command that generates a resource); null when the command then
    /// prints its own text.
    /// </param>
    /// <param name="description">The option's line in the help; the default is added to it.</param>
    public OutputOptions(ICommandDeclaration command, string? defaultFormat = null,
        string description = "Print the result in a structured format: json, yaml or name.")
        : this(command, Formats, defaultFormat, description)
    {
    }

    /// <param name="command">The command that takes the option.</param>
    /// <param name="formats">
    /// The formats it offers, some of <see cref="Formats"/>: <c>yaml</c> and <c>json</c> for a command that prints a
    /// resource it generates, which has no name on a cluster yet. Added in SDK 2.1.
    /// </param>
    /// <param name="defaultFormat">The format without <c>-o</c>; null when the command then prints its own text.</param>
    /// <param name="description">The option's line in the help; the default is added to it.</param>
    public OutputOptions(ICommandDeclaration command, IReadOnlyList<string> formats, string? defaultFormat, string description)
    {
        ArgumentNullException.ThrowIfNull(formats);
        if (formats.Except(Formats, StringComparer.Ordinal).FirstOrDefault() is { } unknown)
            throw new ArgumentException($"\"{unknown}\" is not one of the formats: {OptionValues.Or(Formats)}", nameof(formats));
        _output = command.Option("-o|--output <FORMAT>", description, Parsers.Choice(formats, defaultFormat));
    }

    /// <summary>True when the user gave <c>-o</c>.</summary>
    public bool IsGiven => _output.HasValue();

    /// <summary>Refuses <c>-o</c> when a platform other than Kubernetes is selected, for a command that prints only there.</summary>
    public void KubernetesOnly(Platform platform, Problems problems) => _output.KubernetesOnly(platform, problems);

    /// <summary>The format chosen (or the default), or null when there is none; a format not offered is a usage problem.</summary>
    public OutputFormat? Read(Problems problems) => _output.Get(problems) is { } name ? new OutputFormat(name) : null;

    /// <summary>
    /// A copy of <paramref name="resource"/> without what the server manages (<c>status</c>, and in
    /// <c>metadata</c>: <c>uid</c>, <c>resourceVersion</c>, <c>generation</c>, <c>creationTimestamp</c>,
    /// <c>managedFields</c>, <c>selfLink</c>, <c>deletionTimestamp</c>, <c>deletionGracePeriodSeconds</c>) and without
    /// the CLI's <see cref="CreateRequestLabel"/>, and without <c>metadata.namespace</c>: what <c>kubectl apply -f</c>
    /// takes to make the same resource elsewhere, in the namespace it is given (kubectl refuses a file whose namespace
    /// differs from <c>-n</c>).
    /// </summary>
    public static JsonObject Export(JsonObject resource)
    {
        var copy = (JsonObject)resource.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is not JsonObject metadata) return copy;
        foreach (var field in ServerManaged) metadata.Remove(field);
        if (metadata["labels"] is JsonObject labels)
        {
            labels.Remove(CreateRequestLabel);
            if (labels.Count == 0) metadata.Remove("labels");
        }
        return copy;
    }

    private static readonly string[] ServerManaged =
    [
        "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp",
        "deletionGracePeriodSeconds",
    ];
}

/// <summary>One of <see cref="OutputOptions.Formats"/> as <see cref="OutputOptions.Read"/> gives it, and how it prints resources.</summary>
public sealed class OutputFormat
{
    internal OutputFormat(string name) => Name = name;

    /// <summary><c>json</c>, <c>yaml</c> or <c>name</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Prints one resource: as JSON or YAML as <see cref="IOutput.Render"/> gives it (with <paramref name="export"/>,
    /// its <see cref="OutputOptions.Export"/> form), or its name as kubectl prints it.
    /// </summary>
    public void Write(IOutput output, object resource, bool export = false)
    {
        var item = Prepare(output, resource, export, null, null);
        if (Name == "name") output.Out.Write(NameOf(item) + "\n");
        else output.WriteStructured(item, Name);
    }

    /// <summary>
    /// Prints resources as kubectl prints a list: JSON or YAML of <c>{apiVersion: v1, kind: List, items: [...]}</c>
    /// (empty when there are none), or one name a line. Items that lack <c>apiVersion</c> and <c>kind</c> (the items of a
    /// list of core objects, as the API server sends them) get <paramref name="apiVersion"/> and <paramref name="kind"/>,
    /// as kubectl gives them theirs.
    /// </summary>
    public void WriteList(IOutput output, IEnumerable<object> resources, bool export = false, string? apiVersion = null,
        string? kind = null)
    {
        var items = resources.Select(r => Prepare(output, r, export, apiVersion, kind)).ToList();
        if (Name == "name")
        {
            foreach (var item in items) output.Out.Write(NameOf(item) + "\n");
            return;
        }
        output.WriteStructured(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray([.. items]) }, Name);
    }

    /// <summary>
    /// kubectl's <c>-o name</c>: the kind lowercased, its API group after a dot unless it is the core group, and the
    /// name, <c>site.skupper.io/west</c>, <c>configmap/settings</c> (k8s.io/cli-runtime pkg/printers/name.go).
    /// </summary>
    public static string NameOf(JsonObject resource)
    {
        var name = resource["metadata"]?["name"]?.GetValue<string>() is { Length: > 0 } n ? n : "<unknown>";
        if (resource["kind"]?.GetValue<string>() is not { Length: > 0 } kind)
            throw new SkupperException($"missing kind for resource with name {Printable.Escape(name)}");
        var apiVersion = resource["apiVersion"]?.GetValue<string>() ?? "";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        return Printable.Escape($"{kind.ToLowerInvariant()}{(group.Length == 0 ? "" : "." + group)}/{name}");
    }

    private static JsonObject Prepare(IOutput output, object resource, bool export, string? apiVersion, string? kind)
    {
        var item = resource is JsonObject json
            ? (JsonObject)json.DeepClone()
            : JsonNode.Parse(output.Render(resource, "json")) as JsonObject
              ?? throw new ArgumentException($"{resource.GetType().Name} is not written as a JSON object", nameof(resource));
        if (apiVersion is not null && item["apiVersion"] is null) item["apiVersion"] = apiVersion;
        if (kind is not null && item["kind"] is null) item["kind"] = kind;
        return export ? OutputOptions.Export(item) : item;
    }
}
