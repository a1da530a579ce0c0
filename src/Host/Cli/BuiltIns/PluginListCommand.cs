using System.Text.Json.Nodes;
using Skupper.Cli.Host.Plugins;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// <c>plugin list</c>: every plugin found, with its version, folder, commands and status, and the commands it did not
/// get because another owns them; from the command index, without loading any plugin.
/// </summary>
internal sealed class PluginListCommand(CommandIndex index) : SkupperCommand<OutputOptions, PluginListCommand.Run>
{
    internal sealed record Run(OutputFormat? Format);

    public override string Name => "list";
    public override string Description => "List every plugin found, with its version, folder, commands and status.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override OutputOptions Declare(ICommandDeclaration command) => ReportOutput.Declare(command);

    protected override Task<Run?> ValidateAsync(ICommandContext context, OutputOptions options, Problems problems,
        CancellationToken cancellationToken) => Task.FromResult<Run?>(new Run(options.Read(problems)));

    protected override void Report(ICommandContext context, Run run)
    {
        var output = context.Output;
        if (run.Format is { } format)
        {
            output.WriteStructured(new JsonObject
            {
                ["plugins"] = new JsonArray(index.Plugins.Select(p => (JsonNode)new JsonObject
                {
                    ["name"] = p.Name,
                    ["version"] = p.Version,
                    ["status"] = p.Status,
                    ["reason"] = p.Refused ?? p.Broken,
                    ["commands"] = ReportOutput.Array(p.Commands),
                    ["conflicts"] = Conflicts(p),
                    ["folder"] = p.Folder,
                    ["source"] = p.Source,
                }).ToArray()),
            }, format.Name);
            return;
        }
        if (index.Plugins.Count == 0)
        {
            output.Out.WriteLine("No plugins found.");
            return;
        }
        var table = new TextTable("NAME", "VERSION", "STATUS", "COMMANDS", "FOLDER");
        foreach (var p in index.Plugins)
            table.Add(p.Name, p.Version ?? "-", p.StatusText,
                p.Commands.Count == 0 ? "-" : string.Join(", ", p.Commands), $"{p.Folder} ({p.Source})");
        output.Out.Write(table.ToString());
        // Which commands and who has them: too long for the table's status column.
        var denied = index.Plugins.Where(p => p.IsWorking && p.Conflicts.Count > 0).ToList();
        if (denied.Count > 0) output.Out.WriteLine();
        foreach (var p in denied) output.Out.WriteLine(Printable.Escape($"{p.Name}: {p.ConflictSummary()}"));
    }

    /// <summary>The commands a plugin registered but another owns, each with its owner; null (left out) when there are none.</summary>
    private static JsonArray? Conflicts(PluginEntry plugin) => plugin.Conflicts.Count == 0 ? null
        : new JsonArray(plugin.Conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["command"] = c.Command,
            ["owner"] = c.OwnerName,
            ["ownerSource"] = c.OwnerSource,
            ["ownerFolder"] = c.OwnerFolder,
        }).ToArray());
}
