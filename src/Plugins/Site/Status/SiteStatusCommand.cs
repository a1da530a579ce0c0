using System.Globalization;
using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;
using Skupper.Plugins.Site.Stores;

namespace Skupper.Plugins.Site.Status;

/// <summary><c>site status [name]</c>: a table of the namespace's sites, or the resource as JSON or YAML.</summary>
internal sealed class SiteStatusCommand : SkupperCommand<SiteStatusCommand.Options, SiteStatusCommand.Run>
{
    public static readonly IReadOnlyList<string> Formats = ["json", "yaml"];

    internal sealed record Run(string Namespace, IReadOnlyList<SiteResource> Sites, OutputFormat? Format);

    internal sealed class Options(ICommandDeclaration command)
    {
        public IArgumentValue Name { get; } = SiteName.Add(command, required: false);
        public OutputOptions Output { get; } = new(command, Formats, null, "Print status in a structured output format: json or yaml.");
    }

    public override string Name => "status";
    public override string Description => "Display the status of a site.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.Example("Show the status of the current site", "site status")
            .Example("The whole resource, for scripts", "site status -o json");
        return new Options(command);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var name = SiteName.Read(options.Name, required: false, problems, $"{context.InvocationName} site status [name]");
        var format = options.Output.Read(problems);
        var store = SiteStore.For(context);
        IReadOnlyList<SiteResource> sites = [];
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            sites = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            if (name is not null)
                sites = SiteStores.Pick(sites, name, store.Namespace, problems, context.InvocationName) is { } s ? [s] : [];
            else if (sites.Count == 0 && format is not null)
                problems.Failure($"There is no existing Skupper site resource in namespace \"{store.Namespace}\"");
        }).ConfigureAwait(false);
        return problems.Any ? null : new Run(store.Namespace, sites, format);
    }

    protected override void Report(ICommandContext context, Run run)
    {
        var output = context.Output;
        var sites = run.Sites;
        if (sites.Count == 0)
        {
            output.Out.WriteLine($"There is no existing Skupper site resource in namespace \"{run.Namespace}\"");
            return;
        }
        if (run.Format is not null)
        {
            // One site (the usual case, or the one named) as the resource itself; several as a List, as kubectl does.
            if (sites.Count == 1) run.Format.Write(output, sites[0]);
            else run.Format.WriteList(output, sites);
            return;
        }
        var table = new TextTable("NAME", "STATUS", "MESSAGE", "LINK ACCESS", "SITES IN NETWORK");
        foreach (var s in sites)
        {
            table.Add(s.Name,
                s.Status?.Status ?? ResourceStatusPending,
                string.IsNullOrEmpty(s.Status?.Message) ? "-" : s.Status.Message,
                string.IsNullOrEmpty(s.Spec.LinkAccess) ? "none" : s.Spec.LinkAccess,
                s.Status?.SitesInNetwork?.ToString(CultureInfo.InvariantCulture) ?? "-");
        }
        output.Out.Write(table.ToString());
    }

    private const string ResourceStatusPending = "Pending";
}
