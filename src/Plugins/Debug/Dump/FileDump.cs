using System.Text.Json;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Debug.Dump;

/// <summary>
/// The dump off Kubernetes: the files of the namespace's <c>input/</c>, <c>runtime/</c> and <c>internal/</c> folders under
/// the data home, as the Go CLI's nonkube dump collects its site state, raw YAML files, router config and certificates
/// (internal/cmd/skupper/debug/nonkube/debug.go), under <c>site-namespace/</c> with their paths. YAML and JSON files are
/// read and redacted (<see cref="Redaction"/>); what cannot be read so, private key files, links and binary files are
/// left out and named in README.txt.
/// </summary>
internal sealed class FileDump(ICommandContext context, DumpArchive archive)
{
    private static readonly string[] Folders = ["input", "runtime", "internal"];
    private const long LargestFile = 16 * 1024 * 1024;

    private string Home => NamespaceHome.Of(context).Root;

    /// <summary>The namespace, once it is known to hold a site's files; else why not.</summary>
    public static string CheckNamespace(ICommandContext context)
    {
        var namespaceHome = NamespaceHome.Of(context);
        namespaceHome.Check();
        var home = namespaceHome.Root;
        if (!Folders.Any(f => Directory.Exists(Path.Combine(home, f))))
            throw new SkupperException($"no Skupper site found in namespace \"{context.Namespace}\": " +
                                       $"\"{Printable.Path(home)}\" has no input, runtime or internal folder");
        return context.Namespace;
    }

    public void Collect()
    {
        archive.AddYaml("versions/platform", new JsonObject
        {
            ["platform"] = context.Platform.Name(),
            ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        });
        if (File.Exists("/etc/os-release")) archive.AddText("versions/os-release.txt", File.ReadAllText("/etc/os-release"));
        foreach (var folder in Folders) Walk(Path.Combine(Home, folder));
    }

    /// <summary>Every file under <paramref name="folder"/>, in name order; a symbolic link is not followed.</summary>
    private void Walk(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            var name = "site-namespace/" + Path.GetRelativePath(Home, entry).Replace('\\', '/');
            var info = new FileInfo(entry);
            if (info.LinkTarget is not null) archive.LeaveOut(name, "a symbolic link, not followed");
            else if (Directory.Exists(entry)) Walk(entry);
            else Add(entry, name, info);
        }
    }

    private void Add(string path, string name, FileInfo info)
    {
        var extension = Path.GetExtension(path);
        if (extension is ".key" || info.Name.Contains("key.pem", StringComparison.Ordinal))
        {
            archive.LeaveOut(name, "a private key");
            return;
        }
        if (info.Length > LargestFile)
        {
            archive.LeaveOut(name, $"larger than {LargestFile / (1024 * 1024)} MiB");
            return;
        }
        var text = File.ReadAllText(path);
        if (text.Contains('\0'))
        {
            archive.LeaveOut(name, "not a text file");
            return;
        }
        try
        {
            switch (extension)
            {
                case ".yaml" or ".yml":
                    archive.AddYamlDocuments(name[..^extension.Length], context.Output.ParseDocuments(text));
                    break;
                case ".json":
                    var node = JsonNode.Parse(text);
                    archive.Redaction.Redact(node);
                    archive.AddText(name, node is null ? "null\n" : context.Output.Render(node, "json"));
                    break;
                default:
                    archive.AddText(name, text);
                    break;
            }
        }
        // Whatever the reader refuses (its message says why); files that cannot be read at all fail the command.
        catch (Exception e) when (e is not (IOException or UnauthorizedAccessException or OperationCanceledException))
        {
            var format = extension.TrimStart('.').ToUpperInvariant();
            archive.LeaveOut(name, $"not readable as {format}, so its secrets could not be redacted ({e.Message})");
        }
    }
}
