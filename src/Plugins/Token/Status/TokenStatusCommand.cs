using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Plugins.Token.Status;

/// <summary>
/// <c>token status [NAME|FILE|-]</c>: the namespace's access grants as a table (uses and expiry), one grant, or what a
/// token file holds and whether its grant, when this namespace has it, would still redeem it. The grant's code is
/// never shown: <c>-o</c> prints it as <see cref="GrantSummary.CodePlaceholder"/>, and the text forms leave it out.
/// </summary>
internal sealed class TokenStatusCommand : SkupperCommand<TokenStatusCommand.Options, TokenStatusCommand.Run>
{
    /// <param name="Unchecked">For a token: why its grant cannot be checked from here; null when it was.</param>
    internal sealed record Run(string Namespace, TokenTarget? Target, IReadOnlyList<AccessGrant> Grants, OutputFormat? Format,
        string? Unchecked);

    internal sealed record Options(IArgument<string?> Target, OutputOptions Output);

    public override string Name => "status";
    public override string Description =>
        "Display the access grants of the current site, or what a token file holds and whether it still redeems.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        var options = new Options(
            command.Argument("name-or-file",
                "An access grant's name, or a token file (\"-\" reads the token from standard input); by default every access grant",
                Parsers.Text(), values: ValueCompletion.NamesOfKind(AccessGrant.Plural)),
            new OutputOptions(command, description: "Print the access grants in a structured format: json, yaml or name; " +
                $"each grant's code is replaced by {GrantSummary.CodePlaceholder}."));
        TokenStatusHelp.Declare(command);
        return options;
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var (targetArgument, output) = options;
        var format = output.Read(problems);
        var kube = context.Platform == Platform.Kubernetes;
        // A token is shown as text only; refused before a token is read from standard input for nothing.
        if (format is not null && targetArgument.Value is { } given && TokenTarget.IsToken(given, kube))
            problems.Usage("-o prints access grants (token status [name] -o yaml); the status of a token file is text only");
        if (problems.Any) return null;
        TokenTarget? target = null;
        if (targetArgument.Value is not null)
            target = await TokenTarget.ReadAsync(targetArgument, kube, $"{context.InvocationName} token status [name|file]", context,
                problems, cancellationToken).ConfigureAwait(false);
        else if (!kube)
            problems.Usage("a token file must be given off Kubernetes, where there are no access grants: " +
                           $"{context.InvocationName} token status <file>");
        // A bad token is reported without contacting the cluster.
        if (problems.Any) return null;
        var ns = Inputs.Namespace(context, problems);
        if (!kube) return new Run(ns, target, [], null, $"there are no access grants on {context.Platform.ToString().ToLowerInvariant()}");
        return await ReadGrantsAsync(context, ns, target, format, problems, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Run?> ReadGrantsAsync(ICommandContext context, string ns, TokenTarget? target, OutputFormat? format,
        Problems problems, CancellationToken cancellationToken)
    {
        IReadOnlyList<AccessGrant> grants = [];
        string? unchecked_ = null;
        try
        {
            if (target is null)
                grants = [.. (await context.Cluster.Resources<AccessGrant>().ListAsync(cancellationToken).ConfigureAwait(false))
                    .OrderBy(g => g.Name, StringComparer.Ordinal)];
            else if (await target.FindAsync(context, cancellationToken).ConfigureAwait(false) is { } grant) grants = [grant];
            else if (target.GrantName is not null)
                problems.Failure($"access grant \"{target.GrantName}\" does not exist in namespace {ns}");
            // A URL by key names its namespace: the grant's absence then means it was deleted, not that it is elsewhere.
            else if (target.KeyedGrantIn(ns) is null) unchecked_ = $"no access grant in namespace {ns} has its URL";
        }
        catch (SkupperException e)
        {
            var reason = e.Message;
            if (target?.Token is not null) unchecked_ = reason;
            else problems.Failure(reason);
        }
        return problems.Any ? null : new Run(ns, target, grants, format, unchecked_);
    }

    protected override void Report(ICommandContext context, Run run)
    {
        var o = context.Output;
        if (run.Target?.Token is { } token)
        {
            ReportToken(o.Out, run, token);
            return;
        }
        if (run.Format is { } format)
        {
            if (run.Target is null) format.WriteList(o, run.Grants.Select(g => GrantSummary.Masked(o, g)));
            else format.Write(o, GrantSummary.Masked(o, run.Grants[0]));
            return;
        }
        var now = DateTimeOffset.UtcNow;
        if (run.Target is not null)
        {
            o.Out.Write(TokenDetails.Format(GrantRows(run.Grants[0], now)));
            return;
        }
        if (run.Grants.Count == 0)
        {
            o.Out.WriteLine($"There are no access grants in namespace \"{run.Namespace}\"");
            return;
        }
        var table = new TextTable("NAME", "STATUS", "REDEEMED", "EXPIRES", "MESSAGE");
        foreach (var g in run.Grants)
            table.Add(g.Name, Or(g.Status?.Status, "Pending"), GrantSummary.Redeemed(g), GrantSummary.Expires(g, now),
                Or(g.Status?.Message, "-"));
        o.Out.Write(table.ToString());
    }

    /// <summary>
    /// The token's fields, then the verdict: exit 0 when it redeems or cannot be checked, an error (exit 1) when it cannot redeem.
    /// </summary>
    private static void ReportToken(TextWriter output, Run run, AccessToken token)
    {
        var now = DateTimeOffset.UtcNow;
        var rows = TokenDetails.Rows(token);
        if (run.Grants is [var grant])
            rows.Add(("Issued by", $"access grant \"{grant.Name}\" in namespace {run.Namespace}: " +
                                   $"{GrantSummary.Left(grant)} of {GrantSummary.Allowed(grant)} redemptions left, " +
                                   $"{Expiry(GrantSummary.Expires(grant, now))}"));
        output.Write(TokenDetails.Format(rows));
        output.Flush();
        if (run.Grants is [var g] && GrantSummary.Refusal(g, now) is { } why)
            throw new SkupperException($"the token cannot be redeemed: {why}");
        if (run.Grants.Count == 0 && run.Unchecked is null)
            throw new SkupperException($"the token cannot be redeemed: access grant \"{run.Target!.KeyedGrantIn(run.Namespace)}\" " +
                                       $"no longer exists in namespace {run.Namespace}");
        output.WriteLine(run.Unchecked is null
            ? "The token can be redeemed."
            : $"The token cannot be checked from here: {run.Unchecked}. The site that issued it can check it.");
    }

    private static List<(string, string)> GrantRows(AccessGrant g, DateTimeOffset now) =>
    [
        ("Name", g.Name), ("Status", Or(g.Status?.Status, "Pending")), ("Message", Or(g.Status?.Message, "<none>")),
        ("Redeemed", GrantSummary.Redeemed(g)), ("Expires", GrantSummary.Expires(g, now)), ("URL", Or(g.Status?.Url, "<none>")),
    ];

    private static string Expiry(string expires) =>
        expires == "-" ? "no expiry set yet" : expires.StartsWith("in ", StringComparison.Ordinal) ? $"expires {expires}" : expires;

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
