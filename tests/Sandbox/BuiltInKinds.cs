using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Skupper.Sandbox;

/// <summary>
/// What kube-apiserver's registry strategies do for the built-in kinds a plugin reads and writes beside Skupper's (read at
/// kubernetes/kubernetes, paths under <c>pkg/</c>). ConfigMap (<c>registry/core/configmap/strategy.go</c>): validated by
/// <c>apis/core/validation/validation.go</c> ValidateConfigMap (every key of <c>data</c> and <c>binaryData</c> a config
/// key, apimachinery <c>util/validation/validation.go</c> IsConfigMapKey; no key in both) and ValidateConfigMapUpdate
/// (nothing of <c>data</c>, <c>binaryData</c> or <c>immutable</c> changes once <c>immutable</c> is true); no generation.
/// Deployment (<c>registry/apps/deployment/strategy.go</c>): an empty status and <c>generation</c> 1 on create, one more whenever an update
/// changes its spec or annotations; defaulted as <c>apis/apps/v1/defaults.go</c> SetDefaults_Deployment does (replicas 1,
/// RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600). Not done: the total-size limit of a
/// ConfigMap, the defaults and validation of a Deployment's pod template.
/// </summary>
public sealed partial class ResourceStore
{
    private const string ImmutableMessage = "Forbidden: field is immutable when `immutable` is set";

    /// <summary>Defaults and checks a built-in object about to be stored; <paramref name="current"/> is null on create.</summary>
    private void PrepareBuiltIn(ResourceType type, string name, JsonObject obj, JsonObject? current)
    {
        if (type == _catalog.ConfigMaps) ValidateConfigMap(type, name, obj, current);
        if (type.Group == "apps" && type.Kind == "Deployment")
        {
            DefaultDeployment(obj);
            var meta = Metadata(obj);
            if (current is null)
            {
                meta["generation"] = 1;
                obj["status"] = new JsonObject();
            }
            else
            {
                var generation = current["metadata"]?["generation"].AsLong() ?? 1;
                var changed = !JsonNode.DeepEquals(obj["spec"], current["spec"]) ||
                              !JsonNode.DeepEquals(meta["annotations"], current["metadata"]?["annotations"]);
                meta["generation"] = changed ? generation + 1 : generation;
            }
        }
    }

    private static void ValidateConfigMap(ResourceType type, string name, JsonObject obj, JsonObject? current)
    {
        var errors = new List<(string Field, string Reason, string Detail)>();
        var data = obj["data"] as JsonObject;
        var binary = obj["binaryData"] as JsonObject;
        foreach (var (bag, keys) in new[] { ("data", data), ("binaryData", binary) })
        {
            foreach (var key in (keys?.Select(p => p.Key) ?? []).Order(StringComparer.Ordinal))
            {
                foreach (var message in ConfigMapKeyErrors(key))
                    errors.Add(($"{bag}[{key}]", "FieldValueInvalid", $"Invalid value: \"{key}\": {message}"));
                if (bag == "data" && binary?.ContainsKey(key) == true)
                    errors.Add(($"data[{key}]", "FieldValueInvalid", $"Invalid value: \"{key}\": duplicate of key present in binaryData"));
            }
        }
        if (current?["immutable"] is JsonValue was && was.TryGetValue<bool>(out var immutable) && immutable)
        {
            if (obj["immutable"] is not JsonValue now || !now.TryGetValue<bool>(out var still) || !still)
                errors.Insert(0, ("immutable", "FieldValueForbidden", ImmutableMessage));
            if (!JsonNode.DeepEquals(data, current["data"] as JsonObject)) errors.Add(("data", "FieldValueForbidden", ImmutableMessage));
            if (!JsonNode.DeepEquals(binary, current["binaryData"] as JsonObject))
                errors.Add(("binaryData", "FieldValueForbidden", ImmutableMessage));
        }
        if (errors.Count > 0) throw ApiException.Invalid(type, name, errors);
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigMapKey();

    /// <summary>IsConfigMapKey: at most 253 characters of <c>[-._a-zA-Z0-9]</c>, not <c>.</c>, not starting with <c>..</c>.</summary>
    private static IEnumerable<string> ConfigMapKeyErrors(string key)
    {
        if (key.Length > 253) yield return "must be no more than 253 characters";
        if (!ConfigMapKey().IsMatch(key))
            yield return "a valid config key must consist of alphanumeric characters, '-', '_' or '.' " +
                         "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
        if (key == ".") yield return "must not be '.'";
        else if (key == "..") yield return "must not be '..'";
        else if (key.StartsWith("..", StringComparison.Ordinal)) yield return "must not start with '..'";
    }

    private static void DefaultDeployment(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec) obj["spec"] = spec = new JsonObject();
        spec["replicas"] ??= 1;
        if (spec["strategy"] is not JsonObject strategy) spec["strategy"] = strategy = new JsonObject();
        strategy["type"] ??= "RollingUpdate";
        if (strategy["type"]?.GetValue<string>() == "RollingUpdate")
        {
            if (strategy["rollingUpdate"] is not JsonObject rolling) strategy["rollingUpdate"] = rolling = new JsonObject();
            rolling["maxUnavailable"] ??= "25%";
            rolling["maxSurge"] ??= "25%";
        }
        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
    }
}
