using System.Text.Json.Nodes;

namespace Skupper.Sandbox;

/// <summary>One printer column of <c>kubectl get</c>'s Table output.</summary>
public sealed record PrinterColumn(string Name, string Type, string Description, int Priority, Func<JsonObject, JsonNode?> Value, string? Format = null);

/// <summary>A resource the sandbox serves, described as discovery and the CRD describe it.</summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    IReadOnlyList<PrinterColumn> Columns,
    JsonObject? Schema,
    bool HasStatusSubresource)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>"sites.skupper.io" or "secrets": how the API server names the resource in messages.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>"Site.skupper.io" or "Secret": how validation errors name the kind.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    /// <summary>
    /// Custom resources (the CRDs, each with its schema) behave differently from built-in kinds in a few places
    /// (generation, unconditional update, strategic merge patch); the sandbox's built-in kinds have no schema.
    /// </summary>
    public bool IsCustom => Schema is not null;

    public JsonObject Details(string name)
    {
        var d = new JsonObject { ["name"] = name };
        if (Group.Length != 0) d["group"] = Group;
        d["kind"] = Plural;
        return d;
    }
}
