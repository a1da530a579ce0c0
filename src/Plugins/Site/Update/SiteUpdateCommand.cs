using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;
using Skupper.Plugins.Site.Stores;

namespace Skupper.Plugins.Site.Update;

/// <summary><c>site update [name]</c>: changes only the settings given, then (on Kubernetes) waits.</summary>
internal sealed class SiteUpdateCommand : SkupperCommand<SiteUpdateCommand.Run>
{
    internal sealed record Run(ISiteStore Store, SiteResource Site, SiteChanges Changes, string? Wait, TimeSpan Timeout)
    {
        public SiteResource? Updated { get; set; }
    }

    private IArgumentValue _name = null!;
    private SiteSettingsOptions _settings = null!;
    private StatusWaitOptions _wait = null!;

    public override string Name => "update";
    public override string Description => "Change site settings.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command)
    {
        _name = SiteName.Add(command, required: false);
        _settings = SiteSettingsOptions.Add(command, update: true);
        _wait = new StatusWaitOptions(command, "ready");
        SiteHelp.Declare(command, waitsFor: "Ready",
            new HelpExample("Update the current site to accept links", "site update --enable-link-access",
                "Waiting for status...\nSite \"west\" is ready."),
            new HelpExample("Update multiple settings", "site update --enable-link-access --enable-ha"),
            new HelpExample("Turn link access off", "site update --disable-link-access"));
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = SiteName.Read(_name, required: false, problems, $"{context.InvocationName} site update [name]");
        var (wait, timeout) = _wait.Read(context.Platform, problems);
        var store = SiteStores.For(context);
        SiteResource? site = null;
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            var sites = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            site = SiteStores.Pick(sites, name, store.Namespace, problems, context.InvocationName);
        }).ConfigureAwait(false);
        // Without the site (a problem already reported), do not guess whether it has link access.
        var changes = _settings.Read(context.Platform, problems, existingHasLinkAccess: site?.LinkAccessEnabled ?? true);
        if (changes.IsEmpty && !problems.HasUsage)
            problems.Usage("nothing to change: give --enable-link-access, --disable-link-access, --link-access-type or --enable-ha");
        return problems.Any ? null : new Run(store, site!, changes, wait, timeout);
    }

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Updated = await run.Store.UpdateAsync(run.Site, run.Changes, cancellationToken).ConfigureAwait(false);

    protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        SiteWaiting.UntilAsync(run.Store, run.Updated!.Name, run.Wait, run.Timeout, steps, cancellationToken);

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine(SiteWaiting.Outcome(run.Store, run.Updated!.Name, "updated", run.Wait));
}
