namespace Skupper.Cli.Sdk.Services;

/// <summary>Results go to <see cref="Out"/>; progress, warnings and errors to <see cref="Error"/>.</summary>
public interface IOutput
{
    TextWriter Out { get; }
    TextWriter Error { get; }

    /// <summary>True when stderr is a terminal: only then is a spinner drawn.</summary>
    bool IsTerminal { get; }

    /// <summary>
    /// True when stdout is a terminal. A command that writes a secret on stdout (<c>token issue -</c>)
    /// refuses then, so the secret does not land on screen or in a scroll-back buffer.
    /// </summary>
    bool OutIsTerminal { get; }

    /// <summary>Writes <c>Warning: message</c> on stderr.</summary>
    void Warning(string message);

    /// <summary>
    /// Shows <paramref name="message"/> (e.g. "Waiting for status...") on stderr, with a spinner on
    /// a terminal, until the returned handle is disposed.
    /// </summary>
    IDisposable Progress(string message);

    /// <summary>Writes a resource as <c>json</c> or <c>yaml</c> on stdout, as <see cref="Render"/> gives it.</summary>
    void WriteStructured(object value, string format);

    /// <summary>
    /// A resource as <c>json</c> or <c>yaml</c> text, as kubectl would print it (fields in
    /// apiVersion, kind, metadata, spec, status order, no nulls, no computed helpers), ready for
    /// <c>kubectl apply -f</c> or a file.
    /// </summary>
    string Render(object value, string format);

    /// <summary>
    /// The resource a text holds (one YAML or JSON document), as <see cref="Render"/> writes it and kubectl reads it:
    /// what a plugin keeps in a file, read back. Null when the text holds no document; fields the model lacks are
    /// ignored. Text that is not such a resource throws an exception whose message says why. Added in SDK 2.0.
    /// </summary>
    T? Parse<T>(string text) where T : Models.SkupperResource;

    /// <summary>
    /// Every document of a YAML (or JSON) text, of any kind, as JSON, read as kubectl reads YAML (plain scalars
    /// become numbers and booleans) and with kubectl's limits on nesting and aliases. Text that is not YAML throws
    /// an exception whose message says why. Added in SDK 2.1.
    /// </summary>
    IReadOnlyList<System.Text.Json.Nodes.JsonNode?> ParseDocuments(string text) =>
        throw new NotSupportedException($"{GetType().Name} predates SDK 2.1 and reads no YAML documents");

    /// <summary>
    /// A JSON model (a resource, a <c>List</c>, any document) as YAML text in <paramref name="style"/>, with the one
    /// quoting rule of every YAML the CLI writes: a string that a YAML 1.1 reader would take for a boolean, null or number
    /// (<c>y</c>, <c>Yes</c>, <c>ON</c>, <c>~</c>, <c>0x1F</c>, <c>1e3</c>, <c>.inf</c>, the empty string …) is
    /// double-quoted, one that plain YAML cannot hold (leading or trailing space, <c>: </c>, <c>#</c> …) is quoted, keys
    /// included. Unlike <see cref="Render"/>, <see cref="YamlStyle.Kubectl"/> writes the node as given: no field is
    /// reordered or dropped. Added in SDK 2.1.
    /// </summary>
    string RenderYaml(System.Text.Json.Nodes.JsonNode? node, YamlStyle style) =>
        throw new NotSupportedException($"{GetType().Name} predates SDK 2.1 and writes no YAML");
}
