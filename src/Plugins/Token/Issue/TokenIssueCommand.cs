using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s.Models;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Token.Issue;

/// <summary>
/// <c>token issue &lt;file&gt;</c>: creates an AccessGrant for the namespace's site (or uses the one
/// given with <c>--grant</c>), waits until it is Ready and writes its URL, code and CA as an
/// AccessToken file. A grant it created is deleted again when a later step fails.
/// </summary>
internal sealed class TokenIssueCommand : SkupperCommand<IssueOptions, IssueRun>
{
    public override string Name => "issue";
    public override string Description => "Issue a token file redeemable for a link to the current site.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.KubernetesOnly;

    protected override IssueOptions Declare(ICommandDeclaration command)
    {
        var options = new IssueOptions(command);
        TokenHelp.Issue(command);
        return options;
    }

    protected override async Task<IssueRun?> ValidateAsync(ICommandContext context, IssueOptions o, Problems problems,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var file = Inputs.TokenDestination(o.File, o.Force.Get(problems), context, problems);
        var timeout = o.Timeout.Get(problems);
        var window = o.ExpirationWindow.Get(problems);
        var redemptions = o.Redemptions.Get(problems);
        var cost = o.Cost.Get(problems);
        var grantName = o.Grant.Get(problems);
        if (o.Grant.HasValue() && (o.ExpirationWindow.HasValue() || o.Redemptions.HasValue()))
            problems.Usage("--grant cannot be combined with --expiration-window or --redemptions-allowed: " +
                           "an existing grant keeps its own limits");
        var ns = Inputs.Namespace(context, problems);
        Site? site = null;
        AccessGrant? grant = null;
        try
        {
            // Listing sites also tells whether Skupper is installed (a 404 without a Status),
            // so no separate discovery request is needed.
            site = await LinkableSite.FindAsync(context, ns, "a token can be created", problems, cancellationToken).ConfigureAwait(false);
            if (grantName is not null)
            {
                grant = await context.Cluster.Resources<AccessGrant>().GetAsync(grantName, cancellationToken).ConfigureAwait(false);
                if (grant is null) problems.Failure($"access grant \"{grantName}\" does not exist in namespace {ns}");
            }
        }
        catch (SkupperException e)
        {
            problems.Failure(e.Message);
        }
        return problems.Any ? null
            : new IssueRun(clock, ns, file!, timeout, cost, site!, grant)
            {
                GrantName = grantName, Window = window, Redemptions = redemptions,
            };
    }

    protected override (string Event, JsonObject Context)? BeforeHook(IssueRun run) => ("token.issue.before", run.BeforeHookContext());

    protected override void ApplyBeforeHook(IssueRun run, HookChanges changes)
    {
        // A grant given with --grant is used as it is; hooks name only grants this command creates.
        if (run.ExistingGrant is null && changes.Name("grantName") is { } name) run.GrantName = name;
        if (changes.Duration("expirationWindow") is { } w) run.Window = w;
        if (changes.Count("redemptionsAllowed") is { } r) run.Redemptions = r;
        changes.Labels("labels", run.Labels);
        changes.Annotations("annotations", run.Annotations);
    }

    protected override async Task ActAsync(ICommandContext context, IssueRun run, CommandSteps steps, CancellationToken cancellationToken)
    {
        if (!run.Site.CommonStatus?.IsReady ?? true)
        {
            steps.Progress("Waiting for status...");
            await WaitForSiteAsync(context, run, cancellationToken).ConfigureAwait(false);
        }
        if (run.ExistingGrant is { } existing)
        {
            run.GrantName = existing.Name;
            run.Ready = existing.Status?.IsReady == true ? existing : null;
            return;
        }
        var grants = context.Cluster.Resources<AccessGrant>();
        var made = await grants.CreateAsync(run.NewGrant(), cancellationToken).ConfigureAwait(false);
        run.GrantName = made.Name;
        steps.Undo.Add($"the access grant \"{made.Name}\" this command created", t => grants.DeleteAsync(made.Name, t),
            $"Delete it with \"kubectl delete accessgrant {made.Name} -n {run.Namespace}\".");
    }

