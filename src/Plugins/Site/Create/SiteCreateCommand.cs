using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;
using Skupper.Plugins.Site.Stores;

namespace Skupper.Plugins.Site.Create;

/// <summary><c>site create &lt;name&gt;</c>: a new Site in the namespace, then (on Kubernetes) wait for it.</summary>
internal sealed class SiteCreateCommand : SkupperCommand<SiteCreateCommand.Options, SiteCreateCommand.Run>
{
    internal sealed record Run(SiteStore Store, string Name, SiteChanges Changes, string? Wait, TimeSpan Timeout);

    internal sealed class Options(ICommandDeclaration command)
    {
        public IArgumentValue Name { get; } = SiteName.Add(command, required: true);
        public SiteSettingsOptions Settings { get; } = new(command, update: false);

        // The Go CLI's 3m (skupperproject/skupper e5ec2200), not the reference's 60s: a first site on a real cluster pulls the
        // router's images and may wait for a LoadBalancer address (docs/go-cli-parity.md).
        public StatusWaitOptions Wait { get; } = new(command, "ready", "3m");
    }

    public override string Name => "create";
    public override string Description => "Create a site.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.WaitsFor = "Ready";
        command.Example("Create a site", "site create west", "Waiting for status...\nSite \"west\" is ready.")
            .Example("Create a site that can accept links from remote sites", "site create west --enable-link-access");
        return new Options(command);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var name = SiteName.Read(options.Name, required: true, problems, $"{context.InvocationName} site create <name>");
        var changes = options.Settings.Read(context.Platform, problems);
        var (wait, timeout) = options.Wait.Read(context.Platform, problems);
        var store = SiteStore.For(context);
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
        context.Output.Out.WriteLine(run.Store.Outcome(run.Name, "created", run.Wait));
}
