using System.Reflection;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Contoso.Skupper.Compat;

// Written against SDK 2.0.0 and never changed since: each command touches a different part of that
// contract (a bare ISkupperCommand, the lifecycle with undo and a hook event, typed cluster access,
// option checks, structured output), so that a later SDK which broke any of them fails this plugin.
public sealed class CompatPlugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var group = registrar.Group("compat", "A plugin built against Skupper.Cli.Sdk 2.0.0.");
        registrar.Add(group, new VersionsCommand());
        registrar.Add(group, new SitesCommand());
        registrar.Add(group, new GrantCommand());
    }
}

/// <summary>Says which SDK the plugin was compiled against and which one it runs on.</summary>
public sealed class VersionsCommand : ISkupperCommand
{
    public string Name => "versions";
    public string Description => "Show the SDK this plugin was built against and the one it runs on.";
    public IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public void Configure(ICommandDeclaration command) => command.Details = "Needs no cluster.";

    public Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        var builtAgainst = typeof(VersionsCommand).Assembly.GetReferencedAssemblies().Single(a => a.Name == "Skupper.Cli.Sdk").Version;
        var runsOn = typeof(ISkupperPlugin).Assembly.GetName().Version;
        context.Output.Out.WriteLine($"built against Skupper.Cli.Sdk {builtAgainst}, running on {runsOn}");
        return Task.FromResult(ExitCodes.Success);
    }
}

/// <summary>The namespace's sites, as a table or through the host's structured output.</summary>
public sealed class SitesCommand : SkupperCommand<SitesCommand.Run>
{
    public sealed record Run(IReadOnlyList<Site> Sites, string? Format, int Limit);

    private IOptionValue _output = null!;
    private IOptionValue _limit = null!;

    public override string Name => "sites";
    public override string Description => "List the sites of the namespace.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.KubernetesOnly;

    public override void Configure(ICommandDeclaration command)
    {
        _output = command.Option("-o|--output <FORMAT>", "json or yaml", OptionArity.Single, ValueCompletion.OneOf("json", "yaml"));
        _limit = command.Option("--limit <COUNT>", "At most this many sites (default 10).", OptionArity.Single);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var format = _output.Choice(["json", "yaml"], problems);
        var limit = _limit.Integer(10, problems, min: 1, max: 100);
        if (problems.Any) return null;
        var sites = await context.Cluster.Resources<Site>().ListAsync(cancellationToken);
        return new Run(sites.OrderBy(s => s.Name, StringComparer.Ordinal).Take(limit).ToList(), format, limit);
    }

    protected override (string Event, JsonObject Context)? BeforeHook(Run run) =>
        ("compat.sites.before", new JsonObject { ["count"] = run.Sites.Count });

    protected override void Report(ICommandContext context, Run run)
    {
        if (run.Format is not null)
        {
            foreach (var site in run.Sites) context.Output.WriteStructured(site, run.Format);
            return;
        }
        if (run.Sites.Count == 0)
        {
            context.Output.Out.WriteLine($"There are no sites in namespace {context.Namespace}");
            return;
        }
        var table = new TextTable("NAME", "STATUS");
        foreach (var site in run.Sites) table.Add(site.Name, site.Status?.Status ?? ResourceStatus.Pending);
        context.Output.Out.Write(table.ToString());
    }
}

/// <summary>Creates an access grant: the act step, its undo, and the option checks of SDK 2.0.</summary>
public sealed class GrantCommand : SkupperCommand<GrantCommand.Run>
{
    public sealed record Run(string Name, int Redemptions, TimeSpan Window);

    private IArgumentValue _name = null!;
    private IOptionValue _redemptions = null!;
    private IOptionValue _window = null!;

    public override string Name => "grant";
    public override string Description => "Create an access grant.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.KubernetesOnly;

    public override void Configure(ICommandDeclaration command)
    {
        _name = command.Argument("name", "The grant's name.", required: true);
        _redemptions = command.Option("--redemptions <COUNT>", "How often it may be redeemed (default 1).", OptionArity.Single);
        _window = command.Option("--expiration-window <DURATION>", "How long it may be redeemed (default 15m).", OptionArity.Single);
    }

    protected override Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = _name.Value;
        if (name is null) problems.Usage("a name is required: compat grant <name>");
        else if (KubernetesNames.CheckSubdomain(name) is { } invalid) problems.Usage(invalid);
        var redemptions = _redemptions.Integer(1, problems, min: 1, max: 1000);
        var window = _window.Duration(TimeSpan.FromMinutes(15), problems, minimum: TimeSpan.FromMinutes(1));
        return Task.FromResult(problems.Any ? null : new Run(name!, redemptions, window));
    }

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        var grants = context.Cluster.Resources<AccessGrant>();
        await grants.CreateAsync(new AccessGrant
        {
            Metadata = { Name = run.Name },
            Spec = { RedemptionsAllowed = run.Redemptions, ExpirationWindow = GoDuration.Format(run.Window) },
        }, cancellationToken);
        steps.Undo.Add($"the access grant \"{run.Name}\"", ct => grants.DeleteAsync(run.Name, ct),
            $"kubectl delete accessgrant {run.Name} -n {context.Namespace}");
    }

    protected override void Report(ICommandContext context, Run run)
    {
        var redemptions = GoDuration.Plural(run.Redemptions, "redemption");
        context.Output.Out.WriteLine($"Access grant \"{run.Name}\" created: {redemptions} within {GoDuration.Format(run.Window)}");
    }
}
