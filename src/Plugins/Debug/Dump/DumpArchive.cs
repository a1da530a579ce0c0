using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Debug.Dump;

/// <summary>
/// The files of a dump, kept until all are collected and then written as one tar.gz: first <c>README.txt</c>, which says
/// what the archive holds and what was left out and why, then the files in the order they came. Every text passes through
/// <see cref="Redaction"/> at the end, once every secret value of the dump is known.
/// </summary>
internal sealed class DumpArchive(IOutput output, Platform platform)
{
    private readonly List<(string Name, string Text)> _entries = [];
    private readonly List<string> _leftOut = [];

    public Redaction Redaction { get; } = new();

    public IEnumerable<string> Names => _entries.Select(e => e.Name);

    /// <summary>A resource or list, redacted, as YAML: <c>NAME.yaml</c> and <c>NAME.yaml.txt</c>, as the Go CLI writes each.</summary>
    public void AddYaml(string name, JsonNode node, string? kind = null)
    {
        Redaction.Redact(node, kind);
        var text = output.Render(node, "yaml");
        AddText(name + ".yaml", text);
        AddText(name + ".yaml.txt", text);
    }

    /// <summary>Several documents in one YAML file (a file that held them so), each redacted.</summary>
    public void AddYamlDocuments(string name, IReadOnlyList<JsonNode?> documents)
    {
        foreach (var document in documents) Redaction.Redact(document);
        var text = string.Join("---\n", documents.Select(d => d is null ? "null\n" : output.Render(d, "yaml")));
        AddText(name + ".yaml", text);
        AddText(name + ".yaml.txt", text);
    }

    public void AddText(string name, string text) => _entries.Add((name, text));

    /// <summary>Something the dump does not hold, for README.txt: <paramref name="what"/>, then why.</summary>
    public void LeaveOut(string what, string why) => _leftOut.Add($"- {what}: {why}");

    /// <summary>Writes the archive at <paramref name="path"/> whole, or leaves nothing there (<see cref="AtomicFile"/>).</summary>
    public void Write(string path, DateTimeOffset time) =>
        AtomicFile.Write(path, stream =>
        {
            using var gzip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
            using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
            foreach (var (name, text) in _entries.Prepend(("README.txt", Readme())))
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                    ModificationTime = time,
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(Redaction.Scrub(text))),
                };
                tar.WriteEntry(entry);
            }
        }, AtomicFile.Secret);

    private string Readme()
    {
        var text = new StringBuilder();
        text.Append($"""
            Skupper debug dump ({platform.Name()}), made by kubectl-skupper {typeof(DumpArchive).Assembly.GetName().Version?.ToString(3)}.

            Each resource is written twice, as NAME.yaml and NAME.yaml.txt (the same text, for tools
            that open only .txt files). Logs are under logs/, one file per container (and -previous
            for the run before a container's last restart).

            Never included: the data of Secrets, the code of an AccessGrant (status.code) and of an
            AccessToken (spec.code), and private keys. They are replaced by "{Redaction.Marker}", here and
            wherever else the same value appeared (an annotation, a log line).

            Left out:

            """);
        text.Append('\n');
        foreach (var line in Standing().Concat(_leftOut)) text.Append(line).Append('\n');
        return text.ToString();
    }

    /// <summary>What this CLI never collects, unlike the Go CLI's dump.</summary>
    private IEnumerable<string> Standing() => platform == Platform.Kubernetes
        ?
        [
            "- skstat output of the router (skstat -g, -c, -l, -n, -e, -a, -m, -p): it needs exec into the router's pod, " +
            "which this CLI does not do",
            "- kubectl top pod: the metrics API is not read",
        ]
        :
        [
            "- skstat output of the router: it needs exec into the router's container or process, which this CLI does not do",
            "- container engine inspection and logs, systemd status and journal: not collected yet",
            "- private key files (*.key) and YAML files that could not be read (their secrets could not be redacted)",
        ];
}
