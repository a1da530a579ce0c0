using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Plugins.Expose.Stores;

namespace Skupper.Plugins.Expose.Create;

/// <summary><c>listener create &lt;name&gt; &lt;port&gt;</c> and <c>connector create &lt;name&gt; &lt;port&gt;</c>.</summary>
internal sealed class BindingCreateCommand(BindingKind kind) : SkupperCommand<BindingCreateCommand.Options, BindingCreateCommand.Run>
{
    internal sealed record Run(IBindingStore Store, string Name, BindingSpec Spec, string? Condition, TimeSpan Timeout);

    internal sealed class Options(ICommandDeclaration command, BindingKind kind)
    {
        public IArgumentValue Name { get; } = BindingArguments.Name(command, kind, create: true);
        public IArgumentValue Port { get; } = BindingArguments.Port(command);
        public BindingOptions Spec { get; } = new(command, kind, update: false, createOrUpdate: true);
        public StatusWaitOptions Wait { get; } = new(command, "configured"); // the reference's default for these kinds
    }

    public override string Name => "create";
    public override string Description => $"Create a {kind.Name}.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.WaitsFor = "Configured (Kubernetes)";
        command.Example($"Create a {kind.Name} for a database", $"{kind.Name} create database 5432",
                $"Waiting for status...\n{kind.Title} \"database\" is configured.")
            .Example($"Set the routing key and {(kind.HasSelector ? "selector" : "host")} explicitly",
                $"{kind.Name} create backend 8080 --routing-key be1 " + (kind.HasSelector ? "--selector app=be1" : "--host apiserver"));
        return new Options(command, kind);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var usage = $"{context.InvocationName} {kind.Name} create <name> <port>";
        var name = BindingArguments.ReadName(options.Name, kind, problems, usage);
        var port = BindingArguments.ReadPort(options.Port, kind, problems, usage);
        var given = options.Spec.Read(context.Platform, problems);
        var (condition, timeout) = options.Wait.Read(context.Platform, problems);
        var store = kind.Store(context);
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            if (store.HasController)
            {
                await TlsCredentials.CheckExistsAsync(context.Cluster, given.TlsCredentials, problems, cancellationToken)
                    .ConfigureAwait(false);
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
        context.Output.Out.WriteLine(run.Store.Outcome(run.Name, "created", run.Condition));

    protected override (string Event, JsonObject Context)? AfterHook(Run run) =>
        ($"{kind.Name}.create.after", BindingWaiting.HookContext(kind, run.Store.Namespace, run.Name, run.Spec));
}
