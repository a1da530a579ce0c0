using System.Text.Json.Serialization;

namespace Skupper.Cli.Sdk.Models;

public sealed class Site() : SkupperResource("Site"), ISkupperKind
{
    public static string KindName => "Site";
    public static string Plural => "sites";

    [JsonPropertyName("spec")] public SiteSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public SiteStatus? Status { get; set; }
    [JsonIgnore] public override ResourceStatus? CommonStatus => Status;

    /// <summary>Link access is on when <c>spec.linkAccess</c> is set and not <c>none</c>.</summary>
    [JsonIgnore] public bool LinkAccessEnabled => !string.IsNullOrEmpty(Spec.LinkAccess) && Spec.LinkAccess != "none";
}

public sealed class SiteSpec
{
    [JsonPropertyName("serviceAccount")] public string? ServiceAccount { get; set; }
    [JsonPropertyName("linkAccess")] public string? LinkAccess { get; set; }
    [JsonPropertyName("defaultIssuer")] public string? DefaultIssuer { get; set; }
    [JsonPropertyName("ha")] public bool? Ha { get; set; }
    [JsonPropertyName("edge")] public bool? Edge { get; set; }
    [JsonPropertyName("settings")] public IDictionary<string, string>? Settings { get; set; }
}

public sealed class SiteStatus : ResourceStatus
{
    [JsonPropertyName("defaultIssuer")] public string? DefaultIssuer { get; set; }
    [JsonPropertyName("controller")] public ControllerInfo? Controller { get; set; }
    [JsonPropertyName("endpoints")] public IList<Endpoint>? Endpoints { get; set; }
    [JsonPropertyName("sitesInNetwork")] public int? SitesInNetwork { get; set; }
    [JsonPropertyName("network")] public IList<NetworkSite>? Network { get; set; }
}

public sealed class ControllerInfo
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
    [JsonPropertyName("version")] public string? Version { get; set; }
}

public sealed class Endpoint
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("host")] public string? Host { get; set; }
    [JsonPropertyName("port")] public string? Port { get; set; }
    [JsonPropertyName("group")] public string? Group { get; set; }
}

public sealed class NetworkSite
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
    [JsonPropertyName("platform")] public string? Platform { get; set; }
    [JsonPropertyName("version")] public string? Version { get; set; }
    [JsonPropertyName("links")] public IList<NetworkLink>? Links { get; set; }
}

public sealed class NetworkLink
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("remoteSiteId")] public string? RemoteSiteId { get; set; }
    [JsonPropertyName("remoteSiteName")] public string? RemoteSiteName { get; set; }
    [JsonPropertyName("operational")] public bool? Operational { get; set; }
}
