using System.Globalization;
using Skupper.Cli.Sdk;
using LinkResource = Skupper.Cli.Sdk.Models.Link;

namespace Skupper.Plugins.Link.Status;

/// <summary>
/// <c>link status [name]</c>: the namespace's links as a table (NAME, STATUS, COST, MESSAGE, as the
/// Go CLI prints them in internal/cmd/skupper/link/kube/link_status.go), one as a list of fields,
/// or as resources with <c>-o json|yaml</c>.
/// </summary>
internal sealed class LinkStatusCommand : SkupperCommand<LinkStatusCommand.Options, LinkStatusCommand.Run>
{
    internal sealed record Run(string Namespace, string? Name, IReadOnlyList<LinkResource> Links, OutputFormat? Format);

    private static readonly IReadOnlyList<string> Formats = ["json", "yaml"];

    internal sealed class Options(ICommandDeclaration command)
    {
        public IArgumentValue Name { get; } = LinkName.Add(command, required: false);
        public OutputOptions Output { get; } = new(command, Formats, null, "Print status in a structured output format: json or yaml.");
    }

    public override string Name => "status";
    public override string Description => "Display the status of links in the current site.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.Example("Show the status of all links in the current site", "link status", """
                NAME          STATUS   COST   MESSAGE
                west-6bfn6    Ready    1      OK
                """)
            .Example("Show the status of one link", "link status west-6bfn6");
        return new Options(command);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var name = options.Name.Value is null ? null : LinkName.Read(options.Name, problems, "");
        var format = options.Output.Read(problems);
        var store = ResourceStore.For<LinkResource>(context);
        IReadOnlyList<LinkResource> links = [];
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            if (name is null) links = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            else if (await LinkName.FindAsync(store, name, problems, cancellationToken).ConfigureAwait(false) is { } link) links = [link];
        }).ConfigureAwait(false);
        return problems.Any ? null : new Run(store.Namespace, name, links, format);
    }

    protected override void Report(ICommandContext context, Run run)
    {
        var o = context.Output;
        if (run.Format is not null)
        {
            if (run.Name is not null) run.Format.Write(o, run.Links[0]);
            else run.Format.WriteList(o, run.Links);
            return;
        }
        if (run.Links.Count == 0)
        {
            o.Out.WriteLine($"There are no link resources in namespace \"{run.Namespace}\"");
            return;
        }
        if (run.Name is not null)
        {
            var l = run.Links[0];
            o.Out.Write($"Name:     {l.Name}\nStatus:   {Or(l.Status?.Status, "Pending")}\n" +
                        $"Message:  {Or(l.Status?.Message, "<none>")}\nCost:     {Cost(l)}\n");
            return;
        }
        var table = new TextTable("NAME", "STATUS", "COST", "MESSAGE");
        foreach (var l in run.Links) table.Add(l.Name, Or(l.Status?.Status, "Pending"), Cost(l), Or(l.Status?.Message, "-"));
        o.Out.Write(table.ToString());
    }

    /// <summary>The CRD's default cost is 1.</summary>
    private static string Cost(LinkResource link) => (link.Spec.Cost ?? 1).ToString(CultureInfo.InvariantCulture);

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : Printable.Escape(value);
}
