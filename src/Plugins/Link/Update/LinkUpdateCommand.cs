using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using LinkResource = Skupper.Cli.Sdk.Models.Link;

namespace Skupper.Plugins.Link.Update;

/// <summary>
/// <c>link update &lt;name&gt;</c>: changes the cost or the TLS credentials of a link, then (on
/// Kubernetes) waits for it (skupperproject/skupper internal/cmd/skupper/link/kube/link_update.go).
/// </summary>
internal sealed class LinkUpdateCommand : SkupperCommand<LinkUpdateCommand.Run>
{
    internal sealed record Run(LinkStore Store, LinkResource Link, int? Cost, string? TlsCredentials, string? Condition, TimeSpan Timeout);

    private static readonly IReadOnlyList<string> WaitChoices = ["none", "configured", "ready"];

    private IArgumentValue _name = null!;
    private IOptionValue _cost = null!;
    private IOptionValue _tls = null!;
    private IOptionValue _wait = null!;
    private IOptionValue _timeout = null!;

    public override string Name => "update";
    public override string Description => "Change link settings.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command)
    {
        _name = LinkName.Add(command, required: true);
        _cost = command.Option("--cost <INTEGER>", "The link's cost: the router prefers links of lower cost (at least 1).", OptionArity.Single);
        _tls = command.Option("--tls-credentials <NAME>", "The Secret holding the link's client certificate.", OptionArity.Single);
        _wait = command.Option("--wait <STATUS>", $"Wait for the given status before exiting: {OptionValues.Or(WaitChoices)} (default \"ready\"). Kubernetes only.",
            OptionArity.Single, ValueCompletion.OneOf([.. WaitChoices]));
        _timeout = command.Option("--timeout <DURATION>", "Raise an error if the operation does not complete in this time (default 60s). Kubernetes only.",
            OptionArity.Single);
        command.WaitsFor = "Ready (Kubernetes)";
        command.Examples = $"""
            # Change the link cost
            $ {command.InvocationName} link update west-6bfn6 --cost 10
            Waiting for status...
            Link "west-6bfn6" is ready.
            """;
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = LinkName.Read(_name, problems, $"{context.InvocationName} link update <name>");
        var cost = _cost.HasValue() ? _cost.Integer(1, problems, min: 1) : (int?)null;
        var tls = _tls.KubernetesName(problems);
        _wait.KubernetesOnly(context.Platform, problems);
        _timeout.KubernetesOnly(context.Platform, problems);
        var condition = _wait.Choice(WaitChoices, problems) switch
        {
            "none" => null,
            "configured" => ConditionTypes.Configured,
            _ => ConditionTypes.Ready,
        };
        var timeout = _timeout.Duration(TimeSpan.FromSeconds(60), problems);
        if (!_cost.HasValue() && !_tls.HasValue() && !problems.HasUsage) problems.Usage("nothing to change: give --cost or --tls-credentials");
        var store = new LinkStore(context);
        LinkResource? link = null;
        await problems.CheckAsync(async () =>
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            if (name is not null) link = await LinkName.FindAsync(store, name, problems, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return problems.Any ? null : new Run(store, link!, cost, tls, condition, timeout);
    }

    protected override Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Store.UpdateAsync(run.Link, run.Cost, run.TlsCredentials, cancellationToken);

    protected override async Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        if (!run.Store.HasController || run.Condition is null) return;
        steps.Progress("Waiting for status...");
        try
        {
            await run.Store.WaitAsync(run.Link.Name, l => WaitCheck.Condition(l, run.Condition), run.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (WaitTimeoutException e)
        {
            throw new SkupperException($"Link \"{run.Link.Name}\" is not {Word(run.Condition)} yet: timed out after {GoDuration.Humanize(run.Timeout)}" +
                                       (e.LastMessage is null ? "" : $"; last status: {e.LastMessage}"),
                hint: $"Check its status with \"{context.InvocationName} link status {run.Link.Name}\".");
        }
    }

    protected override void Report(ICommandContext context, Run run) => context.Output.Out.WriteLine(
        !run.Store.HasController ? $"Link \"{run.Link.Name}\" is updated: {run.Store.Location(run.Link.Name)}"
        : run.Condition is null ? $"Link \"{run.Link.Name}\" is updated."
        : $"Link \"{run.Link.Name}\" is {Word(run.Condition)}.");

    private static string Word(string condition) => condition == ConditionTypes.Ready ? "ready" : "configured";
}
