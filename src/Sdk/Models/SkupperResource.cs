using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Skupper.Cli.Sdk.Models;

/// <summary>What the API needs to address a Skupper kind: its kind and its plural resource name.</summary>
public interface ISkupperKind
{
    static abstract string KindName { get; }
    static abstract string Plural { get; }
}

/// <summary>The fields every skupper.io/v2alpha1 resource has.</summary>
public abstract class SkupperResource : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "skupper.io";
    public const string Version = "v2alpha1";
    public const string GroupVersion = Group + "/" + Version;

    protected SkupperResource(string kind) => Kind = kind;

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = GroupVersion;
    [JsonPropertyName("kind")] public string Kind { get; set; }
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The common part of the status, or null while the controller has not written one.</summary>
    [JsonIgnore] public abstract ResourceStatus? CommonStatus { get; }

    [JsonIgnore] public string Name => Metadata.Name;
}

/// <summary>
/// The status every Skupper resource carries: <c>status</c> (Pending | Error | Ready), <c>message</c>
/// and Kubernetes conditions.
/// </summary>
public class ResourceStatus
{
    public const string Ready = "Ready";
    public const string Error = "Error";
    public const string Pending = "Pending";

    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("conditions")] public IList<V1Condition>? Conditions { get; set; }

    public V1Condition? Condition(string type) => Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>True when the condition of that type is "True".</summary>
    public bool IsTrue(string type) => Condition(type)?.Status == "True";

    /// <summary>Ready means the <c>Ready</c> condition is True, as the Skupper CLI reads it.</summary>
    [JsonIgnore] public bool IsReady => IsTrue(ConditionTypes.Ready);
}

public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Configured = "Configured";
    public const string Running = "Running";
    public const string Resolved = "Resolved";
    public const string Processed = "Processed";
    public const string Redeemed = "Redeemed";
    public const string Operational = "Operational";
}
