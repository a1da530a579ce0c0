using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s.Models;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Token.Issue;

/// <summary>
/// One run of <c>token issue</c>: the validated inputs, what the before-hooks changed, and the
/// grant it made or used.
/// </summary>
/// <param name="clock">Started when the command started: <c>--timeout</c> covers validation too.</param>
internal sealed class IssueRun(Stopwatch clock, string @namespace, string file, TimeSpan timeout, int cost, Site site,
    AccessGrant? existingGrant)
{

    public string Namespace { get; } = @namespace;
    public string File { get; } = file;
    public int Cost { get; } = cost;
    public Site Site { get; } = site;

    /// <summary>The grant given with <c>--grant</c>, as validation read it.</summary>
    public AccessGrant? ExistingGrant { get; } = existingGrant;

    /// <summary>The grant's name: <c>--grant</c> or a hook's choice before it is created, the server's after.</summary>
    public string? GrantName { get; set; }

    public TimeSpan Window { get; set; }
    public int Redemptions { get; set; }
    public Dictionary<string, string> Labels { get; } = [];
    public Dictionary<string, string> Annotations { get; } = [];

    /// <summary>The grant once Ready.</summary>
    public AccessGrant? Ready { get; set; }

    /// <summary>What is left of <c>--timeout</c>, which covers the whole command.</summary>
    public TimeSpan Remaining => Deadline.Remaining(timeout, clock);

    public AccessGrant NewGrant() => new()
    {
        Metadata = new V1ObjectMeta
        {
            // The API server appends a random 5-character suffix: west-6bfn6.
            GenerateName = GrantName is null ? $"{Site.Name}-" : null,
            Name = GrantName,
            Labels = Labels.Count > 0 ? Labels : null,
            Annotations = Annotations.Count > 0 ? Annotations : null,
        },
        Spec = new AccessGrantSpec { RedemptionsAllowed = Redemptions, ExpirationWindow = GoDuration.Format(Window) },
    };

    public string NotReady(WaitTimeoutException e) =>
        $"access grant \"{GrantName}\" is not ready yet: timed out" + (e.LastMessage is null ? "" : $"; last status: {e.LastMessage}");

    /// <summary>"1 use or after 15 minutes"; for an existing grant, what it has left.</summary>
    public string Expiry()
    {
        if (ExistingGrant is null)
            return $"{GoDuration.Plural(Redemptions, "use")} or after {GoDuration.Humanize(Window)}";
        var left = Math.Max(0, (Ready!.Spec.RedemptionsAllowed ?? 1) - (Ready.Status?.Redemptions ?? 0));
        return Ready.Status?.ExpirationTime is { } expires
            ? $"{GoDuration.Plural(left, "use")} or at {expires}"
            : GoDuration.Plural(left, "use");
    }

    public JsonObject BeforeHookContext() => new()
    {
        ["namespace"] = Namespace,
        ["site"] = Site.Name,
        ["file"] = File,
        ["grantName"] = GrantName,
        ["expirationWindow"] = GoDuration.Format(Window),
        ["redemptionsAllowed"] = Redemptions,
        ["cost"] = Cost,
        ["labels"] = new JsonObject(),
        ["annotations"] = new JsonObject(),
    };

    public JsonObject AfterHookContext() => new()
    {
        ["namespace"] = Namespace,
        ["site"] = Site.Name,
        ["file"] = File,
        ["grantName"] = GrantName,
        ["url"] = Ready!.Status?.Url,
        // The secret: hooks deliver the token; the hook service redacts it from every log line.
        ["code"] = Ready.Status?.Code,
        ["ca"] = Ready.Status?.Ca,
        ["expirationTime"] = Ready.Status?.ExpirationTime,
        ["expirationWindow"] = Ready.Spec.ExpirationWindow ?? GoDuration.Format(Window),
        ["redemptionsAllowed"] = Ready.Spec.RedemptionsAllowed ?? Redemptions,
        ["cost"] = Cost,
        ["linkCost"] = Cost,
    };
}
