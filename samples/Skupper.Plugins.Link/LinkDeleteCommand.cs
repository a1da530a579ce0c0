using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;
using LinkResource = Skupper.Cli.Sdk.Models.Link;

namespace Skupper.Plugins.Link;

/// <summary>
/// <c>link delete &lt;name&gt;</c>: deletes a link and, unless <c>--wait=false</c>, waits until it is gone.
/// Keeps to the lifecycle every command follows: validate → <c>link.delete.before</c> hooks →
/// delete → wait → report.
/// </summary>
public sealed class LinkDeleteCommand : ISkupperCommand
{
    /// <summary>The hook event raised before anything is deleted, with <c>{namespace, name}</c>; a hook may refuse.</summary>
    public const string BeforeEvent = "link.delete.before";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private IArgumentValue _name = null!;
    private IOptionValue _wait = null!;
    private IOptionValue _timeout = null!;

    public string Name => "delete";
    public string Description => "Delete a link.";
    public IReadOnlyList<Platform> Platforms => PlatformSets.KubernetesOnly;

    public void Configure(ICommandDeclaration command)
    {
        _name = command.Argument("name", "The name of the link to delete.", required: true,
            values: ValueCompletion.NamesOfKind(Skupper.Cli.Sdk.Models.Link.Plural));
        _wait = command.Option("--wait", "Wait for deletion to complete before exiting (default true; --wait=false returns at once).",
            OptionArity.SingleOrNone);
        _timeout = command.Option("--timeout <DURATION>", "Raise an error if the deletion does not complete in this time (default 60s).",
            OptionArity.Single);
        command.ExtendedHelpText = $"""

            Defaults for --wait and --timeout may be set in {LinkDefaults.FilePath}:
              delete:
                wait: true
                timeout: 2m
            """;
        command.WaitsFor = "Deletion";
        command.Examples = $"""
            # Delete the link named west-12345
            $ {command.InvocationName} link delete west-12345
            """;
    }

    public async Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        // Validate every input together before anything is changed.
        var problems = new Problems();
        var name = _name.Value;
        if (string.IsNullOrEmpty(name))
            problems.Usage($"a link name is required: {context.InvocationName} link delete <name>");
        else if (KubernetesNames.CheckSubdomain(name) is { } bad)
            problems.Usage(bad);
        // The SDK reads typed values with the wording every command uses.
        var waitFlag = _wait.Boolean(problems);
        TimeSpan? timeoutFlag = _timeout.HasValue() ? _timeout.Duration(DefaultTimeout, problems) : null;
        var fileProblems = new List<string>();
        var defaults = LinkDefaults.Read(fileProblems);
        foreach (var p in fileProblems) problems.Failure(p);
        problems.ThrowIfAny();
        var wait = waitFlag ?? defaults.DeleteWait ?? true;
        var timeout = timeoutFlag ?? defaults.DeleteTimeout ?? DefaultTimeout;

        var ns = context.Namespace;
        await context.Cluster.EnsureSkupperInstalledAsync(cancellationToken).ConfigureAwait(false);
        var links = context.Cluster.Resources<LinkResource>();
        _ = await links.GetAsync(name!, cancellationToken).ConfigureAwait(false)
            ?? throw new SkupperException($"No link resource named \"{name}\" exists in namespace \"{ns}\"");

        // Pre hooks: site admins' JavaScript may refuse (RunAsync throws a SkupperException that says why).
        if (context.Hooks.Handles(BeforeEvent))
            await context.Hooks.RunAsync(BeforeEvent, new JsonObject { ["namespace"] = ns, ["name"] = name }, cancellationToken)
                .ConfigureAwait(false);

        // Act. False means someone else deleted it meanwhile: the outcome the user asked for.
        await links.DeleteAsync(name!, cancellationToken).ConfigureAwait(false);

        // Wait, through the host's watch-based waiter.
        if (wait)
        {
            using var progress = context.Output.Progress("Waiting for deletion...");
            try
            {
                await context.Waiter.WaitAsync<LinkResource>(ns, name!, WaitCheck.Deleted, timeout, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (WaitTimeoutException)
            {
                throw new SkupperException(
                    $"Link \"{name}\" is not deleted yet: it still exists after {GoDuration.Humanize(timeout)}",
                    hint: $"Check it with \"{context.InvocationName} link status {name}\".");
            }
        }

        // Report.
        context.Output.Out.WriteLine($"Link \"{name}\" is deleted.");
        return ExitCodes.Success;
    }
}
