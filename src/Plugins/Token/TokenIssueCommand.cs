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
/// AccessToken file. Anything it created is deleted again when it fails part-way.
/// </summary>
public sealed class TokenIssueCommand(string invocationName) : ISkupperCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultExpirationWindow = TimeSpan.FromMinutes(15);
    public const int DefaultRedemptions = 1;

    /// <summary>The Go CLI refuses a shorter --timeout for token issue (see docs/go-cli-parity.md).</summary>
    public static readonly TimeSpan MinimumTimeout = TimeSpan.FromSeconds(10);
    public const int DefaultCost = 1;

    private IArgumentValue _file = null!;
    private IOptionValue _timeout = null!;
    private IOptionValue _expirationWindow = null!;
    private IOptionValue _redemptions = null!;
    private IOptionValue _grant = null!;
    private IOptionValue _cost = null!;
    private IOptionValue _force = null!;

    public string Name => "issue";
    public string Description => "Issue a token file redeemable for a link to the current site.";
    public IReadOnlyList<Platform> Platforms => PlatformSets.KubernetesOnly;

    public void Configure(ICommandDeclaration command)
    {
        _file = command.Argument("file", "The name of the token file to create; \"-\" writes the token to standard output.",
            multipleValues: true, required: true, values: ValueCompletion.FileName);
        _timeout = command.Option("--timeout <DURATION>",
            "Raise an error if the operation does not complete in the given period of time (default 60s).",
            OptionArity.Single);
        _expirationWindow = command.Option("--expiration-window <DURATION>",
            "The period of time in which an access token for this grant can be redeemed (default 15m).",
            OptionArity.Single);
        _redemptions = command.Option("--redemptions-allowed <INTEGER>",
            "The number of times an access token for this grant can be redeemed (default 1).",
            OptionArity.Single);
        _cost = command.Option("--cost <INTEGER>",
            "The cost of the link created when the token is redeemed, written into the token (default 1).",
            OptionArity.Single);
        _grant = command.Option("--grant <NAME>",
            "Advanced: use the named access grant instead of creating a new one. It is not changed or deleted.",
            OptionArity.Single, ValueCompletion.NamesOfKind(AccessGrant.Plural));
        _force = command.Option("--force",
            "With \"-\": write the token to standard output even when it is a terminal.",
            OptionArity.None);
        // The spec's sentences, word for word (shared/spec/token-issue.md).
        command.Details = """
            This command first creates an access grant in order to issue
            the token.

            Issuing a token requires a site with link access enabled.
            The command waits for the site to enter the ready state
            before producing the token.
            """;
        command.WaitsFor = "Ready";
        command.Examples = $"""
            # Issue an access token
            $ {invocationName} token issue ~/token.yaml
            Waiting for status...
            Access grant "west-6bfn6" is ready.
            Token file /home/fritz/token.yaml created.

            Transfer this file to a remote site. At the remote site,
            {Wrap(invocationName, "")}

                $ {invocationName} token redeem <file>

            The token expires after 1 use or after 15 minutes.

            # Issue an access token with non-default limits
            $ {invocationName} token issue ~/token.yaml --expiration-window 24h --redemptions-allowed 3

            # Issue a token using an existing access grant
            $ {invocationName} token issue ~/token.yaml --grant west-1

            # Link two sites in one line; the token never touches the disk
            $ {invocationName} token issue - --context west | {invocationName} token redeem - --context east
            """;
        command.ExtendedHelpText = $"""

            Durations are written as 90s, 15m, 24h or 1h30m.

            Errors:
              Link access is not enabled
                Link access at this site is not currently enabled. You can use
                "{invocationName} site update --enable-link-access" to enable it.
            """;
    }

    /// <summary>The spec's paragraph, wrapped as it wraps it for the invocation name in use.</summary>
    private static string Wrap(string invocationName, string indent) =>
        $"create a link to this site using the '{invocationName} token\n{indent}redeem' command:";

    private sealed record Inputs(string File, TimeSpan Timeout, TimeSpan ExpirationWindow, int Redemptions, int Cost, string? Grant);

    public async Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (ns, inputs, site, existingGrant) = await ValidateAsync(context, cancellationToken).ConfigureAwait(false);

        var grantName = inputs.Grant;
        var labels = new Dictionary<string, string>();
        var annotations = new Dictionary<string, string>();
        var window = inputs.ExpirationWindow;
        var redemptions = inputs.Redemptions;
        if (context.Hooks.Handles("token.issue.before"))
        {
            var result = await context.Hooks.RunAsync("token.issue.before", new JsonObject
            {
                ["namespace"] = ns,
                ["site"] = site.Name,
                ["file"] = inputs.File,
                ["grantName"] = grantName,
                ["expirationWindow"] = GoDuration.Format(window),
                ["redemptionsAllowed"] = redemptions,
                ["cost"] = inputs.Cost,
                ["labels"] = new JsonObject(),
                ["annotations"] = new JsonObject(),
            }, cancellationToken).ConfigureAwait(false);
            ApplyHookResult(result, inputs, ref grantName, labels, annotations, ref window, ref redemptions);
        }

        var output = context.Output;
        var grants = context.Cluster.Resources<AccessGrant>();
        string? created = null;
        AccessGrant? ready;
        try
        {
            IDisposable? progress = null;
            try
            {
                if (!site.CommonStatus?.IsReady ?? true)
                {
                    progress = output.Progress("Waiting for status...");
                    await WaitForSiteAsync(context, ns, site, Inputs_Remaining(inputs, clock), cancellationToken).ConfigureAwait(false);
                }

                if (existingGrant is not null)
                {
                    grantName = existingGrant.Name;
                    ready = existingGrant.Status?.IsReady == true ? existingGrant : null;
                }
                else
                {
                    var grant = new AccessGrant
                    {
                        Metadata = new V1ObjectMeta
                        {
                            // The API server appends a random 5-character suffix: west-6bfn6.
                            GenerateName = grantName is null ? $"{site.Name}-" : null,
                            Name = grantName,
                            Labels = labels.Count > 0 ? labels : null,
                            Annotations = annotations.Count > 0 ? annotations : null,
                        },
                        Spec = new AccessGrantSpec { RedemptionsAllowed = redemptions, ExpirationWindow = GoDuration.Format(window) },
                    };
                    var made = await grants.CreateAsync(grant, cancellationToken).ConfigureAwait(false);
                    created = grantName = made.Name;
                    ready = null;
                }
                // Printed once the grant exists, so a refused create shows only its error.
                progress ??= output.Progress("Waiting for status...");
                ready ??= await context.Waiter.WaitAsync<AccessGrant>(ns, grantName!, WaitCheck.Ready,
                    Inputs_Remaining(inputs, clock), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                progress?.Dispose();
            }
            var status = ready!.Status ?? new AccessGrantStatus();
            if (string.IsNullOrEmpty(status.Url) || string.IsNullOrEmpty(status.Code) || string.IsNullOrEmpty(status.Ca))
                throw new SkupperException($"access grant \"{grantName}\" is ready but its status lacks the url, code or ca a token needs");
            if (TokenFile.RedeemProblem(new AccessTokenSpec { Url = status.Url, Code = status.Code, Ca = status.Ca }) is { } unusable)
                throw new SkupperException($"access grant \"{grantName}\" is ready but a token from it could not be redeemed: {unusable}");
            WriteToken(output, inputs.File, TokenFile.Render(output, grantName!, status, inputs.Cost));
        }
        catch (Exception e) when (created is not null)
        {
            throw await UndoAsync(context, ns, created, e).ConfigureAwait(false);
        }
        catch (WaitTimeoutException e)
        {
            // A short timeout may run out before the waiter's first answer; what validation read still tells.
            var known = e.LastMessage is null && existingGrant?.Status?.Message is { } m ? new WaitTimeoutException(e.Message, m) : e;
            throw new SkupperException($"{Describe(known, grantName)}; the access grant \"{grantName}\" was left unchanged");
        }

        var outcome = Remaining(ready!, window, redemptions, existingGrant is not null);
        // With "-" stdout carries the token alone, so that the next command in a pipe reads only YAML.
        var toStdout = inputs.File == Token.Inputs.Standard;
        var o = toStdout ? output.Error : output.Out;
        o.WriteLine($"Access grant \"{grantName}\" is ready.");
        o.WriteLine(toStdout ? "Token written to standard output." : $"Token file {Printable.Path(inputs.File)} created.");
        o.WriteLine();
        o.WriteLine("Transfer this file to a remote site. At the remote site,");
        o.WriteLine(Wrap(invocationName, ""));
        o.WriteLine();
        o.WriteLine($"    $ {invocationName} token redeem <file>");
        o.WriteLine();
        o.WriteLine($"The token expires after {outcome}.");
        o.Flush();

        if (context.Hooks.Handles("token.issue.after"))
        {
            try
            {
                await context.Hooks.RunAsync("token.issue.after", new JsonObject
                {
                    ["namespace"] = ns,
                    ["site"] = site.Name,
                    ["file"] = inputs.File,
                    ["grantName"] = grantName,
                    ["url"] = ready!.Status?.Url,
                    // The secret: hooks deliver the token; the hook service redacts it from every log line.
                    ["code"] = ready.Status?.Code,
                    ["ca"] = ready.Status?.Ca,
                    ["expirationTime"] = ready.Status?.ExpirationTime,
                    ["expirationWindow"] = ready.Spec.ExpirationWindow ?? GoDuration.Format(window),
                    ["redemptionsAllowed"] = ready.Spec.RedemptionsAllowed ?? redemptions,
                    ["cost"] = inputs.Cost,
                    ["linkCost"] = inputs.Cost,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (SkupperException e)
            {
                // The token exists and is valid; only the site admin's follow-up failed.
                output.Error.WriteLine($"Error: {e.Message}");
                return ExitCodes.HookFailure;
            }
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// The token goes to its file atomically with mode 0600, or with "-" to stdout and nowhere
    /// else: no temporary file either. A failed write (the reader of a pipe gone) is a failure
    /// after "act", so the grant is undone like any other.
    /// </summary>
    private static void WriteToken(IOutput output, string file, string token)
    {
        if (file == Token.Inputs.Standard)
        {
            try
            {
                output.Out.Write(token);
                output.Out.Flush();
            }
            catch (IOException e)
            {
                throw new SkupperException($"cannot write the token to standard output: {e.Message}");
            }
            return;
        }
        try
        {
            AtomicFile.Write(file, token, AtomicFile.Secret);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SkupperException($"cannot write token file \"{Printable.Path(file)}\": {e.Message}");
        }
    }

    /// <summary>A site with link access that is still starting is waited for, not refused.</summary>
    private static async Task WaitForSiteAsync(ICommandContext context, string ns, Site site, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await context.Waiter.WaitAsync<Site>(ns, site.Name, WaitCheck.Ready, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (WaitTimeoutException e)
        {
            throw new SkupperException($"site \"{site.Name}\" in namespace {ns} is not ready yet: timed out" +
                                       (e.LastMessage is null ? "" : $"; last status: {e.LastMessage}"));
        }
    }

    private static TimeSpan Inputs_Remaining(Inputs inputs, Stopwatch clock) => Token.Inputs.Remaining(inputs.Timeout, clock);

    /// <summary>"1 use or after 15 minutes"; for an existing grant, what it has left.</summary>
    private static string Remaining(AccessGrant grant, TimeSpan window, int redemptions, bool existing)
    {
        if (!existing)
            return $"{GoDuration.Plural(redemptions, "use")} or after {GoDuration.Humanize(window)}";
        var allowed = grant.Spec.RedemptionsAllowed ?? 1;
        var left = Math.Max(0, allowed - (grant.Status?.Redemptions ?? 0));
        var expires = grant.Status?.ExpirationTime;
        return expires is null
            ? GoDuration.Plural(left, "use")
            : $"{GoDuration.Plural(left, "use")} or at {expires}";
    }

    private static string Describe(WaitTimeoutException e, string? grantName) =>
        $"access grant \"{grantName}\" is not ready yet: timed out" +
        (e.LastMessage is null ? "" : $"; last status: {e.LastMessage}");

    /// <summary>Deletes the grant this run created and returns the error to report, saying what was undone.</summary>
    private static async Task<SkupperException> UndoAsync(ICommandContext context, string ns, string grantName, Exception failure)
    {
        var reason = failure switch
        {
            WaitTimeoutException t => Describe(t, grantName),
            OperationCanceledException => "interrupted",
            SkupperException s => s.Message,
            _ => failure.Message,
        };
        // The command's own token is cancelled by now (Ctrl-C); the clean-up gets a short budget of its own.
        using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await context.Cluster.Resources<AccessGrant>().DeleteAsync(grantName, cleanup.Token).ConfigureAwait(false);
            return new SkupperException($"{reason}; the access grant \"{grantName}\" this command created was deleted", inner: failure);
        }
        catch (Exception e) when (e is SkupperException or OperationCanceledException)
        {
            return new SkupperException(
                $"{reason}; the access grant \"{grantName}\" this command created could not be deleted: " +
                $"{(e is OperationCanceledException ? "the cluster did not answer" : e.Message)}",
                inner: failure,
                hint: $"Delete it with \"kubectl delete accessgrant {grantName} -n {ns}\".");
        }
    }

    private async Task<(string Namespace, Inputs Inputs, Site Site, AccessGrant? Grant)> ValidateAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        var problems = new Problems();
        string? hint = null;
        var file = Token.Inputs.SingleFile(_file, "token file", $"{invocationName} token issue <file>", problems);
        if (file == Token.Inputs.Standard)
        {
            // A token on screen is a secret in the scroll-back and over the shoulder.
            if (context.Output.OutIsTerminal && !_force.HasValue())
                problems.Usage("refusing to write the token to standard output: it is a terminal and the token holds a secret; " +
                             $"pipe it (\"| {invocationName} token redeem -\"), redirect it to a file, or add --force");
        }
        else
        {
            if (file is not null) Token.Inputs.CheckCreatable(file, problems);
            if (_force.HasValue()) problems.Usage("--force applies only to \"-\" (the token written to standard output)");
        }
        // The Go CLI's minimums: timeout at least 10s, expiration window at least 1m, cost 0
        // allowed (docs/go-cli-parity.md).
        var timeout = _timeout.Duration(DefaultTimeout, problems, MinimumTimeout);
        var window = _expirationWindow.Duration(DefaultExpirationWindow, problems, TimeSpan.FromMinutes(1));
        var redemptions = _redemptions.Integer(DefaultRedemptions, problems, min: 1);
        var cost = _cost.Integer(DefaultCost, problems, min: 0);
        var grantName = _grant.KubernetesName(problems);
        if (_grant.HasValue() && (_expirationWindow.HasValue() || _redemptions.HasValue()))
            problems.Usage("--grant cannot be combined with --expiration-window or --redemptions-allowed: " +
                           "an existing grant keeps its own limits");
        var ns = Token.Inputs.Namespace(context, problems);
        Site? site = null;
        AccessGrant? grant = null;
        try
        {
            // Listing sites also tells whether Skupper is installed (a 404 without a Status),
            // so no separate discovery request is needed.
            var sites = await context.Cluster.Resources<Site>().ListAsync(cancellationToken).ConfigureAwait(false);
            site = sites.FirstOrDefault(s => s.Status?.IsReady == true) ?? sites.FirstOrDefault();
            if (site is null)
                problems.Failure($"A site must exist in namespace {ns} before a token can be created");
            else if (site.Spec.Edge == true)
                problems.Failure($"Edge sites cannot accept incoming links from remote sites: site \"{site.Name}\" in namespace {ns} is an edge site");
            else if (!site.LinkAccessEnabled)
            {
                problems.Failure("Link access is not enabled");
                hint = $"You can use \"{invocationName} site update --enable-link-access\" to enable it.";
            }
            if (grantName is not null)
            {
                grant = await context.Cluster.Resources<AccessGrant>().GetAsync(grantName, cancellationToken).ConfigureAwait(false);
                if (grant is null) problems.Failure($"access grant \"{grantName}\" does not exist in namespace {ns}");
            }
        }
        catch (SkupperException e)
        {
            problems.Failure(await ExplainAsync(context, e, cancellationToken).ConfigureAwait(false));
        }

        problems.ThrowIfAny(hint);
        return (ns, new Inputs(file!, timeout, window, redemptions, cost, grantName), site!, grant);
    }

    /// <summary>
    /// A failed list may mean Skupper is absent; only then is discovery asked, so the usual path
    /// makes no extra request and an absent API is named as such, never as a 404.
    /// </summary>
    internal static async Task<string> ExplainAsync(ICommandContext context, SkupperException failure, CancellationToken cancellationToken)
    {
        try
        {
            await context.Cluster.EnsureSkupperInstalledAsync(cancellationToken).ConfigureAwait(false);
            return failure.Message;
        }
        catch (SkupperException notInstalled)
        {
            return notInstalled.Message;
        }
    }

    private static void ApplyHookResult(JsonObject result, Inputs inputs, ref string? grantName, Dictionary<string, string> labels,
        Dictionary<string, string> annotations, ref TimeSpan window, ref int redemptions)
    {
        var changes = new HookChanges(result, "token.issue.before");
        // A grant given with --grant is used as it is; hooks name only grants this command creates.
        if (inputs.Grant is null && changes.Name("grantName") is { } name) grantName = name;
        if (changes.Duration("expirationWindow") is { } w) window = w;
        if (changes.Count("redemptionsAllowed") is { } r) redemptions = r;
        changes.Labels("labels", labels);
        changes.Annotations("annotations", annotations);
        changes.ThrowIfAny();
    }
}
