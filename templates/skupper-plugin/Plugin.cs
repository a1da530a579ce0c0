using Skupper.Cli.Sdk;
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
/// <c>plugin-group status [-o json|yaml]</c>: the sites of the current namespace, on every platform: in the cluster on
/// Kubernetes, and on Docker, Podman and Linux in the files where <c>site create</c> and the Skupper Go CLI keep them
/// (<see cref="ResourceStore{T}"/> knows where). Written as the steps of the SDK's lifecycle (validate → before hooks →
/// act → wait → report → after hooks); a command that only reads has a validate and a report.
/// </summary>
public sealed class StatusCommand : SkupperCommand<StatusCommand.Options, StatusCommand.Run>
{
    /// <summary>The command's options, declared once; validation reads them.</summary>
    public sealed class Options(ICommandDeclaration command)
    {
        public OutputOptions Output { get; } =
            new(command, ["json", "yaml"], null, "Print the sites in a structured format: json or yaml.");
    }

    /// <summary>What one run found.</summary>
    public sealed record Run(string Namespace, IReadOnlyList<SiteResource> Sites, OutputFormat? Format);

    public override string Name => "status";
    public override string Description => "Show the Skupper sites in the current namespace.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.Example("Show the sites in the current namespace", "plugin-group status");
        return new Options(command);
    }

    /// <summary>Every input and precondition, nothing changed; all problems are reported together (bad input exits 2).</summary>
    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var format = options.Output.Read(problems);
        var store = ResourceStore.For<SiteResource>(context);
        IReadOnlyList<SiteResource> sites = [];
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken);
            sites = await store.ListAsync(cancellationToken);
        });
        return problems.Any ? null : new Run(store.Namespace, sites, format);
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
            run.Format.WriteList(output, run.Sites);
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
