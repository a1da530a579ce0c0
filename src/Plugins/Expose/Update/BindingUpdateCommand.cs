using Skupper.Cli.Sdk;
using Skupper.Plugins.Expose.Stores;

namespace Skupper.Plugins.Expose.Update;

/// <summary><c>listener update &lt;name&gt;</c> and <c>connector update &lt;name&gt;</c>: changes only what is given.</summary>
internal sealed class UpdateCommand(BindingKind kind) : SkupperCommand<UpdateCommand.Run>
{
    internal sealed record Run(IBindingStore Store, string Name, BindingSpec Spec, string? Condition, TimeSpan Timeout);

    private IArgumentValue _name = null!;
    private BindingOptions _options = null!;
    private StatusWaitOptions _wait = null!;

    public override string Name => "update";
    public override string Description => $"Update a {kind.Name}.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command)
    {
        _name = BindingArguments.Name(command, kind, create: false);
        _options = new BindingOptions(command, kind, update: true, createOrUpdate: true);
        _wait = new StatusWaitOptions(command, "configured"); // the reference's default for these kinds
        command.WaitsFor = "Configured (Kubernetes)";
        var i = command.InvocationName;
        command.Examples = $"""
            # Change the port
            $ {i} {kind.Name} update database --port 3306
            Waiting for status...
            {kind.Title} "database" is configured.

            # Change the routing key
            $ {i} {kind.Name} update backend --routing-key be2
            """;
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = BindingArguments.ReadName(_name, kind, problems, $"{context.InvocationName} {kind.Name} update <name>");
        var changes = _options.Read(context.Platform, problems);
        var (condition, timeout) = _wait.Read(context.Platform, problems);
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
                await TlsCredentials.CheckExistsAsync(context.Cluster, changes.TlsCredentials, problems, cancellationToken).ConfigureAwait(false);
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
        context.Output.Out.WriteLine(BindingWaiting.Outcome(kind, run.Store, run.Name, "updated", run.Condition));
}
