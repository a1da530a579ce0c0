using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;
using Skupper.Plugins.Site.Stores;

namespace Skupper.Plugins.Site.Update;

/// <summary><c>site update [name]</c>: changes only the settings given, then (on Kubernetes) waits.</summary>
public sealed class SiteUpdateCommand : ISkupperCommand
{
    private IArgumentValue _name = null!;
    private SiteSettingsOptions _settings = null!;
    private WaitOptions _wait = null!;

    public string Name => "update";
    public string Description => "Change site settings.";
    public IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public void Configure(ICommandDeclaration command)
    {
        _name = SiteName.Add(command, required: false);
        _settings = SiteSettingsOptions.Add(command, update: true);
        _wait = WaitOptions.Add(command);
        SiteHelp.Declare(command, waitsFor: "Ready",
            new HelpExample("Update the current site to accept links", "site update --enable-link-access",
                "Waiting for status...\nSite \"west\" is ready."),
            new HelpExample("Update multiple settings", "site update --enable-link-access --enable-ha"),
            new HelpExample("Turn link access off", "site update --disable-link-access"));
    }

    public async Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        var problems = new Problems();
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
        problems.ThrowIfAny();

        var updated = await store.UpdateAsync(site!, changes, cancellationToken).ConfigureAwait(false);

        var output = context.Output.Out;
        if (!store.HasController)
        {
            output.WriteLine($"Site \"{updated.Name}\" is updated: {store.Location(updated.Name)}");
            return ExitCodes.Success;
        }
        if (wait == WaitFor.None)
        {
            output.WriteLine($"Site \"{updated.Name}\" is updated.");
            return ExitCodes.Success;
        }
        await SiteWaiting.UntilAsync(context, store.Namespace, updated.Name, wait, timeout, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Site \"{updated.Name}\" is {SiteWaiting.Word(wait)}.");
        return ExitCodes.Success;
    }
}
