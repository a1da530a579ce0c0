using System.Text.Json.Serialization;

namespace Skupper.Cli.Sdk.Models;

public sealed class Link() : SkupperResource("Link"), ISkupperKind
{
    public static string KindName => "Link";
    public static string Plural => "links";

    [JsonPropertyName("spec")] public LinkSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public LinkStatus? Status { get; set; }
    [JsonIgnore] public override ResourceStatus? CommonStatus => Status;
}

public sealed class LinkSpec
{
    [JsonPropertyName("endpoints")] public IList<Endpoint>? Endpoints { get; set; }
    [JsonPropertyName("tlsCredentials")] public string? TlsCredentials { get; set; }
    [JsonPropertyName("cost")] public int? Cost { get; set; }
    [JsonPropertyName("settings")] public IDictionary<string, string>? Settings { get; set; }
}

public sealed class LinkStatus : ResourceStatus
{
    [JsonPropertyName("remoteSiteId")] public string? RemoteSiteId { get; set; }
    [JsonPropertyName("remoteSiteName")] public string? RemoteSiteName { get; set; }
}
