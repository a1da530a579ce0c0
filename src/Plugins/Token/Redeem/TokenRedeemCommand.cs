using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s.Models;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Token.Redeem;

/// <summary>
/// <c>token redeem &lt;file&gt;</c>: checks the token file before touching the cluster, creates the
/// AccessToken, and waits until the controller has redeemed it and the Link it made is Ready; elsewhere
/// claims it from the grant server and writes the Secret and Link files the Go CLI writes.
/// </summary>
internal sealed class TokenRedeemCommand : SkupperCommand<RedeemOptions, RedeemRun>
{
    public override string Name => "redeem";
    public override string Description => "Redeem a token file in order to create a link to a remote site.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override RedeemOptions Declare(ICommandDeclaration command)
    {
        var options = new RedeemOptions(command);
        TokenHelp.Redeem(command);
        return options;
    }

    protected override async Task<RedeemRun?> ValidateAsync(ICommandContext context, RedeemOptions o, Problems problems,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var path = o.File.SingleFile("token file", $"{context.InvocationName} token redeem <file>", problems);
        var timeout = o.Timeout.Get(problems);
        var costOption = o.LinkCost.Get(problems);
        AccessToken? token = null;
        if (path is not null)
        {
            try
            {
                if (path == Inputs.Standard)
                {
                    token = await TokenFile.ReadAsync(context.Output, context.Input, cancellationToken).ConfigureAwait(false);
                    // The time spent waiting for the issuing side is not this command's own.
                    clock.Restart();
                }
                else token = TokenFile.Read(context.Output, path);
            }
            catch (SkupperException e) { problems.Failure(e.Message); }
        }
        // A bad file is reported without contacting the cluster at all.
        if (token is null) return null;
        var ns = Inputs.Namespace(context, problems);
        if (context.Platform == Platform.Kubernetes)
            await CheckClusterAsync(context, ns, token, problems, cancellationToken).ConfigureAwait(false);
        else if (NamespaceHome.Problem(ns) is { } problem) problems.Usage(problem);
        var cost = o.LinkCost.HasValue() ? costOption : token.Spec.LinkCost is > 0 and var c ? c : 1;
        return problems.Any ? null : new RedeemRun(clock, context.Platform, ns, path!, token, timeout, cost);
    }

    private static async Task CheckClusterAsync(ICommandContext context, string ns, AccessToken token, Problems problems,
        CancellationToken cancellationToken)
    {
        try
        {
            var sites = await context.Cluster.Resources<Site>().ListAsync(cancellationToken).ConfigureAwait(false);
            if (sites.Count == 0) problems.Failure($"A site must exist in namespace {ns} before a token can be redeemed");
            var existing = await context.Cluster.Resources<AccessToken>().GetAsync(token.Name, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
                problems.Failure($"an access token named \"{token.Name}\" already exists in namespace {ns}: " +
                                 "this token was redeemed here before" +
                                 (existing.Status?.Message is { } m ? $" (status: {m})" : ""));
        }
        catch (SkupperException e)
        {
            problems.Failure(e.Message);
        }
    }

    protected override (string Event, JsonObject Context)? BeforeHook(RedeemRun run) =>
        run.Platform == Platform.Kubernetes ? ("token.redeem.before", run.BeforeHookContext()) : null;

    protected override void ApplyBeforeHook(RedeemRun run, HookChanges changes)
    {
        // The context holds the token's code under "code", which the checks' messages mask: none may echo it.
        if (changes.Count("linkCost") is { } c) run.Cost = c;
        changes.Labels("labels", run.Labels);
        changes.Annotations("annotations", run.Annotations);
    }

    protected override async Task ActAsync(ICommandContext context, RedeemRun run, CommandSteps steps, CancellationToken cancellationToken)
    {
        if (run.Platform != Platform.Kubernetes)
        {
            await GrantClaim.RedeemAsync(context, run.Namespace, run.Token, cancellationToken).ConfigureAwait(false);
            return;
        }
        var tokens = context.Cluster.Resources<AccessToken>();
        await tokens.CreateAsync(run.NewAccessToken(), cancellationToken).ConfigureAwait(false);
        // Removed again while it is not redeemed, so that running the command again (after fixing the
        // cause) does not meet "already exists".
        steps.Undo.Add($"the access token \"{run.Name}\" this command created", t => tokens.DeleteAsync(run.Name, t),
            $"Delete it with \"kubectl delete accesstoken {run.Name} -n {run.Namespace}\".");
    }

    protected override async Task WaitAsync(ICommandContext context, RedeemRun run, CommandSteps steps, CancellationToken cancellationToken)
    {
        if (run.Platform != Platform.Kubernetes) return;
        steps.Progress("Waiting for status...");
        await context.Waiter.WaitAsync<AccessToken>(run.Namespace, run.Name, Redeemed, run.Remaining, cancellationToken)
            .ConfigureAwait(false);
        steps.Undo.Keep();
        try
        {
            run.Link = await context.Waiter.WaitAsync<Link>(run.Namespace, run.Name, WaitCheck.Ready, run.Remaining, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (WaitTimeoutException e)
        {
            throw new SkupperException($"the token was redeemed but link \"{run.Name}\" is not active yet: timed out" +
                                       (e.LastMessage is null ? "" : $"; last status: {e.LastMessage}"),
                hint: $"Check it with \"kubectl get link {run.Name} -n {run.Namespace}\".");
        }
    }

    protected override string Reason(Exception failure, RedeemRun run) => failure switch
    {
        WaitTimeoutException t =>
            "the token was not redeemed: timed out" + (t.LastMessage is null ? "" : $"; last status: {t.LastMessage}"),
        WaitFailedException f => "the token was not redeemed: " + f.Reason,
        _ => base.Reason(failure, run),
    };

    protected override void Report(ICommandContext context, RedeemRun run)
    {
        if (run.Platform != Platform.Kubernetes)
        {
            context.Output.Out.WriteLine($"Token \"{run.Name}\" has been redeemed.");
            return;
        }
        context.Output.Out.WriteLine($"Link \"{run.Link!.Name}\" is active.");
        if (run.Path != Inputs.Standard) context.Output.Out.WriteLine($"You can now safely delete {Printable.Path(run.Path)}.");
    }

    protected override (string Event, JsonObject Context)? AfterHook(RedeemRun run) =>
        run.Platform == Platform.Kubernetes ? ("token.redeem.after", run.AfterHookContext()) : null;

    /// <summary>
    /// Done once redeemed. A failed redemption the controller retries is waited out until the timeout
    /// (then the token is deleted); a refusal no retry changes fails at once.
    /// </summary>
    private static WaitCheck Redeemed(AccessToken? token)
    {
        if (token is null) return WaitCheck.Continue("it does not exist yet");
        var status = token.Status;
        if (status is null) return WaitCheck.Continue("no status yet");
        if (status.Redeemed == true || status.IsTrue(ConditionTypes.Redeemed)) return WaitCheck.Done;
        var message = status.Message ?? status.Condition(ConditionTypes.Redeemed)?.Message;
        return WaitCheck.Error(status.Status, message) ?? WaitCheck.Continue(message);
    }
}