    protected override async Task WaitAsync(ICommandContext context, IssueRun run, CommandSteps steps, CancellationToken cancellationToken)
    {
        // Shown once the grant exists, so a refused create shows only its error.
        steps.Progress("Waiting for status...");
        try
        {
            run.Ready ??= await context.Waiter.WaitAsync<AccessGrant>(run.Namespace, run.GrantName!, WaitCheck.Ready,
                run.Remaining, cancellationToken).ConfigureAwait(false);
        }
        catch (WaitTimeoutException e) when (!steps.Undo.Any)
        {
            // A short timeout may run out before the waiter's first answer; what validation read still tells.
            var known = e.LastMessage is null && run.ExistingGrant?.Status?.Message is { } m ? new WaitTimeoutException(e.Message, m) : e;
            throw new SkupperException($"{run.NotReady(known)}; the access grant \"{run.GrantName}\" was left unchanged");
        }
    }

    protected override Task WriteAsync(ICommandContext context, IssueRun run, CancellationToken cancellationToken)
    {
        var status = run.Ready!.Status ?? new AccessGrantStatus();
        if (string.IsNullOrEmpty(status.Url) || string.IsNullOrEmpty(status.Code) || string.IsNullOrEmpty(status.Ca))
            throw new SkupperException($"access grant \"{run.GrantName}\" is ready but its status lacks the url, code or ca a token needs");
        if (TokenFile.RedeemProblem(new AccessTokenSpec { Url = status.Url, Code = status.Code, Ca = status.Ca }) is { } unusable)
            throw new SkupperException($"access grant \"{run.GrantName}\" is ready but a token from it could not be redeemed: {unusable}");
        TokenFile.Write(context.Output, run.File, TokenFile.Render(context.Output, run.GrantName!, status, run.Cost));
        return Task.CompletedTask;
    }

    protected override string Reason(Exception failure, IssueRun run) =>
        failure is WaitTimeoutException t ? run.NotReady(t) : base.Reason(failure, run);

    protected override void Report(ICommandContext context, IssueRun run)
    {
        // With "-" stdout carries the token alone, so that the next command in a pipe reads only YAML.
        var toStdout = run.File == Inputs.Standard;
        var o = toStdout ? context.Output.Error : context.Output.Out;
        o.WriteLine($"Access grant \"{run.GrantName}\" is ready.");
        o.WriteLine(toStdout ? "Token written to standard output." : $"Token file {Printable.Path(run.File)} created.");
        o.WriteLine();
        o.WriteLine("Transfer this file to a remote site. At the remote site,");
        o.WriteLine(TokenHelp.Wrap(context.InvocationName, ""));
        o.WriteLine();
        o.WriteLine($"    $ {context.InvocationName} token redeem <file>");
        o.WriteLine();
        o.WriteLine($"The token expires after {run.Expiry()}.");
        o.Flush();
    }

    protected override (string Event, JsonObject Context)? AfterHook(IssueRun run) => ("token.issue.after", run.AfterHookContext());

    /// <summary>A site with link access that is still starting is waited for, not refused.</summary>
    private static async Task WaitForSiteAsync(ICommandContext context, IssueRun run, CancellationToken cancellationToken)
    {
        try
        {
            await context.Waiter.WaitAsync<Site>(run.Namespace, run.Site.Name, WaitCheck.Ready, run.Remaining, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (WaitTimeoutException e)
        {
            throw new SkupperException($"site \"{run.Site.Name}\" in namespace {run.Namespace} is not ready yet: timed out" +
                                       (e.LastMessage is null ? "" : $"; last status: {e.LastMessage}"));
        }
    }
}
