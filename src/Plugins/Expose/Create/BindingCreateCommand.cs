using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Plugins.Expose.Stores;

namespace Skupper.Plugins.Expose.Create;

/// <summary><c>listener create &lt;name&gt; &lt;port&gt;</c> and <c>connector create &lt;name&gt; &lt;port&gt;</c>.</summary>
internal sealed class CreateCommand(BindingKind kind) : SkupperCommand<CreateCommand.Run>
{
    internal sealed record Run(IBindingStore Store, string Name, BindingSpec Spec, string? Condition, TimeSpan Timeout);

    private IArgumentValue _name = null!;
    private IArgumentValue _port = null!;
    private BindingOptions _options = null!;
    private StatusWaitOptions _wait = null!;

    public override string Name => "create";
    public override string Description => $"Create a {kind.Name}.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command)
    {
        _name = BindingArguments.Name(command, kind, create: true);
        _port = BindingArguments.Port(command);
        _options = new BindingOptions(command, kind, update: false, createOrUpdate: true);
        _wait = new StatusWaitOptions(command, "configured"); // the reference's default for these kinds
        command.WaitsFor = "Configured (Kubernetes)";
        var i = command.InvocationName;
        command.Examples = kind.HasSelector
            ? $"""
              # Create a connector for a database
              $ {i} connector create database 5432
              Waiting for status...
              Connector "database" is configured.

              # Set the routing key and selector explicitly
              $ {i} connector create backend 8080 --routing-key be1 --selector app=be1
              """
            : $"""
              # Create a listener for a database
              $ {i} listener create database 5432
              Waiting for status...
              Listener "database" is configured.

              # Set the routing key and host explicitly
              $ {i} listener create backend 8080 --routing-key be1 --host apiserver
              """;
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var usage = $"{context.InvocationName} {kind.Name} create <name> <port>";
        var name = BindingArguments.ReadName(_name, kind, problems, usage);
        var port = BindingArguments.ReadPort(_port, kind, problems, usage);
        var given = _options.Read(context.Platform, problems);
        var (condition, timeout) = _wait.Read(context.Platform, problems);
        var store = kind.Store(context);
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            if (store.HasController)
            {
                await TlsCredentials.CheckExistsAsync(context.Cluster, given.TlsCredentials, problems, cancellationToken).ConfigureAwait(false);
                given = await given.ResolveWorkloadAsync(context.Cluster, problems, cancellationToken).ConfigureAwait(false);
            }
            if (name is not null && await store.GetAsync(name, cancellationToken).ConfigureAwait(false) is not null)
                problems.Failure($"There is already a {kind.Name} \"{name}\" in namespace \"{store.Namespace}\"; " +
                                 $"change it with \"{context.InvocationName} {kind.Name} update {name}\"");
        }).ConfigureAwait(false);
        return problems.Any ? null : new Run(store, name!, kind.Defaults(name!, port!.Value, context.Platform, given), condition, timeout);
    }

    protected override (string Event, JsonObject Context)? BeforeHook(Run run) =>
        ($"{kind.Name}.create.before", BindingWaiting.HookContext(kind, run.Store.Namespace, run.Name, run.Spec));

    protected override Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Store.CreateAsync(run.Name, run.Spec, cancellationToken);

    protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        BindingWaiting.UntilAsync(run.Store, run.Name, run.Condition, run.Timeout, steps, cancellationToken);

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine(BindingWaiting.Outcome(kind, run.Store, run.Name, "created", run.Condition));

    protected override (string Event, JsonObject Context)? AfterHook(Run run) =>
        ($"{kind.Name}.create.after", BindingWaiting.HookContext(kind, run.Store.Namespace, run.Name, run.Spec));
}
