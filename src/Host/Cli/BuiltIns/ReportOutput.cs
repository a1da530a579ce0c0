using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// <c>-o json|yaml</c> for the host's own reports (<c>version</c>, <c>plugin list</c>, <c>hook list</c>): one
/// declaration, printed by the host's one resource writer, so a report reads like <c>site status -o yaml</c> (fields
/// without a value left out). Field names are documented in docs/output.md; they are the user's words, never the names
/// of internal types.
/// </summary>
internal static class ReportOutput
{
    private static readonly IReadOnlyList<string> Formats = ["json", "yaml"];

    public static OutputOptions Declare(ICommandDeclaration command) =>
        new(command, Formats, null, "Output format: json or yaml (default: a plain listing).");

    /// <summary>A list of strings as a JSON array.</summary>
    public static JsonArray Array(IEnumerable<string> items) => new(items.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
}
