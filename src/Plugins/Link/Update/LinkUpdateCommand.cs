using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using LinkResource = Skupper.Cli.Sdk.Models.Link;

namespace Skupper.Plugins.Link.Update;

/// <summary>
/// <c>link update &lt;name&gt;</c>: changes the cost or the TLS credentials of a link, then (on
/// Kubernetes) waits for it (skupperproject/skupper internal/cmd/skupper/link/kube/link_update.go).
/// </summary>
internal sealed class LinkUpdateCommand : SkupperCommand<LinkUpdateCommand.Options, LinkUpdateCommand.Run>
{
    internal sealed record Run(ResourceStore<LinkResource> Store, LinkResource Link, int? Cost, string? TlsCredentials, string? Condition,
        TimeSpan Timeout);

    internal sealed class Options(ICommandDeclaration command)
    {
        public IArgumentValue Name { get; } = LinkName.Add(command, required: true);

        // No default: an update changes the cost only when it is given.
        public IOption<int> Cost { get; } = command.Option("--cost <INTEGER>",
            "The link's cost: the router prefers links of lower cost (at least 1).", Parsers.Number(0, min: 1));

        public IOption<string?> TlsCredentials { get; } = command.Option("--tls-credentials <NAME>",
            "The Secret holding the link's client certificate.", Parsers.KubernetesName());

        public StatusWaitOptions Wait { get; } = new(command, "ready");
    }

    public override string Name => "update";
    public override string Description => "Change link settings.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.WaitsFor = "Ready (Kubernetes)";
        command.Example("Change the link cost", "link update west-6bfn6 --cost 10", "Waiting for status...\nLink \"west-6bfn6\" is ready.");
        return new Options(command);
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var name = LinkName.Read(options.Name, problems, $"{context.InvocationName} link update <name>");
        var cost = options.Cost.GetIfGiven(problems);
        var tls = options.TlsCredentials.Get(problems);
        var (condition, timeout) = options.Wait.Read(context.Platform, problems);
        if (!options.Cost.HasValue() && !options.TlsCredentials.HasValue() && !problems.HasUsage)
            problems.Usage("nothing to change: give --cost or --tls-credentials");
        var store = ResourceStore.For<LinkResource>(context);
        LinkResource? link = null;
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            if (store.HasController)
                await TlsCredentials.CheckExistsAsync(context.Cluster, tls, problems, cancellationToken).ConfigureAwait(false);
            if (name is not null) link = await LinkName.FindAsync(store, name, problems, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return problems.Any ? null : new Run(store, link!, cost, tls, condition, timeout);
    }

    /// <summary>Only what was given changes, in the cluster and in the file alike.</summary>
    protected override Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        var spec = new JsonObject();
        if (run.Cost is not null) spec["cost"] = run.Cost;
        if (run.TlsCredentials is not null) spec["tlsCredentials"] = run.TlsCredentials;
        return run.Store.PatchAsync(run.Link.Name, new JsonObject { ["spec"] = spec }, cancellationToken);
    }

    protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Store.HasController && run.Condition is not null
            ? steps.UntilAsync<LinkResource>("Link", run.Link.Name, run.Condition, run.Timeout, "link status", cancellationToken)
            : Task.CompletedTask;

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine(run.Store.Outcome(run.Link.Name, "updated", run.Condition));
}
