using Skupper.Cli.Sdk;
using Skupper.Plugins.Expose.Stores;

namespace Skupper.Plugins.Expose.Update;

/// <summary><c>listener update &lt;name&gt;</c> and <c>connector update &lt;name&gt;</c>: changes only what is given.</summary>
internal sealed class BindingUpdateCommand(BindingKind kind) : SkupperCommand<BindingUpdateCommand.Options, BindingUpdateCommand.Run>
{
    internal sealed record Run(IBindingStore Store, string Name, BindingSpec Spec, string? Condition, TimeSpan Timeout);

    internal sealed class Options(ICommandDeclaration command, BindingKind kind)
    {
        public IArgumentValue Name { get; } = BindingArguments.Name(command, kind, create: false);
        public BindingOptions Spec { get; } = new(command, kind, update: true, createOrUpdate: true);
        public StatusWaitOptions Wait { get; } = new(command, "configured"); // the reference's default for these kinds
    }

    public override string Name => "update";
    public override string Description => $"Update a {kind.Name}.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.WaitsFor = "Configured (Kubernetes)";
        command.Example("Change the port", $"{kind.Name} update database --port 3306",
                $"Waiting for status...\n{kind.Title} \"database\" is configured.")
            .Example("Change the routing key", $"{kind.Name} update backend --routing-key be2");
        return new Options(command, kind);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var name = BindingArguments.ReadName(options.Name, kind, problems, $"{context.InvocationName} {kind.Name} update <name>");
        var changes = options.Spec.Read(context.Platform, problems);
        var (condition, timeout) = options.Wait.Read(context.Platform, problems);
        if (changes.IsEmpty && !problems.HasUsage)
            problems.Usage("nothing to change: give --routing-key, --host, --port" +
                           $"{(kind.HasSelector ? ", --selector, --workload" : "")}, --tls-credentials or --type");
        var store = kind.Store(context);
        Binding? current = null;
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            if (store.HasController)
            {
                await TlsCredentials.CheckExistsAsync(context.Cluster, changes.TlsCredentials, problems, cancellationToken)
                    .ConfigureAwait(false);
                changes = await changes.ResolveWorkloadAsync(context.Cluster, problems, cancellationToken).ConfigureAwait(false);
            }
            if (name is not null && (current = await store.GetAsync(name, cancellationToken).ConfigureAwait(false)) is null)
                problems.Failure($"No {kind.Name} named \"{name}\" exists in namespace \"{store.Namespace}\"");
        }).ConfigureAwait(false);
        return problems.Any ? null : new Run(store, name!, changes.ApplyTo(current!.Spec), condition, timeout);
    }

    protected override Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Store.UpdateAsync(run.Name, run.Spec, cancellationToken);

    protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        BindingWaiting.UntilAsync(run.Store, run.Name, run.Condition, run.Timeout, steps, cancellationToken);

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine(run.Store.Outcome(run.Name, "updated", run.Condition));
}
