using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Plugins.Expose;

/// <summary>
/// <c>--workload TYPE/NAME</c> of <c>connector create</c> and <c>update</c> on Kubernetes: the pods of a Deployment,
/// Service, DaemonSet or StatefulSet, targeted through that object's own selector, read when the command runs
/// (skupperproject/skupper internal/cmd/skupper/connector/kube/connector_create.go, ValidateInput;
/// internal/utils/validator WorkloadValidator; common.WorkloadTypes; internal/utils StringifySelector).
/// </summary>
internal sealed record Workload(string Type, string Name)
{
    public static readonly IReadOnlyList<string> Types = ["deployment", "service", "daemonset", "statefulset"];

    public override string ToString() => $"{Type}/{Name}";

    /// <summary>
    /// TYPE/NAME, the type one of <see cref="Types"/> (any case, as the Go CLI lowercases it) and the name a Kubernetes name.
    /// </summary>
    internal sealed class Parser() : ValueParser<Workload?>(null)
    {
        public override bool TryParse(string? text, out Workload? value, [NotNullWhen(false)] out string? rule)
        {
            var parts = (text ?? "").Split('/');
            var type = parts.Length == 2 ? parts[0].ToLowerInvariant() : "";
            value = parts.Length == 2 && Types.Contains(type) && KubernetesNames.CheckSubdomain(parts[1]) is null
                ? new Workload(type, parts[1])
                : null;
            rule = value is null ? $"use TYPE/NAME with TYPE {OptionValues.Or(Types)}, such as deployment/backend" : null;
            return value is not null;
        }
    }

    /// <summary>
    /// The object's selector as <c>key=value</c> terms joined by commas, keys in order (the Go CLI joins them in Go's
    /// random map order); a problem when the object does not exist or selects no labels.
    /// </summary>
    public async Task<string?> SelectorAsync(IClusterAccess cluster, Problems problems, CancellationToken cancellationToken)
    {
        var service = Type == "service";
        var found = await cluster.GetObjectAsync(service ? "v1" : "apps/v1", Type + "s", Name, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            problems.Failure($"the workload {this} given with --workload does not exist in namespace \"{cluster.Namespace}\"");
            return null;
        }
        var labels = service ? found["spec"]?["selector"] : found["spec"]?["selector"]?["matchLabels"];
        // matchExpressions narrow the pods further; a connector's selector (label=value terms) cannot say that, and
        // leaving them out would select more pods than the workload has.
        if (!service && found["spec"]?["selector"]?["matchExpressions"] is JsonArray { Count: > 0 })
        {
            problems.Failure($"the workload {this} selects its pods with spec.selector.matchExpressions, which a connector's selector " +
                             "(label=value terms) cannot express: give the connector --selector or --host instead");
            return null;
        }
        if (labels is JsonObject { Count: > 0 } map)
        {
            // What the server sent is checked as a --selector given by hand would be: strings, and label syntax.
            var terms = map.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? $"{p.Key}={text}" : null)
                .ToList();
            var selector = terms.Contains(null) ? null : string.Join(",", terms);
            if (selector is not null && BindingOptions.IsSelector(selector)) return selector;
            problems.Failure($"the workload {this} has a selector that is not label=value terms " +
                             $"({Printable.Escape(labels.ToJsonString())}): give the connector --selector or --host instead");
            return null;
        }
        problems.Failure($"the workload {this} has no {(service ? "spec.selector" : "spec.selector.matchLabels")} to find its pods by: " +
                         "give the connector --selector or --host instead");
        return null;
    }
}
