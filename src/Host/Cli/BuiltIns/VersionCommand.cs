using System.Text.Json.Nodes;
using Skupper.Cli.Host.Plugins;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary><c>version</c>: the CLI's version and each plugin's, from the command index, without loading any plugin.</summary>
internal sealed class VersionCommand(CommandIndex index) : SkupperCommand<OutputOptions, VersionCommand.Run>
{
    /// <param name="Cli">The executable's name: <c>kubectl-skupper</c> when kubectl runs it as <c>kubectl skupper</c>.</param>
    internal sealed record Run(string Cli, OutputFormat? Format);

    public override string Name => "version";
    public override string Description => "Display the version of the CLI and of each plugin.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override OutputOptions Declare(ICommandDeclaration command) => ReportOutput.Declare(command);

    protected override Task<Run?> ValidateAsync(ICommandContext context, OutputOptions options, Problems problems,
        CancellationToken cancellationToken) =>
        Task.FromResult<Run?>(new Run(context.InvocationName.Replace(" skupper", "-skupper", StringComparison.Ordinal),
            options.Read(problems)));

    protected override void Report(ICommandContext context, Run run)
    {
        if (run.Format is { } format)
        {
            context.Output.WriteStructured(new JsonObject
            {
                ["name"] = run.Cli,
                ["version"] = BuiltInCommands.HostVersion,
                ["plugins"] = new JsonArray(index.Plugins.Select(p => (JsonNode)new JsonObject
                {
                    ["name"] = p.Name, ["version"] = p.Version, ["status"] = p.Status,
                }).ToArray()),
            }, format.Name);
            return;
        }
        var table = new TextTable("COMPONENT", "VERSION");
        table.Add(run.Cli, BuiltInCommands.HostVersion);
        foreach (var p in index.Plugins)
            table.Add($"plugin {p.Name}", p.IsWorking ? p.Version : p.Status);
        context.Output.Out.Write(table.ToString());
    }
}
