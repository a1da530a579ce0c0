using Skupper.Cli.Sdk;
using Skupper.Plugins.Expose.Stores;

namespace Skupper.Plugins.Expose.Delete;

/// <summary><c>listener delete &lt;name&gt;</c> and <c>connector delete &lt;name&gt;</c>; on Kubernetes waits until it is gone.</summary>
internal sealed class DeleteCommand(BindingKind kind) : SkupperCommand<DeleteCommand.Run>
{
    internal sealed record Run(IBindingStore Store, string Name, bool Wait, TimeSpan Timeout);

    private IArgumentValue _name = null!;
    private DeletionOptions _deletion = null!;

    public override string Name => "delete";
    public override string Description => $"Delete a {kind.Name}.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command)
    {
        _name = BindingArguments.Name(command, kind, create: false);
        _deletion = new DeletionOptions(command);
        command.WaitsFor = "Deletion (Kubernetes)";
        command.Examples = $"""
            # Delete a {kind.Name}
            $ {command.InvocationName} {kind.Name} delete database
            Waiting for deletion...
            {kind.Title} "database" is deleted.
            """;
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = BindingArguments.ReadName(_name, kind, problems, $"{context.InvocationName} {kind.Name} delete <name>");
        var (wait, timeout) = _deletion.Read(context.Platform, problems);
        var store = kind.Store(context);
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            if (name is not null && await store.GetAsync(name, cancellationToken).ConfigureAwait(false) is null)
                problems.Failure($"No {kind.Name} named \"{name}\" exists in namespace \"{store.Namespace}\"");
        }).ConfigureAwait(false);
        return problems.Any ? null : new Run(store, name!, wait, timeout);
    }

    protected override Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Store.DeleteAsync(run.Name, cancellationToken);

    protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Wait ? run.Store.WaitDeletedAsync(steps, run.Name, run.Timeout, cancellationToken) : Task.CompletedTask;

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine($"{kind.Title} \"{run.Name}\" is deleted.");
}
