using System.Text.Json.Nodes;
using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// <c>-o json|yaml</c> for the host's own reports (<c>version</c>, <c>plugin list</c>, <c>hook list</c>):
/// one option, one check before anything is read, and the host's one resource writer, so a report
/// reads like <c>site status -o yaml</c> (fields without a value left out). Field names are documented
/// in docs/output.md; they are the user's words, never the names of internal types.
/// </summary>
public static class ReportOutput
{
    private static readonly string[] Formats = ["json", "yaml"];

    public static CommandOption Add(CommandLineApplication cmd, Declarations declarations)
    {
        var option = cmd.Option("-o|--output <FORMAT>", "Output format: json or yaml (default: a plain listing).", CommandOptionType.SingleValue);
        declarations.Complete(option, ValueCompletion.OneOf(Formats));
        return option;
    }

    /// <summary>The format asked for, null for the plain listing; anything else is a usage error.</summary>
    public static string? Format(CommandOption option)
    {
        var format = option.Value();
        if (format is null || Formats.Contains(format)) return format;
        throw SkupperException.Usage($"invalid value \"{format}\" for --output: choose json or yaml");
    }

    public static void Write(HostEnvironment env, string format, JsonNode report) =>
        env.Out.Write(ResourceText.Render(report, format));

    /// <summary>A list of strings as a JSON array.</summary>
    public static JsonArray Array(IEnumerable<string> items) => new(items.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
}
