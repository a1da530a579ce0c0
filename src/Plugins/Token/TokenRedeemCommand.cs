using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s.Models;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Token;

/// <summary>
/// <c>token redeem &lt;file&gt;</c>: checks the token file before touching the cluster, creates the
/// AccessToken, and waits until the controller has redeemed it and the Link it made is Ready.
/// </summary>
public sealed class TokenRedeemCommand(string invocationName) : ISkupperCommand
{
    private IArgumentValue _file = null!;
    private IOptionValue _timeout = null!;
    private IOptionValue _linkCost = null!;

    public string Name => "redeem";
    public string Description => "Redeem a token file in order to create a link to a remote site.";
    public IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public void Configure(ICommandDeclaration command)
    {
        _file = command.Argument("file", "The name of the token file to use; \"-\" reads the token from standard input.",
            multipleValues: true, required: true, values: ValueCompletion.FileName);
        _timeout = command.Option("--timeout <DURATION>",
            "Raise an error if the operation does not complete in the given period of time (default 60s).",
            OptionArity.Single);
        _linkCost = command.Option("--link-cost <INTEGER>",
            "The cost of the link this token creates (default: the cost written in the token, else 1).",
            OptionArity.Single);
        command.Details = $"""
            The token file is an AccessToken resource written by "{invocationName} token issue"
            (or by the Skupper CLI). Redeeming it creates a link to the site that issued it.
            """;
        // On Kubernetes it waits for the Link's Ready; elsewhere the files are written at once.
        command.WaitsFor = "Ready (Kubernetes)";
        command.Examples = $"""
            # Redeem an access token
            $ {invocationName} token redeem ~/token.yaml
            Waiting for status...
            Link "west-6bfn6" is active.
            You can now safely delete /home/fritz/token.yaml.

            # Link two sites in one line; the token never touches the disk
            $ {invocationName} token issue - --context west | {invocationName} token redeem - --context east
            """;
    }

    public async Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (ns, path, token, timeout, cost) = await ValidateAsync(context, clock, cancellationToken).ConfigureAwait(false);
        if (context.Platform != Platform.Kubernetes) return await GrantClaim.RedeemAsync(context, ns, token, cancellationToken).ConfigureAwait(false);
        var name = token.Metadata.Name;
        var labels = token.Metadata.Labels is { Count: > 0 } l ? new Dictionary<string, string>(l) : new Dictionary<string, string>();
        var annotations = token.Metadata.Annotations is { Count: > 0 } a ? new Dictionary<string, string>(a) : new Dictionary<string, string>();

        if (context.Hooks.Handles("token.redeem.before"))
        {
            var before = HookContext(ns, path, token, cost);
            before["labels"] = ToJson(labels);
            before["annotations"] = ToJson(annotations);
            var result = await context.Hooks.RunAsync("token.redeem.before", before, cancellationToken).ConfigureAwait(false);
            // The context holds the token's code: no check may echo it.
            var changes = new HookChanges(result, "token.redeem.before", token.Spec.Code);
            if (changes.Count("linkCost") is { } c) cost = c;
            changes.Labels("labels", labels);
            changes.Annotations("annotations", annotations);
            changes.ThrowIfAny();
        }

