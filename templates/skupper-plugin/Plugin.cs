using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;
using SiteResource = Skupper.Cli.Sdk.Models.Site;

namespace SkupperPlugin1;

/// <summary>The plugin's entry point: the host creates it and calls <see cref="Register"/>.</summary>
public sealed class Plugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var group = registrar.Group("plugin-group", "Commands of the plugin-group plugin.");
        registrar.Add(group, new StatusCommand());
    }
}

/// <summary>
/// <c>plugin-group status [-o json|yaml]</c>: the sites of the current namespace. Written as the
/// steps of the SDK's lifecycle (validate → before hooks → act → wait → report → after hooks); a
/// command that only reads has a validate and a report.
/// </summary>
public sealed class StatusCommand : SkupperCommand<StatusCommand.Run>
{
    public sealed record Run(string Namespace, IReadOnlyList<SiteResource> Sites, string? Format);

    private IOptionValue _output = null!;

    public override string Name => "status";
    public override string Description => "Show the Skupper sites in the current namespace.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.KubernetesOnly;

    public override void Configure(ICommandDeclaration command) =>
        _output = command.Option("-o|--output <FORMAT>", "Print the sites in a structured format: json or yaml.",
            OptionArity.Single, ValueCompletion.OneOf("json", "yaml"));

    /// <summary>Every input and precondition, nothing changed; all problems are reported together (bad input exits 2).</summary>
    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var format = _output.Choice(["json", "yaml"], problems);
        IReadOnlyList<SiteResource> sites = [];
        await problems.CheckAsync(async () =>
        {
            await context.Cluster.EnsureSkupperInstalledAsync(cancellationToken);
            sites = await context.Cluster.Resources<SiteResource>().ListAsync(cancellationToken);
        });
        return problems.Any ? null : new Run(context.Namespace, sites, format);
    }

    // Site admins may hook this command through the event plugin-group.status.before: a hook file
    // exports "before" + the group in camelCase + "Status" (group backup: beforeBackupStatus) and may refuse.
    protected override (string Event, System.Text.Json.Nodes.JsonObject Context)? BeforeHook(Run run) =>
        ("plugin-group.status.before", new() { ["namespace"] = run.Namespace });

    protected override void Report(ICommandContext context, Run run)
    {
        var output = context.Output;
        if (run.Format is not null)
        {
            output.WriteStructured(new Dictionary<string, object> { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = run.Sites }, run.Format);
            return;
        }
        if (run.Sites.Count == 0)
        {
            output.Out.WriteLine($"There are no sites in namespace {run.Namespace}");
            return;
        }
        var table = new TextTable("NAME", "STATUS", "MESSAGE");
        foreach (var site in run.Sites)
            table.Add(site.Name, site.Status?.Status ?? "Pending", site.Status?.Message ?? "-");
        output.Out.Write(table.ToString());
    }
}
