using System.Text.Json.Serialization;

namespace Skupper.Cli.Sdk.Models;

/// <summary>
/// A Connector: binds a local workload to a routing key (the <c>connectors.skupper.io</c> custom resource of Skupper v2).
/// </summary>
public sealed class Connector() : SkupperResource("Connector"), ISkupperKind
{
    public static string KindName => "Connector";
    public static string Plural => "connectors";

    [JsonPropertyName("spec")] public ConnectorSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public ConnectorStatus? Status { get; set; }
    [JsonIgnore] public override ResourceStatus? CommonStatus => Status;
}

public sealed class ConnectorSpec
{
    [JsonPropertyName("routingKey")] public string? RoutingKey { get; set; }
    [JsonPropertyName("port")] public int? Port { get; set; }
    [JsonPropertyName("selector")] public string? Selector { get; set; }
    [JsonPropertyName("host")] public string? Host { get; set; }
    [JsonPropertyName("tlsCredentials")] public string? TlsCredentials { get; set; }
    [JsonPropertyName("useClientCert")] public bool? UseClientCert { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("includeNotReadyPods")] public bool? IncludeNotReadyPods { get; set; }
    [JsonPropertyName("exposePodsByName")] public bool? ExposePodsByName { get; set; }
    [JsonPropertyName("settings")] public IDictionary<string, string>? Settings { get; set; }
}

public sealed class ConnectorStatus : ResourceStatus
{
    /// <summary>Whether some listener in the network has the connector's routing key.</summary>
    [JsonPropertyName("hasMatchingListener")] public bool? HasMatchingListener { get; set; }
}
