using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;
using Skupper.Plugins.Site.Stores;

namespace Skupper.Plugins.Site.Delete;

/// <summary>
/// <c>site delete [name]</c>: deletes the site and, with <c>--all</c>, what the Go CLI deletes with it
/// (see the stores' ListRelatedAsync); on Kubernetes waits until the site is gone. Off Kubernetes <c>--all</c> also
/// clears what a deleted site left behind, as the Go CLI's does (internal/cmd/skupper/site/nonkube/site_delete.go).
/// </summary>
internal sealed class SiteDeleteCommand : SkupperCommand<SiteDeleteCommand.Options, SiteDeleteCommand.Run>
{
    /// <param name="Site">Null only for <c>--all</c> on a namespace of files without a site: the leftovers go.</param>
    internal sealed record Run(SiteStore Store, SiteResource? Site, IReadOnlyList<RelatedResource> Related, bool Wait, TimeSpan Timeout)
    {
        public List<RelatedResource> Deleted { get; } = [];
    }

    internal sealed class Options(ICommandDeclaration command)
    {
        public IArgumentValue Name { get; } = SiteName.Add(command, required: false);

        public IOption<bool> All { get; } = command.Option("--all",
            "In addition to the site resource, delete all of the Skupper resources associated with the site in the namespace.",
            Parsers.Switch());

        public DeletionOptions Deletion { get; } = new(command);
    }

    public override string Name => "delete";
    public override string Description => "Delete a site.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.WaitsFor = "Deletion";
        command.Example("Delete the current site", "site delete", "Waiting for deletion...\nSite \"west\" is deleted.")
            .Example("Delete the current site and all of its associated Skupper resources", "site delete --all");
        return new Options(command);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var name = SiteName.Read(options.Name, required: false, problems, $"{context.InvocationName} site delete [name]");
        var (wait, timeout) = options.Deletion.Read(context.Platform, problems);
        var store = SiteStore.For(context);
        SiteResource? site = null;
        IReadOnlyList<RelatedResource> related = [];
        var all = options.All.Get(problems);
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            var sites = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            var leftovers = all && !store.HasController && sites.Count == 0;
            if (!leftovers) site = SiteStores.Pick(sites, name, store.Namespace, problems, context.InvocationName);
            // Listed now, so that a permission missing for any of them stops the command before it deletes anything.
            if (all && (site is not null || leftovers))
                related = await store.ListRelatedAsync(site?.Name, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return problems.Any ? null : new Run(store, site, related, wait, timeout);
    }

    /// <summary>What depends on the site first, the site last; a deletion cannot be undone, so a failure says what is gone.</summary>
    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var r in run.Related)
            {
                await run.Store.DeleteRelatedAsync(r, cancellationToken).ConfigureAwait(false);
                run.Deleted.Add(r);
            }
            if (run.Site is not null) await run.Store.DeleteAsync(run.Site.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (SkupperException e) when (run.Deleted.Count > 0)
        {
            throw new SkupperException($"{e.Message}; already deleted: {string.Join(", ", run.Deleted)}", e.ExitCode, e);
        }
    }

    protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Store.HasController && run.Wait && run.Site is not null
            ? steps.UntilDeletedAsync<SiteResource>("Site", run.Site.Name, run.Timeout, "site status", cancellationToken)
            : Task.CompletedTask;

    protected override void Report(ICommandContext context, Run run)
    {
        if (run.Site is not null) context.Output.Out.WriteLine($"Site \"{run.Site.Name}\" is deleted.");
        else if (run.Related.Count == 0)
            context.Output.Out.WriteLine($"There is no site and nothing else to delete in namespace \"{run.Store.Namespace}\".");
        foreach (var r in run.Deleted) context.Output.Out.WriteLine($"{Printable.Escape(r.ToString())} is deleted.");
    }
}
