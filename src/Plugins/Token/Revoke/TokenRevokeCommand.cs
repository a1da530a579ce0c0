using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Plugins.Token.Status;

namespace Skupper.Plugins.Token.Revoke;

/// <summary>
/// <c>token revoke NAME|FILE|-</c>: deletes the access grant, named or found by the token's URL, and waits until it is
/// gone; the grant server then refuses its tokens ("No such claim": skupperproject/skupper
/// internal/kube/grants/grants.go, checkGrant removes a deleted grant, checkAndUpdateAccessToken no longer finds it).
/// </summary>
internal sealed class TokenRevokeCommand : SkupperCommand<TokenRevokeCommand.Options, TokenRevokeCommand.Run>
{
    internal sealed record Run(string Namespace, TokenTarget Target, AccessGrant Grant, TimeSpan Timeout);

    internal sealed record Options(IArgument<string?> Target, IOption<TimeSpan> Timeout);

    public override string Name => "revoke";
    public override string Description => "Revoke a token: delete its access grant, so that no token of that grant can be redeemed.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.KubernetesOnly;

    protected override Options Declare(ICommandDeclaration command)
    {
        var options = new Options(
            command.Argument("name-or-file", "The access grant's name, or a token file (\"-\" reads the token from standard input)",
                Parsers.Text(), required: true, values: ValueCompletion.NamesOfKind(AccessGrant.Plural)),
            command.Option("--timeout <DURATION>",
                $"Raise an error if the grant is not gone in this time; at least {GoDuration.Format(Parsers.MinimumTimeout)}",
                Parsers.Timeout("60s")));
        command.Details = """
            A token file is matched to the access grant whose URL it holds, in the current namespace.
            Every token issued from that grant stops working, not only the one given.
            """;
        command.WaitsFor = "Deletion";
        command
            .Example("Revoke the token in a file", "token revoke ~/token.yaml", """
                Waiting for deletion...
                Access grant "west-6bfn6" is revoked; it had 1 of 2 redemptions left.
                """)
            .Example("Revoke by grant name", "token revoke west-6bfn6");
        return options;
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var (targetArgument, timeoutOption) = options;
        var timeout = timeoutOption.Get(problems);
        var target = targetArgument.Get(problems) is null ? null
            : await TokenTarget.ReadAsync(targetArgument, names: true, $"{context.InvocationName} token revoke <name|file>", context,
                problems, cancellationToken).ConfigureAwait(false);
        if (problems.Any || target is null) return null;
        var ns = Inputs.Namespace(context, problems);
        AccessGrant? grant = null;
        try
        {
            grant = await target.FindAsync(context, cancellationToken).ConfigureAwait(false);
            if (grant is null && target.GrantName is not null)
                problems.Failure($"access grant \"{target.GrantName}\" does not exist in namespace {ns}");
            else if (grant is null && target.KeyedGrantIn(ns) is { } gone)
                problems.Failure(
                    $"access grant \"{gone}\" no longer exists in namespace {ns}: the token was revoked already or its grant deleted");
            else if (grant is null)
                problems.Failure($"no access grant in namespace {ns} has the token's URL {Printable.Escape(target.Token!.Spec.Url!)}: " +
                                 "its grant is in another namespace or cluster, or was deleted; nothing was revoked",
                    hint: $"Run the command where the token was issued, or see \"{context.InvocationName} token status\".");
        }
        catch (SkupperException e)
        {
            problems.Failure(e.Message);
        }
        return problems.Any ? null : new Run(ns, target, grant!, timeout);
    }

    protected override (string Event, JsonObject Context)? BeforeHook(Run run) => ("token.revoke.before", new JsonObject
    {
        ["namespace"] = run.Namespace,
        ["grantName"] = run.Grant.Name,
        ["file"] = run.Target.Path,
        ["url"] = run.Grant.Status?.Url,
        ["redemptionsAllowed"] = GrantSummary.Allowed(run.Grant),
        ["redemptions"] = GrantSummary.Used(run.Grant),
        ["expirationTime"] = run.Grant.Status?.ExpirationTime,
    });

    protected override Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        context.Cluster.Resources<AccessGrant>().DeleteAsync(run.Grant.Name, cancellationToken);

    protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        steps.UntilDeletedAsync<AccessGrant>("Access grant", run.Grant.Name, run.Timeout, "token status", cancellationToken);

    protected override void Report(ICommandContext context, Run run)
    {
        var g = run.Grant;
        var expired = GrantSummary.ExpiresAt(g) is { } t && t <= DateTimeOffset.UtcNow;
        var had = expired ? "expired already" : $"{GrantSummary.Left(g)} of {GrantSummary.Allowed(g)} redemptions left";
        context.Output.Out.WriteLine($"Access grant \"{g.Name}\" is revoked; it had {had}.");
    }
}
