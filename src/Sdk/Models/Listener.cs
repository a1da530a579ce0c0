using System.Text.Json.Serialization;

namespace Skupper.Cli.Sdk.Models;

/// <summary>
/// A Listener: a local connection point for clients, bound to a routing key (the <c>listeners.skupper.io</c> custom
/// resource of Skupper v2).
/// </summary>
public sealed class Listener() : SkupperResource("Listener"), ISkupperKind
{
    public static string KindName => "Listener";
    public static string Plural => "listeners";

    [JsonPropertyName("spec")] public ListenerSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public ListenerStatus? Status { get; set; }
    [JsonIgnore] public override ResourceStatus? CommonStatus => Status;
}

public sealed class ListenerSpec
{
    [JsonPropertyName("routingKey")] public string? RoutingKey { get; set; }
    [JsonPropertyName("host")] public string? Host { get; set; }
    [JsonPropertyName("port")] public int? Port { get; set; }
    [JsonPropertyName("tlsCredentials")] public string? TlsCredentials { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("exposePodsByName")] public bool? ExposePodsByName { get; set; }
    [JsonPropertyName("settings")] public IDictionary<string, string>? Settings { get; set; }
}

public sealed class ListenerStatus : ResourceStatus
{
    /// <summary>Whether some connector in the network has the listener's routing key.</summary>
    [JsonPropertyName("hasMatchingConnector")] public bool? HasMatchingConnector { get; set; }
}
