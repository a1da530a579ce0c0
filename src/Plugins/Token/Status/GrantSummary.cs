using System.Globalization;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Token.Status;

/// <summary>
/// What <c>token status</c> and <c>token revoke</c> say about an AccessGrant: uses, expiry, and whether a token still redeems.
/// </summary>
internal static class GrantSummary
{
    /// <summary>What replaces the grant's code in <c>-o json|yaml</c>: the code redeems the grant, so it is never printed.</summary>
    public const string CodePlaceholder = SecretFields.Placeholder;

    /// <summary>The controller's default when the grant does not say (internal/kube/grants/grants.go, checkGrant).</summary>
    public static int Allowed(AccessGrant grant) => grant.Spec.RedemptionsAllowed is > 0 and var n ? n : 1;

    public static int Used(AccessGrant grant) => grant.Status?.Redemptions ?? 0;

    public static int Left(AccessGrant grant) => Math.Max(0, Allowed(grant) - Used(grant));

    /// <summary>The REDEEMED column: used / allowed.</summary>
    public static string Redeemed(AccessGrant grant) =>
        string.Create(CultureInfo.InvariantCulture, $"{Used(grant)}/{Allowed(grant)}");

    public static DateTimeOffset? ExpiresAt(AccessGrant grant) =>
        DateTimeOffset.TryParse(grant.Status?.ExpirationTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t : null;

    /// <summary>The EXPIRES column: <c>in 12m</c>, <c>expired 3m ago</c>, or <c>-</c> before the controller has set it.</summary>
    public static string Expires(AccessGrant grant, DateTimeOffset now) => ExpiresAt(grant) switch
    {
        null => "-",
        { } t when t > now => $"in {Short(t - now)}",
        { } t => $"expired {Short(now - t)} ago",
    };

    /// <summary>
    /// Why the grant server would refuse the grant's token, in the order it checks
    /// (internal/kube/grants/grants.go, checkAndUpdateAccessToken), or null when it would redeem it.
    /// </summary>
    public static string? Refusal(AccessGrant grant, DateTimeOffset now)
    {
        if (ExpiresAt(grant) is { } t && t <= now) return $"access grant \"{grant.Name}\" expired {Short(now - t)} ago";
        if (Left(grant) == 0)
            return $"access grant \"{grant.Name}\" is used up: {GoDuration.Plural(Used(grant), "redemption")} of {Allowed(grant)} allowed";
        return null;
    }

    /// <summary>The grant as a resource for <c>-o</c>, its codes (the one it made and one a user set) replaced.</summary>
    public static JsonObject Masked(IOutput output, AccessGrant grant)
    {
        var json = JsonNode.Parse(output.Render(grant, "json"))!.AsObject();
        SecretFields.Redact(json);
        return json;
    }

    /// <summary>A short span as kubectl prints ages: <c>45s</c>, <c>12m</c>, <c>3h20m</c>, <c>5d</c>.</summary>
    public static string Short(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        return span switch
        {
            { TotalMinutes: < 2 } => $"{(int)span.TotalSeconds}s",
            { TotalHours: < 1 } => $"{(int)span.TotalMinutes}m",
            { TotalHours: < 8 } => span.Minutes == 0 ? $"{(int)span.TotalHours}h" : $"{(int)span.TotalHours}h{span.Minutes}m",
            { TotalDays: < 2 } => $"{(int)span.TotalHours}h",
            _ => $"{(int)span.TotalDays}d",
        };
    }
}
