using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;
using Skupper.Plugins.Site.Stores;

namespace Skupper.Plugins.Site.Delete;

/// <summary>
/// <c>site delete [name]</c>: deletes the site and, with <c>--all</c>, what the Go CLI deletes with it
/// (see the stores' ListRelatedAsync); on Kubernetes waits until the site is gone.
/// </summary>
public sealed class SiteDeleteCommand : ISkupperCommand
{
    private IArgumentValue _name = null!;
    private IOptionValue _all = null!;
    private IOptionValue _wait = null!;
    private IOptionValue _timeout = null!;

    public string Name => "delete";
    public string Description => "Delete a site.";
    public IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public void Configure(ICommandDeclaration command)
    {
        _name = SiteName.Add(command, required: false);
        _all = command.Option("--all",
            "In addition to the site resource, delete all of the Skupper resources associated with the site in the namespace.",
            OptionArity.None);
        _wait = command.Option("--wait", "Wait for deletion to complete before exiting (default true; --wait=false returns at once). Kubernetes only.",
            OptionArity.SingleOrNone);
        _timeout = command.Option("--timeout <DURATION>", "Raise an error if the deletion does not complete in this time (default 60s). Kubernetes only.",
            OptionArity.Single);
        SiteHelp.Declare(command, waitsFor: "Deletion",
            new HelpExample("Delete the current site", "site delete", "Waiting for deletion...\nSite \"west\" is deleted."),
            new HelpExample("Delete the current site and all of its associated Skupper resources", "site delete --all"));
    }

    public async Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        var problems = new Problems();
        var name = SiteName.Read(_name, required: false, problems, $"{context.InvocationName} site delete [name]");
        OptionValues.KubernetesOnly(_wait, context.Platform, problems);
        OptionValues.KubernetesOnly(_timeout, context.Platform, problems);
        var wait = OptionValues.Boolean(_wait, problems) ?? true;
        var timeout = OptionValues.Duration(_timeout, WaitOptions.DefaultTimeout, problems);
        var store = SiteStores.For(context);
        SiteResource? site = null;
        IReadOnlyList<RelatedResource> related = [];
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            var sites = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            site = SiteStores.Pick(sites, name, store.Namespace, problems, context.InvocationName);
            // Listed now, so that a permission missing for any of them stops the command before it deletes anything.
            if (_all.HasValue() && site is not null) related = await store.ListRelatedAsync(site.Name, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        problems.ThrowIfAny();

        // Act: what depends on the site first, the site last.
        var deleted = new List<RelatedResource>();
        try
        {
            foreach (var r in related)
            {
                await store.DeleteRelatedAsync(r, cancellationToken).ConfigureAwait(false);
                deleted.Add(r);
            }
            await store.DeleteAsync(site!.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (SkupperException e) when (deleted.Count > 0)
        {
            throw new SkupperException($"{e.Message}; already deleted: {string.Join(", ", deleted)}", e.ExitCode, e);
        }

        if (store.HasController && wait)
            await SiteWaiting.UntilDeletedAsync(context, store.Namespace, site.Name, timeout, cancellationToken).ConfigureAwait(false);

        var output = context.Output.Out;
        output.WriteLine($"Site \"{site.Name}\" is deleted.");
        foreach (var r in deleted) output.WriteLine($"{Printable.Escape(r.ToString())} is deleted.");
        return ExitCodes.Success;
    }
}
