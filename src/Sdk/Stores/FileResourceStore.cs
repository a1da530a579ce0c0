using System.Text;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Sdk;

/// <summary>
/// Resources of one Skupper kind as YAML files on Docker, Podman and Linux, where the Go CLI keeps them
/// (skupperproject/skupper internal/nonkube/client/fs, the handlers of each kind): the user's in
/// <c>namespaces/NS/input/resources/Kind-name.yaml</c> under the data home, which <c>system start</c> and
/// <c>system reload</c> apply. A resource's status comes from its copy in <c>runtime/resources</c>, where the running
/// site writes it (the Go CLI reads that folder first); what is written never holds one. Writes are atomic, and a
/// file that is not a resource of the kind is an error naming it, never overwritten. Added in SDK 2.1.
/// </summary>
public sealed class FileResourceStore<T>(NamespaceHome home, IOutput output) : ResourceStore<T> where T : SkupperResource, ISkupperKind
{
    public override string Namespace => home.Namespace;

    public override bool HasController => false;

    public override Task CheckAvailableAsync(CancellationToken cancellationToken)
    {
        home.Check();
        return Task.CompletedTask;
    }

    public override string? Location(string name) => home.InputResource(T.KindName, name);

    public override Task<T?> GetAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(Location(name)) ? WithRuntimeStatus(Read(Location(name)!)) : null);

    public override Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<T> all = Directory.Exists(home.InputResources)
            ? Directory.EnumerateFiles(home.InputResources, NamespaceHome.ResourceFile(T.KindName, "*"))
                .Select(p => WithRuntimeStatus(Read(p))).OrderBy(r => r.Name, StringComparer.Ordinal).ToList()
            : [];
        return Task.FromResult(all);
    }

    /// <summary>Writes the resource's file, with the store's namespace when the resource names none (as the Go CLI's files do).</summary>
    public override Task<T> CreateAsync(T resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var path = Location(resource.Name)!;
        if (File.Exists(path)) throw new SkupperException($"A {Words} resource already exists: {Printable.Path(path)}");
        if (string.IsNullOrEmpty(resource.Metadata.NamespaceProperty)) resource.Metadata.NamespaceProperty = Namespace;
        Directory.CreateDirectory(home.InputResources);
        Write(path, Json(resource));
        return Task.FromResult(resource);
    }

    /// <summary>Patches the user's file, not the runtime copy: a status is the running site's, and never written back.</summary>
    public override Task<T> PatchAsync(string name, JsonObject mergePatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mergePatch);
        var path = Location(name)!;
        if (!File.Exists(path))
            throw new SkupperException($"No {Words} \"{name}\" exists in namespace \"{Namespace}\" ({Printable.Path(path)})");
        var patched = Json(Read(path));
        Merge(patched, mergePatch);
        Write(path, patched);
        // What was just written, without reading the file back.
        return Task.FromResult(output.Parse<T>(patched.ToJsonString())!);
    }

    public override Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var path = Location(name)!;
        var existed = File.Exists(path);
        File.Delete(path);
        return Task.FromResult(existed);
    }

    /// <summary>The kind in the words of a message: "site", "access grant".</summary>
    private static string Words
    {
        get
        {
            var words = new StringBuilder();
            foreach (var c in T.KindName)
            {
                if (char.IsUpper(c) && words.Length > 0) words.Append(' ');
                words.Append(char.ToLowerInvariant(c));
            }
            return words.ToString();
        }
    }

    private JsonObject Json(T resource) => (JsonObject)JsonNode.Parse(output.Render(resource, "json"))!;

    /// <summary>What the user keeps: no status, no resource version (both belong to whoever runs the site).</summary>
    private void Write(string path, JsonObject resource)
    {
        resource.Remove("status");
        (resource["metadata"] as JsonObject)?.Remove("resourceVersion");
        AtomicFile.Write(path, output.Render(resource, "yaml"), AtomicFile.Ordinary);
    }

    /// <summary>RFC 7386, section 2: a null removes the field, an object merges into an object, anything else replaces.</summary>
    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (field, value) in patch)
        {
            if (value is null) target.Remove(field);
            else if (value is JsonObject fields && target[field] is JsonObject existing) Merge(existing, fields);
            else target[field] = value is JsonObject ? Pruned((JsonObject)value) : value.DeepClone();
        }
    }

    /// <summary>
    /// A patch object merged into nothing: its nulls say "remove" and leave no field (RFC 7386, MergePatch on a non-object).
    /// </summary>
    private static JsonObject Pruned(JsonObject patch)
    {
        var result = new JsonObject();
        Merge(result, patch);
        return result;
    }

    /// <summary>The resource with the status of its copy under <c>runtime/resources</c>, when the running site wrote one.</summary>
    private T WithRuntimeStatus(T resource)
    {
        var runtime = home.RuntimeResource(T.KindName, resource.Name);
        if (!File.Exists(runtime)) return resource;
        JsonNode? status;
        try
        {
            var copy = output.ParseDocuments(File.ReadAllText(runtime)) is [JsonObject first, ..] ? first : null;
            status = (copy?["kind"] as JsonValue)?.ToString() == T.KindName ? copy!["status"] : null;
        }
        // The input file is what the user asked for and is whole: a copy that cannot be read only shows no status.
        catch (Exception e) when (e is not OutOfMemoryException) { return resource; }
        if (status is not JsonObject) return resource;
        var withStatus = Json(resource);
        withStatus["status"] = status.DeepClone();
        return output.Parse<T>(withStatus.ToJsonString()) ?? resource;
    }

    /// <summary>Reads one file; anything that is not a resource of this kind is an error naming the file.</summary>
    private T Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SkupperException($"cannot read the {Words} file {Printable.Path(path)}: {Printable.Escape(e.Message)}");
        }
        T? resource;
        try { resource = output.Parse<T>(text); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Malformed(path, (e.InnerException?.Message ?? e.Message).Split('\n')[0].Trim());
        }
        if (resource is null) throw Malformed(path, "it is empty");
        if (resource.Kind != T.KindName) throw Malformed(path, $"its kind is \"{resource.Kind}\", not \"{T.KindName}\"");
        if (string.IsNullOrEmpty(resource.Metadata?.Name)) throw Malformed(path, "it has no metadata.name");
        return resource;
    }

    private static SkupperException Malformed(string path, string reason) =>
        new($"the {Words} file {Printable.Path(path)} is not a valid {T.KindName} resource: {Printable.Escape(reason)}; fix or remove it");
}
