using System.Text.Json.Nodes;
using Skupper.Cli.Host.Hooks;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// <c>hook list</c>: every hook found, in the order they run, where it is, the events it handles,
/// and whether it would be refused and why. Runs no hook and never loads Jint.
/// </summary>
/// <param name="folders">The folders searched, in order (<see cref="HookDiscovery.Folders"/>).</param>
internal sealed class HookListCommand(HostEnvironment env, IReadOnlyList<HookFolder> folders)
    : SkupperCommand<OutputOptions, HookListCommand.Run>
{
    /// <param name="Settings">The limits of the settings file, or why that file is invalid.</param>
    internal sealed record Run(OutputFormat? Format, IReadOnlyList<HookFile> Hooks, string Settings);

    public override string Name => "list";
    public override string Description => "List every hook found, in run order, with its folder, events and status.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override OutputOptions Declare(ICommandDeclaration command) => ReportOutput.Declare(command);

    protected override Task<Run?> ValidateAsync(ICommandContext context, OutputOptions options, Problems problems,
        CancellationToken cancellationToken)
    {
        var format = options.Read(problems);
        if (problems.Any) return Task.FromResult<Run?>(null);
        string settings;
        // A settings file that the commands would refuse is shown, not refused: this is where the user looks for why.
        try { settings = HookSettings.Load(env).Describe(); }
        catch (SkupperException e) { settings = $"invalid: {e.Message}"; }
        return Task.FromResult<Run?>(new Run(format, HookDiscovery.Find(folders), settings));
    }

    protected override void Report(ICommandContext context, Run run)
    {
        var output = context.Output;
        if (run.Format is { } format)
        {
            output.WriteStructured(Structured(run), format.Name);
            return;
        }
        if (run.Hooks.Count == 0)
            output.Out.WriteLine("No hooks found.");
        else
        {
            var table = new TextTable("HOOK", "EVENTS", "STATUS", "FOLDER");
            foreach (var h in run.Hooks)
                table.Add(Printable.Path(h.Name), Events(h), h.Refused is null ? "ok" : Printable.Escape($"refused: {h.Refused}"),
                    $"{Printable.Path(h.Folder.Path)} ({h.Folder.Source})");
            output.Out.Write(table.ToString());
        }
        output.Out.WriteLine();
        output.Out.WriteLine("Folders searched, in order:");
        foreach (var f in folders)
            output.Out.WriteLine($"  {Printable.Path(f.Path)} ({f.Source}{(Directory.Exists(f.Path) ? "" : ", absent")})");
        output.Out.WriteLine($"Limits ({Printable.Path(HookSettings.PathFor(env))}): {run.Settings}");
    }

    private static string Events(HookFile h)
    {
        var events = h.Events.ToList();
        return events.Count == 0 ? "-" : string.Join(", ", events) + (h.IgnoreFailures ? " (failurePolicy Ignore)" : "");
    }

    /// <summary>What <c>-o json|yaml</c> shows; the fields are documented in docs/output.md.</summary>
    private JsonObject Structured(Run run) => new()
    {
        ["folders"] = new JsonArray(folders.Select(f => (JsonNode)new JsonObject
        {
            ["path"] = f.Path, ["source"] = f.Source, ["exists"] = Directory.Exists(f.Path),
        }).ToArray()),
        ["hooks"] = new JsonArray(run.Hooks.Select(h => (JsonNode)new JsonObject
        {
            ["name"] = h.Name,
            ["path"] = h.Path,
            ["folder"] = h.Folder.Path,
            ["source"] = h.Folder.Source,
            ["events"] = ReportOutput.Array(h.Events),
            ["exports"] = ReportOutput.Array(h.Exports.Order(StringComparer.Ordinal)),
            ["failurePolicy"] = h.IgnoreFailures ? "Ignore" : "Fail",
            ["status"] = h.Refused is null ? "ok" : "refused",
            ["refused"] = h.Refused,
        }).ToArray()),
        ["settingsFile"] = HookSettings.PathFor(env),
        ["limits"] = run.Settings,
    };
}
