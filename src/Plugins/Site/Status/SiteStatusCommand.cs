using System.Globalization;
using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;
using Skupper.Plugins.Site.Stores;

namespace Skupper.Plugins.Site.Status;

/// <summary><c>site status [name]</c>: a table of the namespace's sites, or the resource as JSON or YAML.</summary>
internal sealed class SiteStatusCommand : SkupperCommand<SiteStatusCommand.Run>
{
    public static readonly IReadOnlyList<string> Formats = ["json", "yaml"];

    internal sealed record Run(string Namespace, IReadOnlyList<SiteResource> Sites, string? Format);

    private IArgumentValue _name = null!;
    private IOptionValue _output = null!;

    public override string Name => "status";
    public override string Description => "Display the status of a site.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command)
    {
        _name = SiteName.Add(command, required: false);
        _output = command.Option("-o|--output <FORMAT>", "Print status in a structured output format: json or yaml.", OptionArity.Single,
            ValueCompletion.OneOf([.. Formats]));
        SiteHelp.Declare(command, waitsFor: null,
            new HelpExample("Show the status of the current site", "site status"),
            new HelpExample("The whole resource, for scripts", "site status -o json"));
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = SiteName.Read(_name, required: false, problems, $"{context.InvocationName} site status [name]");
        var format = OptionValues.Choice(_output, Formats, problems);
        var store = SiteStores.For(context);
        IReadOnlyList<SiteResource> sites = [];
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            sites = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            if (name is not null) sites = SiteStores.Pick(sites, name, store.Namespace, problems, context.InvocationName) is { } s ? [s] : [];
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
            object value = sites.Count == 1
                ? sites[0]
                : new Dictionary<string, object> { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = sites };
            output.WriteStructured(value, run.Format);
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
