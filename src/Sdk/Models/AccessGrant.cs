using System.Text.Json.Serialization;

namespace Skupper.Cli.Sdk.Models;

public sealed class AccessGrant() : SkupperResource("AccessGrant"), ISkupperKind
{
    public static string KindName => "AccessGrant";
    public static string Plural => "accessgrants";

    [JsonPropertyName("spec")] public AccessGrantSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public AccessGrantStatus? Status { get; set; }
    [JsonIgnore] public override ResourceStatus? CommonStatus => Status;
}

public sealed class AccessGrantSpec
{
    [JsonPropertyName("redemptionsAllowed")] public int? RedemptionsAllowed { get; set; }
    /// <summary>A Go duration string, e.g. <c>15m0s</c>.</summary>
    [JsonPropertyName("expirationWindow")] public string? ExpirationWindow { get; set; }
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("issuer")] public string? Issuer { get; set; }
    [JsonPropertyName("settings")] public IDictionary<string, string>? Settings { get; set; }
}

public sealed class AccessGrantStatus : ResourceStatus
{
    [JsonPropertyName("url")] public string? Url { get; set; }
    /// <summary>The secret a token presents. Never log it.</summary>
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("ca")] public string? Ca { get; set; }
    [JsonPropertyName("redemptions")] public int? Redemptions { get; set; }
    [JsonPropertyName("expirationTime")] public string? ExpirationTime { get; set; }
}