        var tokens = context.Cluster.Resources<AccessToken>();
        var resource = new AccessToken
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = labels.Count > 0 ? labels : null,
                Annotations = annotations.Count > 0 ? annotations : null,
            },
            Spec = new AccessTokenSpec
            {
                Url = token.Spec.Url,
                Code = token.Spec.Code,
                Ca = token.Spec.Ca,
                LinkCost = cost,
                Settings = token.Spec.Settings,
            },
        };

        var redeemed = false;
        Link? link;
        await tokens.CreateAsync(resource, cancellationToken).ConfigureAwait(false);
        using (context.Output.Progress("Waiting for status..."))
        {
            try
            {
                await context.Waiter.WaitAsync<AccessToken>(ns, name, Redeemed, Inputs.Remaining(timeout, clock), cancellationToken)
                    .ConfigureAwait(false);
                redeemed = true;
                link = await context.Waiter.WaitAsync<Link>(ns, name, WaitCheck.Ready, Inputs.Remaining(timeout, clock), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (!redeemed)
            {
                throw await UndoAsync(context, ns, name, e).ConfigureAwait(false);
            }
            catch (WaitTimeoutException e)
            {
                throw new SkupperException($"the token was redeemed but link \"{name}\" is not active yet: timed out" +
                                           (e.LastMessage is null ? "" : $"; last status: {e.LastMessage}"),
                    hint: $"Check it with \"kubectl get link {name} -n {ns}\".");
            }
        }

        context.Output.Out.WriteLine($"Link \"{link!.Name}\" is active.");
        if (path != Inputs.Standard) context.Output.Out.WriteLine($"You can now safely delete {Printable.Path(path)}.");
        context.Output.Out.Flush();

        if (context.Hooks.Handles("token.redeem.after"))
        {
            try
            {
                var after = HookContext(ns, path, token, cost);
                after["remoteSite"] = link.Status?.RemoteSiteName;
                await context.Hooks.RunAsync("token.redeem.after", after, cancellationToken).ConfigureAwait(false);
            }
            catch (SkupperException e)
            {
                context.Output.Error.WriteLine($"Error: {e.Message}");
                return ExitCodes.HookFailure;
            }
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// Done once redeemed. A failed redemption the controller retries is waited out until the timeout
    /// (then the token is deleted, see <see cref="UndoAsync"/>); a refusal no retry changes fails at once.
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

    /// <summary>
    /// Removes the AccessToken this run created but that was never redeemed, so that running the
    /// command again (after fixing the cause) does not meet "already exists".
    /// </summary>
    private static async Task<SkupperException> UndoAsync(ICommandContext context, string ns, string name, Exception failure)
    {
        var reason = failure switch
        {
            WaitTimeoutException t => "the token was not redeemed: timed out" + (t.LastMessage is null ? "" : $"; last status: {t.LastMessage}"),
            OperationCanceledException => "interrupted",
            WaitFailedException f => "the token was not redeemed: " + f.Reason,
            _ => failure.Message,
        };
        using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await context.Cluster.Resources<AccessToken>().DeleteAsync(name, cleanup.Token).ConfigureAwait(false);
            return new SkupperException($"{reason}; the access token \"{name}\" this command created was deleted", inner: failure);
        }
        catch (Exception e) when (e is SkupperException or OperationCanceledException)
        {
            return new SkupperException(
                $"{reason}; the access token \"{name}\" this command created could not be deleted: " +
                $"{(e is OperationCanceledException ? "the cluster did not answer" : e.Message)}",
                inner: failure, hint: $"Delete it with \"kubectl delete accesstoken {name} -n {ns}\".");
        }
    }

    private async Task<(string Namespace, string Path, AccessToken Token, TimeSpan Timeout, int Cost)> ValidateAsync(
        ICommandContext context, Stopwatch clock, CancellationToken cancellationToken)
    {
        var problems = new Problems();
        var path = Inputs.SingleFile(_file, "token file", $"{invocationName} token redeem <file>", problems);
        var timeout = _timeout.Duration(TokenIssueCommand.DefaultTimeout, problems);
        var costOption = _linkCost.Integer(0, problems, min: 1);
        AccessToken? token = null;
        if (path is not null)
        {
            try
            {
                if (path == Inputs.Standard)
                {
                    token = await TokenFile.ReadAsync(context.Input, cancellationToken).ConfigureAwait(false);
                    // The time spent waiting for the issuing side is not this command's own.
                    clock.Restart();
                }
                else token = TokenFile.Read(path);
            }
            catch (SkupperException e) { problems.Failure(e.Message); }
        }
        // A bad file is reported without contacting the cluster at all.
        if (token is null) problems.ThrowIfAny();
        var ns = Inputs.Namespace(context, problems);
        if (context.Platform != Platform.Kubernetes)
        {
            problems.ThrowIfAny();
            return (ns, path!, token!, timeout, costOption);
        }

        try
        {
            var sites = await context.Cluster.Resources<Site>().ListAsync(cancellationToken).ConfigureAwait(false);
            if (sites.Count == 0) problems.Failure($"A site must exist in namespace {ns} before a token can be redeemed");
            var existing = await context.Cluster.Resources<AccessToken>().GetAsync(token!.Name, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
                problems.Failure($"an access token named \"{token.Name}\" already exists in namespace {ns}: this token was redeemed here before" +
                             (existing.Status?.Message is { } m ? $" (status: {m})" : ""));
        }
        catch (SkupperException e)
        {
            problems.Failure(await TokenIssueCommand.ExplainAsync(context, e, cancellationToken).ConfigureAwait(false));
        }
        problems.ThrowIfAny();
        var cost = _linkCost.HasValue() ? costOption : token!.Spec.LinkCost is > 0 and var c ? c : 1;
        return (ns, path!, token!, timeout, cost);
    }

    private static JsonObject ToJson(Dictionary<string, string> map)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in map) obj[k] = v;
        return obj;
    }

    /// <summary>What both redeem events tell hooks: where, which file, and the token itself (the hook service redacts the code from logs).</summary>
    private static JsonObject HookContext(string ns, string path, AccessToken token, int cost) => new()
    {
        ["namespace"] = ns,
        ["file"] = path,
        ["name"] = token.Metadata.Name,
        ["url"] = token.Spec.Url,
        ["code"] = token.Spec.Code,
        ["ca"] = token.Spec.Ca,
        ["linkCost"] = cost,
    };
}
