using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s.Models;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Token;

/// <summary>
/// <c>token issue &lt;file&gt;</c>: creates an AccessGrant for the namespace's site (or uses the one
/// given with <c>--grant</c>), waits until it is Ready and writes its URL, code and CA as an
/// AccessToken file. A grant it created is deleted again when a later step fails.
/// </summary>
public sealed class TokenIssueCommand(string invocationName) : SkupperCommand<IssueRun>
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultExpirationWindow = TimeSpan.FromMinutes(15);
    public const int DefaultRedemptions = 1;

    public const int DefaultCost = 1;

    private IArgumentValue _file = null!;
    private IOptionValue _timeout = null!;
    private IOptionValue _expirationWindow = null!;
    private IOptionValue _redemptions = null!;
    private IOptionValue _grant = null!;
    private IOptionValue _cost = null!;
    private IOptionValue _force = null!;

    public override string Name => "issue";
    public override string Description => "Issue a token file redeemable for a link to the current site.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.KubernetesOnly;

    public override void Configure(ICommandDeclaration command)
    {
        _file = command.Argument("file", "The name of the token file to create; \"-\" writes the token to standard output.",
            multipleValues: true, required: true, values: ValueCompletion.FileName);
        _timeout = command.Option("--timeout <DURATION>",
            "Raise an error if the operation does not complete in the given period of time (default 60s).", OptionArity.Single);
        _expirationWindow = command.Option("--expiration-window <DURATION>",
            "The period of time in which an access token for this grant can be redeemed (default 15m).", OptionArity.Single);
        _redemptions = command.Option("--redemptions-allowed <INTEGER>",
            "The number of times an access token for this grant can be redeemed (default 1).", OptionArity.Single);
        _cost = command.Option("--cost <INTEGER>",
            "The cost of the link created when the token is redeemed, written into the token (default 1).", OptionArity.Single);
        _grant = command.Option("--grant <NAME>",
            "Advanced: use the named access grant instead of creating a new one. It is not changed or deleted.",
            OptionArity.Single, ValueCompletion.NamesOfKind(AccessGrant.Plural));
        _force = command.Option("--force", "With \"-\": write the token to standard output even when it is a terminal.", OptionArity.None);
        TokenHelp.Issue(command, invocationName);
    }

    protected override async Task<IssueRun?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var file = Inputs.TokenDestination(_file, _force.HasValue(), context, invocationName, problems);
        // The Go CLI's minimums: timeout at least 10s, expiration window at least 1m, cost 0
        // allowed (docs/go-cli-parity.md).
        var timeout = _timeout.Duration(DefaultTimeout, problems, Parsers.MinimumTimeout);
        var window = _expirationWindow.Duration(DefaultExpirationWindow, problems, TimeSpan.FromMinutes(1));
        var redemptions = _redemptions.Integer(DefaultRedemptions, problems, min: 1);
        var cost = _cost.Integer(DefaultCost, problems, min: 0);
        var grantName = _grant.KubernetesName(problems);
        if (_grant.HasValue() && (_expirationWindow.HasValue() || _redemptions.HasValue()))
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
        return problems.Any ? null : new IssueRun(clock, ns, file!, timeout, cost, site!, grant) { GrantName = grantName, Window = window, Redemptions = redemptions };
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
        o.WriteLine(TokenHelp.Wrap(invocationName, ""));
        o.WriteLine();
        o.WriteLine($"    $ {invocationName} token redeem <file>");
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
            await context.Waiter.WaitAsync<Site>(run.Namespace, run.Site.Name, WaitCheck.Ready, run.Remaining, cancellationToken).ConfigureAwait(false);
        }
        catch (WaitTimeoutException e)
        {
            throw new SkupperException($"site \"{run.Site.Name}\" in namespace {run.Namespace} is not ready yet: timed out" +
                                       (e.LastMessage is null ? "" : $"; last status: {e.LastMessage}"));
        }
    }
}
