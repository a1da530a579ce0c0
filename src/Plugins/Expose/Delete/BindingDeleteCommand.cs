using Skupper.Cli.Sdk;
using Skupper.Plugins.Expose.Stores;

namespace Skupper.Plugins.Expose.Delete;

/// <summary><c>listener delete &lt;name&gt;</c> and <c>connector delete &lt;name&gt;</c>; on Kubernetes waits until it is gone.</summary>
internal sealed class BindingDeleteCommand(BindingKind kind) : SkupperCommand<BindingDeleteCommand.Options, BindingDeleteCommand.Run>
{
    internal sealed record Run(IBindingStore Store, string Name, bool Wait, TimeSpan Timeout);

    internal sealed class Options(ICommandDeclaration command, BindingKind kind)
    {
        public IArgumentValue Name { get; } = BindingArguments.Name(command, kind, create: false);
        public DeletionOptions Deletion { get; } = new(command);
    }

    public override string Name => "delete";
    public override string Description => $"Delete a {kind.Name}.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.WaitsFor = "Deletion (Kubernetes)";
        command.Example($"Delete a {kind.Name}", $"{kind.Name} delete database",
            $"Waiting for deletion...\n{kind.Title} \"database\" is deleted.");
        return new Options(command, kind);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var name = BindingArguments.ReadName(options.Name, kind, problems, $"{context.InvocationName} {kind.Name} delete <name>");
        var (wait, timeout) = options.Deletion.Read(context.Platform, problems);
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
