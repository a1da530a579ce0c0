using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;
using Skupper.Plugins.Site.Stores;

namespace Skupper.Plugins.Site.Create;

/// <summary><c>site create &lt;name&gt;</c>: a new Site in the namespace, then (on Kubernetes) wait for it.</summary>
public sealed class SiteCreateCommand : ISkupperCommand
{
    private IArgumentValue _name = null!;
    private SiteSettingsOptions _settings = null!;
    private WaitOptions _wait = null!;

    public string Name => "create";
    public string Description => "Create a site.";
    public IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public void Configure(ICommandDeclaration command)
    {
        _name = SiteName.Add(command, required: true);
        _settings = SiteSettingsOptions.Add(command, update: false);
        _wait = WaitOptions.Add(command);
        SiteHelp.Declare(command, waitsFor: "Ready",
            new HelpExample("Create a site", "site create west", "Waiting for status...\nSite \"west\" is ready."),
            new HelpExample("Create a site that can accept links from remote sites", "site create west --enable-link-access"));
    }

    public async Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        // Validate: every input and precondition, nothing changed yet.
        var problems = new Problems();
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
        problems.ThrowIfAny();

        // Act.
        var site = changes.NewSite(name!, store.HasController ? null : store.Namespace);
        await store.CreateAsync(site, cancellationToken).ConfigureAwait(false);

        // Wait and report.
        var output = context.Output.Out;
        if (!store.HasController)
        {
            output.WriteLine($"Site \"{name}\" is created: {store.Location(name!)}");
            return ExitCodes.Success;
        }
        if (wait == WaitFor.None)
        {
            output.WriteLine($"Site \"{name}\" is created.");
            return ExitCodes.Success;
        }
        await SiteWaiting.UntilAsync(context, store.Namespace, name!, wait, timeout, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Site \"{name}\" is {SiteWaiting.Word(wait)}.");
        return ExitCodes.Success;
    }
}
