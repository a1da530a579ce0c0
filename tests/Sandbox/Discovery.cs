using System.Text.Json.Nodes;

namespace Skupper.Sandbox;

/// <summary>
/// Legacy (non-aggregated) discovery documents and the OpenAPI v3 documents kubectl reads.
/// kubectl asks for aggregated discovery first; a plain application/json answer makes it fall back to
/// these, as it does against older servers. OpenAPI v3 is what kubectl's default (strict) validation
/// needs: finding the fieldValidation parameter there, it leaves validation to the server.
/// </summary>
public sealed class Discovery(ApiCatalog catalog)
{
    public static readonly string[] Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"];

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-skupper-sandbox",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.4",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public JsonObject Groups()
    {
        var groups = new JsonArray(catalog.All.Select(t => t.Group).Where(g => g.Length > 0).Distinct()
            .Select(g => (JsonNode)GroupDoc(g, catalog.All.First(t => t.Group == g).Version)).ToArray());
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    /// <summary>The APIGroup document of a group served at one version.</summary>
    public JsonObject? GroupDoc(string group) =>
        catalog.All.FirstOrDefault(t => t.Group == group && group.Length > 0) is { } t ? GroupDoc(group, t.Version) : null;

    private static JsonObject GroupDoc(string group, string version)
    {
        var gv = new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(gv),
            ["preferredVersion"] = gv.DeepClone(),
        };
    }

    public JsonObject Resources(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var t in catalog.All.Where(t => t.Group == group && t.Version == version))
        {
            var r = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = new JsonArray(Verbs.Select(v => (JsonNode)v!).ToArray()),
            };
            if (t.ShortNames.Count > 0) r["shortNames"] = new JsonArray(t.ShortNames.Select(s => (JsonNode)s!).ToArray());
            if (t.Categories.Count > 0) r["categories"] = new JsonArray(t.Categories.Select(s => (JsonNode)s!).ToArray());
            resources.Add(r);
            if (t.HasStatusSubresource)
                resources.Add(new JsonObject
                {
                    ["name"] = t.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = t.Namespaced,
                    ["kind"] = t.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            if (t is { Group: "", Plural: "pods" })
                resources.Add(new JsonObject
                {
                    ["name"] = "pods/log", ["singularName"] = "", ["namespaced"] = true, ["kind"] = "Pod", ["verbs"] = new JsonArray("get"),
                });
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    /// <summary>/openapi/v3: the index of group-version documents.</summary>
    public JsonObject OpenApiIndex()
    {
        var paths = new JsonObject { ["api/v1"] = new JsonObject { ["serverRelativeURL"] = "/openapi/v3/api/v1?hash=sandbox1" } };
        foreach (var gv in catalog.All.Where(t => t.Group.Length > 0).Select(t => $"apis/{t.Group}/{t.Version}").Distinct())
            paths[gv] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{gv}?hash=sandbox1" };
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>An OpenAPI v3 document for one group-version: paths with x-kubernetes-group-version-kind and
    /// the fieldValidation parameter (what kubectl checks), and the CRD schemas as components.</summary>
    public JsonObject? OpenApiDocument(string groupVersionPath)
    {
        var types = catalog.All.Where(t => (t.Group.Length == 0 ? $"api/{t.Version}" : $"apis/{t.Group}/{t.Version}") == groupVersionPath).ToList();
        if (types.Count == 0) return null;
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var t in types)
        {
            var gvk = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind };
            var schemaName = t.Group.Length == 0 ? $"io.k8s.api.core.{t.Version}.{t.Kind}" : $"{string.Join('.', t.Group.Split('.').Reverse())}.{t.Version}.{t.Kind}";
            var schema = (JsonObject?)t.Schema?.DeepClone() ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
            schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
            schemas[schemaName] = schema;
            var prefix = "/" + groupVersionPath + (t.Namespaced ? "/namespaces/{namespace}" : "");
            JsonObject Op(string id, bool write) => new()
            {
                ["operationId"] = id + t.Kind,
                ["parameters"] = write
                    ? new JsonArray(Param("dryRun"), Param("fieldManager"), Param("fieldValidation"))
                    : new JsonArray(),
                ["responses"] = new JsonObject
                {
                    ["200"] = new JsonObject
                    {
                        ["description"] = "OK",
                        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" } } },
                    },
                },
                ["x-kubernetes-action"] = id,
                ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
            };
            JsonObject PatchOp(string id)
            {
                var op = Op(id, true);
                op["requestBody"] = new JsonObject
                {
                    ["content"] = new JsonObject
                    {
                        [Patches.JsonPatch] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } },
                        [Patches.MergePatch] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } },
                        [Patches.ApplyPatch] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } },
                    },
                };
                return op;
            }
            paths[$"{prefix}/{t.Plural}"] = new JsonObject { ["get"] = Op("list", false), ["post"] = Op("post", true) };
            paths[$"{prefix}/{t.Plural}/{{name}}"] = new JsonObject
            {
                ["get"] = Op("get", false), ["put"] = Op("put", true), ["patch"] = PatchOp("patch"), ["delete"] = Op("delete", false),
            };
            if (t.HasStatusSubresource)
                paths[$"{prefix}/{t.Plural}/{{name}}/status"] = new JsonObject
                {
                    ["get"] = Op("get", false), ["put"] = Op("put", true), ["patch"] = PatchOp("patch"),
                };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject Param(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
