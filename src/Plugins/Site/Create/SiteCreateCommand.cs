using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;
using Skupper.Plugins.Site.Stores;

namespace Skupper.Plugins.Site.Create;

/// <summary><c>site create &lt;name&gt;</c>: a new Site in the namespace, then (on Kubernetes) wait for it.</summary>
internal sealed class SiteCreateCommand : SkupperCommand<SiteCreateCommand.Run>
{
    internal sealed record Run(ISiteStore Store, string Name, SiteChanges Changes, string? Wait, TimeSpan Timeout);

    private IArgumentValue _name = null!;
    private SiteSettingsOptions _settings = null!;
    private StatusWaitOptions _wait = null!;

    public override string Name => "create";
    public override string Description => "Create a site.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command)
    {
        _name = SiteName.Add(command, required: true);
        _settings = SiteSettingsOptions.Add(command, update: false);
        // The Go CLI's 3m (skupperproject/skupper e5ec2200), not the reference's 60s: a first site on a real cluster pulls the
        // router's images and may wait for a LoadBalancer address (docs/go-cli-parity.md).
        _wait = new StatusWaitOptions(command, "ready", "3m");
        SiteHelp.Declare(command, waitsFor: "Ready",
            new HelpExample("Create a site", "site create west", "Waiting for status...\nSite \"west\" is ready."),
            new HelpExample("Create a site that can accept links from remote sites", "site create west --enable-link-access"));
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = SiteName.Read(_name, required: true, problems, $"{context.InvocationName} site create <name>");
        var changes = _settings.Read(context.Platform, problems);
        var (wait, timeout) = _wait.Read(context.Platform, problems);
        var store = SiteStores.For(context);
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            var existing = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            if (existing.Count > 0)
                problems.Failure($"A site resource already exists in namespace \"{store.Namespace}\": {SiteStores.Names(existing)}; " +
                                 $"change it with \"{context.InvocationName} site update\"");
        }).ConfigureAwait(false);
        return problems.Any ? null : new Run(store, name!, changes, wait, timeout);
    }

    protected override Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Store.CreateAsync(run.Changes.NewSite(run.Name, run.Store.HasController ? null : run.Store.Namespace), cancellationToken);

    protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        SiteWaiting.UntilAsync(run.Store, run.Name, run.Wait, run.Timeout, steps, cancellationToken);

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine(SiteWaiting.Outcome(run.Store, run.Name, "created", run.Wait));
}
