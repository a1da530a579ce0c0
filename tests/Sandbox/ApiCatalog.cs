using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Skupper.Sandbox;

/// <summary>
/// The resource types served: core v1 namespaces, secrets and configmaps, the workloads, plus all the Skupper CRDs (embedded
/// copies of the real ones, so names, short names, printer columns and schemas are exactly Skupper's).
/// </summary>
public sealed class ApiCatalog
{
    public const string SkupperGroup = "skupper.io";
    public const string SkupperVersion = "v2alpha1";

    public ResourceType Namespaces { get; }
    public ResourceType Secrets { get; }
    public ResourceType ConfigMaps { get; }
    public ResourceType Pods { get; }
    public ResourceType CustomResourceDefinitions { get; }
    public ResourceType? Sites { get; }
    public ResourceType? AccessGrants { get; }
    public ResourceType? AccessTokens { get; }
    public ResourceType? Links { get; }
    public ResourceType? Listeners { get; }
    public ResourceType? Connectors { get; }
    public ResourceType? Certificates { get; }

    /// <summary>Whether the skupper.io group exists (false with --no-crds).</summary>
    public bool SkupperInstalled { get; }

    public IReadOnlyList<ResourceType> All { get; }
    public IReadOnlyList<JsonObject> Crds { get; }

    /// <summary>
    /// Every CRD a Skupper v2 install creates (skupperproject/skupper config/crd/bases), so that commands which
    /// touch the other kinds (as <c>site delete --all</c> does) meet them as on a real cluster.
    /// </summary>
    private static readonly string[] InstalledCrds =
    [
        "skupper_site_crd", "skupper_access_grant_crd", "skupper_access_token_crd", "skupper_link_crd",
        "skupper_listener_crd", "skupper_connector_crd", "skupper_attached_connector_crd",
        "skupper_attached_connector_binding_crd", "skupper_certificate_crd", "skupper_multikeylistener_crd",
        "skupper_router_access_crd", "skupper_secured_access_crd",
    ];

    public ApiCatalog(bool installSkupper)
    {
        static JsonNode? Path(JsonObject o, params string[] path)
        {
            JsonNode? n = o;
            foreach (var p in path) n = n is JsonObject obj ? obj[p] : null;
            return n?.DeepClone();
        }
        Namespaces = new ResourceType("", "v1", "namespaces", "namespace", "Namespace", false, ["ns"], [],
            [new("Status", "string", "The status of the namespace", 0, o => Path(o, "status", "phase"))], null, true);
        Secrets = new ResourceType("", "v1", "secrets", "secret", "Secret", true, [], [],
            [
                new("Type", "string", "The type of the secret", 0, o => Path(o, "type")),
                new("Data", "string", "The number of entries in Data", 0, o => (o["data"] as JsonObject)?.Count ?? 0),
            ], null, false);
        // kubernetes/kubernetes pkg/printers/internalversion/printers.go: configMapColumnDefinitions and printConfigMap,
        // whose Data column counts the entries of data and binaryData together.
        ConfigMaps = new ResourceType("", "v1", "configmaps", "configmap", "ConfigMap", true, ["cm"], [],
            [
                new("Data", "string", "Data contains the configuration data.", 0,
                    o => ((o["data"] as JsonObject)?.Count ?? 0) + ((o["binaryData"] as JsonObject)?.Count ?? 0)),
            ], null, false);
        // The workloads a connector's --workload names (core v1 services, apps/v1 deployments, daemonsets, statefulsets):
        // stored and served as kube-apiserver serves them, with no workload controller and no validation of their specs.
        ResourceType Workload(string group, string plural, string singular, string kind, string[] shortNames) =>
            new(group, "v1", plural, singular, kind, true, shortNames, group.Length == 0 ? [] : ["all"], [], null, true);
        // What debug dump reads beside them (stored and served, nothing acts on them but the simulated controller, which
        // makes a site's router workload as Skupper's does, SkupperWorkloads): pods with their log subresource
        // (kubernetes/kubernetes pkg/registry/core/pod/rest/log.go), events, endpoints, ReplicaSets, Roles, RoleBindings,
        // and the CRDs (apiextensions-apiserver), which hold the embedded Skupper CRDs below.
        Pods = new ResourceType("", "v1", "pods", "pod", "Pod", true, ["po"], ["all"], [], null, true);
        CustomResourceDefinitions = new ResourceType("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition",
            "CustomResourceDefinition", false, ["crd", "crds"], ["api-extensions"], [], null, true);
        ResourceType Plain(string group, string plural, string singular, string kind, string[] shortNames) =>
            new(group, "v1", plural, singular, kind, true, shortNames, [], [], null, false);
        var all = new List<ResourceType>
        {
            Namespaces, Secrets, ConfigMaps,
            Workload("", "services", "service", "Service", ["svc"]),
            Workload("apps", "deployments", "deployment", "Deployment", ["deploy"]),
            Workload("apps", "daemonsets", "daemonset", "DaemonSet", ["ds"]),
            Workload("apps", "statefulsets", "statefulset", "StatefulSet", ["sts"]),
            Pods,
            Plain("", "events", "event", "Event", ["ev"]),
            Plain("", "endpoints", "endpoints", "Endpoints", ["ep"]),
            Workload("apps", "replicasets", "replicaset", "ReplicaSet", ["rs"]),
            Plain("rbac.authorization.k8s.io", "roles", "role", "Role", []),
            Plain("rbac.authorization.k8s.io", "rolebindings", "rolebinding", "RoleBinding", []),
            CustomResourceDefinitions,
        };
        var crds = new List<JsonObject>();
        SkupperInstalled = installSkupper;
        if (installSkupper)
        {
            foreach (var name in InstalledCrds)
            {
                var crd = LoadCrd(name);
                crds.Add(crd);
                all.Add(FromCrd(crd));
            }
            Sites = Find(all, "sites");
            AccessGrants = Find(all, "accessgrants");
            AccessTokens = Find(all, "accesstokens");
            Links = Find(all, "links");
            Listeners = Find(all, "listeners");
            Connectors = Find(all, "connectors");
            Certificates = Find(all, "certificates");
        }
        All = all;
        Crds = crds;
    }

