using System.Text.Json.Serialization;

namespace Skupper.Cli.Sdk.Models;

public sealed class AccessToken() : SkupperResource("AccessToken"), ISkupperKind
{
    public static string KindName => "AccessToken";
    public static string Plural => "accesstokens";

    [JsonPropertyName("spec")] public AccessTokenSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public AccessTokenStatus? Status { get; set; }
    [JsonIgnore] public override ResourceStatus? CommonStatus => Status;
}

public sealed class AccessTokenSpec
{
    [JsonPropertyName("url")] public string? Url { get; set; }
    /// <summary>The secret redeemed against the grant. Never log it.</summary>
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("ca")] public string? Ca { get; set; }
    [JsonPropertyName("linkCost")] public int? LinkCost { get; set; }
    [JsonPropertyName("settings")] public IDictionary<string, string>? Settings { get; set; }
}

public sealed class AccessTokenStatus : ResourceStatus
{
    [JsonPropertyName("redeemed")] public bool? Redeemed { get; set; }
}
