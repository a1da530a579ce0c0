using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;
using Skupper.Plugins.Site.Stores;

namespace Skupper.Plugins.Site.Update;

/// <summary><c>site update [name]</c>: changes only the settings given, then (on Kubernetes) waits.</summary>
internal sealed class SiteUpdateCommand : SkupperCommand<SiteUpdateCommand.Options, SiteUpdateCommand.Run>
{
    internal sealed record Run(SiteStore Store, SiteResource Site, SiteChanges Changes, string? Wait, TimeSpan Timeout)
    {
        public SiteResource? Updated { get; set; }
    }

    internal sealed class Options(ICommandDeclaration command)
    {
        public IArgumentValue Name { get; } = SiteName.Add(command, required: false);
        public SiteSettingsOptions Settings { get; } = new(command, update: true);
        public StatusWaitOptions Wait { get; } = new(command, "ready");
    }

    public override string Name => "update";
    public override string Description => "Change site settings.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.WaitsFor = "Ready";
        command.Example("Update the current site to accept links", "site update --enable-link-access",
                "Waiting for status...\nSite \"west\" is ready.")
            .Example("Update multiple settings", "site update --enable-link-access --enable-ha")
            .Example("Turn link access off", "site update --disable-link-access");
        return new Options(command);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var name = SiteName.Read(options.Name, required: false, problems, $"{context.InvocationName} site update [name]");
        var (wait, timeout) = options.Wait.Read(context.Platform, problems);
        var store = SiteStore.For(context);
        SiteResource? site = null;
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            var sites = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            site = SiteStores.Pick(sites, name, store.Namespace, problems, context.InvocationName);
        }).ConfigureAwait(false);
        // Without the site (a problem already reported), do not guess whether it has link access.
        var changes = options.Settings.Read(context.Platform, problems, existingHasLinkAccess: site?.LinkAccessEnabled ?? true);
        if (changes.IsEmpty && !problems.HasUsage)
            problems.Usage("nothing to change: give --enable-link-access, --disable-link-access, --link-access-type or --enable-ha");
        return problems.Any ? null : new Run(store, site!, changes, wait, timeout);
    }

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Updated = await run.Store.UpdateAsync(run.Site, run.Changes, cancellationToken).ConfigureAwait(false);

    protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        SiteWaiting.UntilAsync(run.Store, run.Updated!.Name, run.Wait, run.Timeout, steps, cancellationToken);

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine(run.Store.Outcome(run.Updated!.Name, "updated", run.Wait));
}