    private static ResourceType Find(List<ResourceType> all, string plural) => all.First(t => t.Plural == plural);

    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    /// <summary>Finds a type by plural (and optionally group), e.g. for the in-process API.</summary>
    public ResourceType Require(string group, string version, string plural) =>
        Find(group, version, plural) ?? throw new ArgumentException($"the sandbox does not serve {plural}.{group}/{version}");

    private static JsonObject LoadCrd(string name)
    {
        using var stream = typeof(ApiCatalog).Assembly.GetManifestResourceStream($"Crds.{name}.yaml")
            ?? throw new InvalidOperationException($"missing embedded CRD {name}");
        using var reader = new StreamReader(stream);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return (JsonObject)YamlJson.ToJson(yaml.Documents[0].RootNode)!;
    }

    private static ResourceType FromCrd(JsonObject crd)
    {
        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.AsObject();
        var version = spec["versions"]!.AsArray()[0]!.AsObject();
        var columns = new List<PrinterColumn>();
        foreach (var c in version["additionalPrinterColumns"]?.AsArray() ?? [])
        {
            var path = c!["jsonPath"]!.GetValue<string>().TrimStart('.').Split('.');
            columns.Add(new PrinterColumn(
                c["name"]!.GetValue<string>(),
                c["type"]!.GetValue<string>(),
                c["description"]?.GetValue<string>() ?? "",
                (int)(c["priority"].AsLong() ?? 0),
                o =>
                {
                    JsonNode? n = o;
                    foreach (var p in path) n = n is JsonObject obj ? obj[p] : null;
                    return n?.DeepClone();
                },
                c["format"]?.GetValue<string>()));
        }
        static List<string> Strings(JsonNode? n) => n?.AsArray().Select(x => x!.GetValue<string>()).ToList() ?? [];
        return new ResourceType(
            spec["group"]!.GetValue<string>(),
            version["name"]!.GetValue<string>(),
            names["plural"]!.GetValue<string>(),
            names["singular"]!.GetValue<string>(),
            names["kind"]!.GetValue<string>(),
            spec["scope"]!.GetValue<string>() == "Namespaced",
            Strings(names["shortNames"]),
            Strings(names["categories"]),
            columns,
            version["schema"]?["openAPIV3Schema"]?.DeepClone().AsObject(),
            version["subresources"]?["status"] != null);
    }
}

/// <summary>YAML to JsonNode with YAML 1.2 core-schema typing of plain scalars (so 1 stays a number).</summary>
public static class YamlJson
{
    public static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (k, v) in map.Children) obj[((YamlScalarNode)k).Value!] = ToJson(v);
                return obj;
            case YamlSequenceNode seq:
                var arr = new JsonArray();
                foreach (var item in seq.Children) arr.Add(ToJson(item));
                return arr;
            case YamlScalarNode scalar:
                var s = scalar.Value ?? "";
                if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain) return JsonValue.Create(s);
                if (s is "" or "~" or "null" or "Null" or "NULL") return null;
                if (s is "true" or "True" or "TRUE") return JsonValue.Create(true);
                if (s is "false" or "False" or "FALSE") return JsonValue.Create(false);
                if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && s.Any(char.IsDigit)) return JsonValue.Create(d);
                return JsonValue.Create(s);
            default:
                return null;
        }
    }

    /// <summary>Parses a YAML (or JSON, which is YAML) document into a JsonNode.</summary>
    public static JsonNode? Parse(string text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        return yaml.Documents.Count == 0 ? null : ToJson(yaml.Documents[0].RootNode);
    }
}
