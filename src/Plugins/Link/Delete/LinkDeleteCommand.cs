using Skupper.Cli.Sdk;
using LinkResource = Skupper.Cli.Sdk.Models.Link;

namespace Skupper.Plugins.Link.Delete;

/// <summary>
/// <c>link delete &lt;name&gt;</c>; on Kubernetes waits until it is gone (internal/cmd/skupper/link/kube/link_delete.go).
/// </summary>
internal sealed class LinkDeleteCommand : SkupperCommand<LinkDeleteCommand.Options, LinkDeleteCommand.Run>
{
    internal sealed record Run(ResourceStore<LinkResource> Store, string Name, bool Wait, TimeSpan Timeout);

    internal sealed class Options(ICommandDeclaration command)
    {
        public IArgumentValue Name { get; } = LinkName.Add(command, required: true);
        public DeletionOptions Deletion { get; } = new(command);
    }

    public override string Name => "delete";
    public override string Description => "Delete a link.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.WaitsFor = "Deletion (Kubernetes)";
        command.Example("Delete a link", "link delete west-6bfn6", "Waiting for deletion...\nLink \"west-6bfn6\" is deleted.");
        return new Options(command);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var name = LinkName.Read(options.Name, problems, $"{context.InvocationName} link delete <name>");
        var (wait, timeout) = options.Deletion.Read(context.Platform, problems);
        var store = ResourceStore.For<LinkResource>(context);
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            if (name is not null) await LinkName.FindAsync(store, name, problems, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return problems.Any ? null : new Run(store, name!, wait, timeout);
    }

    protected override Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Store.DeleteAsync(run.Name, cancellationToken);

    protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Store.HasController && run.Wait
            ? steps.UntilDeletedAsync<LinkResource>("Link", run.Name, run.Timeout, "link status", cancellationToken)
            : Task.CompletedTask;

    protected override void Report(ICommandContext context, Run run) => context.Output.Out.WriteLine($"Link \"{run.Name}\" is deleted.");
}
