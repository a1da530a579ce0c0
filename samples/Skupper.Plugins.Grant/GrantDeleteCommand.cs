using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;
using GrantResource = Skupper.Cli.Sdk.Models.AccessGrant;

namespace Skupper.Plugins.Grant;

/// <summary>
/// <c>grant delete &lt;name&gt;</c>: deletes an access grant and, unless <c>--wait=false</c>, waits until it is gone.
/// Written as the steps of the SDK's lifecycle: validate → <c>grant.delete.before</c> hooks →
/// act (delete) → wait → report. On Docker, Podman and Linux the SDK's <see cref="ResourceStore{T}"/>
/// deletes the grant's file, and there is nothing to wait for.
/// </summary>
public sealed class GrantDeleteCommand : SkupperCommand<GrantDeleteCommand.Run>
{
    /// <summary>What one run knows once validated.</summary>
    public sealed record Run(ResourceStore<GrantResource> Grants, string Name, bool Wait, TimeSpan Timeout);

    /// <summary>The hook event raised before anything is deleted, with <c>{namespace, name}</c>; a hook may refuse.</summary>
    public const string BeforeEvent = "grant.delete.before";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private IArgumentValue _name = null!;
    private IOptionValue _wait = null!;
    private IOptionValue _timeout = null!;

    public override string Name => "delete";
    public override string Description => "Delete an access grant: tokens issued from it can no longer be redeemed.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command)
    {
        _name = command.Argument("name", "The name of the access grant to delete.", required: true,
            values: ValueCompletion.NamesOfKind(GrantResource.Plural));
        _wait = command.Option("--wait", "Wait for deletion to complete before exiting (default true; --wait=false returns at once).",
            OptionArity.SingleOrNone);
        _timeout = command.Option("--timeout <DURATION>", "Raise an error if the deletion does not complete in this time (default 60s).",
            OptionArity.Single);
        command.ExtendedHelpText = $"""

            Defaults for --wait and --timeout may be set in {GrantDefaults.FilePath}:
              delete:
                wait: true
                timeout: 2m
            """;
        command.WaitsFor = "Deletion";
        command.Examples = $"""
            # Delete the access grant named west-6bfn6
            $ {command.InvocationName} grant delete west-6bfn6
            """;
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        // Every input together, before anything is changed; the SDK reads typed values with the wording every command uses.
        var name = _name.Value;
        if (string.IsNullOrEmpty(name))
            problems.Usage($"a grant name is required: {context.InvocationName} grant delete <name>");
        else if (KubernetesNames.CheckSubdomain(name) is { } bad)
            problems.Usage(bad);
        var waitFlag = _wait.Boolean(problems);
        TimeSpan? timeoutFlag = _timeout.HasValue() ? _timeout.Duration(DefaultTimeout, problems) : null;
        var fileProblems = new List<string>();
        var defaults = GrantDefaults.Read(fileProblems);
        foreach (var p in fileProblems) problems.Failure(p);
        if (problems.Any) return null;

        var grants = ResourceStore.For<GrantResource>(context);
        await problems.CheckAsync(async () =>
        {
            await grants.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            if (await grants.GetAsync(name!, cancellationToken).ConfigureAwait(false) is null)
                problems.Failure($"No access grant named \"{name}\" exists in namespace \"{grants.Namespace}\"");
        }).ConfigureAwait(false);
        return problems.Any
            ? null
            : new Run(grants, name!, waitFlag ?? defaults.DeleteWait ?? true, timeoutFlag ?? defaults.DeleteTimeout ?? DefaultTimeout);
    }

    /// <summary>Site admins' JavaScript may refuse (the host reports why, and nothing is deleted).</summary>
    protected override (string Event, JsonObject Context)? BeforeHook(Run run) =>
        (BeforeEvent, new JsonObject { ["namespace"] = run.Grants.Namespace, ["name"] = run.Name });

    /// <summary>False from the delete means someone else deleted it meanwhile: the outcome the user asked for.</summary>
    protected override Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Grants.DeleteAsync(run.Name, cancellationToken);

    /// <summary>Through the host's watch-based waiter, with the SDK's progress line and timeout error; a file is gone at once.</summary>
    protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Wait && run.Grants.HasController
            ? steps.UntilDeletedAsync<GrantResource>("Access grant", run.Name, run.Timeout, "grant status", cancellationToken)
            : Task.CompletedTask;

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine($"Access grant \"{run.Name}\" is deleted.");
}
