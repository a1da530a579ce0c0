using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skupper.Plugins.System.Bootstrap;

/// <summary>
/// <c>skrouterd.json</c>: the router's configuration as a list of <c>[entity type, attributes]</c> pairs, in the order
/// internal/qdr/qdr.go's MarshalRouterConfig writes them (router, sslProfile, connector, listener, address,
/// tcpConnector, tcpListener, log, site), with the entities pkg/nonkube/api/site_state.go's ToRouterConfig puts in:
/// a listener per RouterAccess role (internal/site/routeraccess.go), a connector per Link (internal/site/link.go), a
/// tcpListener or tcpConnector per Listener or Connector (internal/site/listener.go, connector.go).
/// </summary>
internal static class RouterConfig
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 4 };

    /// <param name="profilePath">Where the router finds <c>runtime/certs</c>: <c>${SSL_PROFILE_BASE_PATH}/runtime/certs</c>.</param>
    public static string Render(SiteState state, string platform, string version, string profilePath, DateTimeOffset now)
    {
        var routerName = $"{state.Site.Name}-{now.ToUnixTimeSeconds()}-{now.Ticks % TimeSpan.TicksPerSecond * 100}";
        var entities = new List<(string Type, JsonObject Attributes)>();
        var metadata = new JsonObject { ["id"] = state.SiteId, ["version"] = version, ["platform"] = platform }.ToJsonString();
        entities.Add(("router", new JsonObject
        {
            ["id"] = routerName, ["mode"] = state.IsEdge ? "edge" : "interior", ["helloMaxAgeSeconds"] = "3", ["metadata"] = metadata,
        }));
        var profiles = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        void Profile(string name) => profiles[name] = new JsonObject
        {
            ["name"] = name, ["certFile"] = $"{profilePath}/{name}/tls.crt", ["privateKeyFile"] = $"{profilePath}/{name}/tls.key",
            ["caCertFile"] = $"{profilePath}/{name}/ca.crt",
        };
        var connectors = new List<JsonObject>();
        var role = state.IsEdge ? "edge" : "inter-router";
        foreach (var link in state.Links.OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            if (link.Spec.Endpoints?.FirstOrDefault(e => e.Name == role) is not { } endpoint) continue;
            var profile = link.Spec.TlsCredentials + "-profile";
            connectors.Add(new JsonObject
            {
                ["name"] = link.Name, ["role"] = role, ["host"] = endpoint.Host, ["port"] = endpoint.Port,
                ["cost"] = Math.Max(link.Spec.Cost ?? 1, 1), ["sslProfile"] = profile,
            });
            Profile(profile);
        }
        var listeners = new List<JsonObject>();
        foreach (var ra in state.RouterAccesses.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            foreach (var (name, port) in ra.Roles)
            {
                var listener = new JsonObject
                {
                    ["name"] = $"{ra.Name}-{name}", ["role"] = name is "edge" or "normal" ? name : "inter-router",
                };
                if (!string.IsNullOrEmpty(ra.BindHost)) listener["host"] = ra.BindHost;
                listener["port"] = port;
                listener["sslProfile"] = ra.TlsCredentials;
                listener["saslMechanisms"] = "EXTERNAL";
                listener["authenticatePeer"] = true;
                listeners.Add(listener);
            }
            Profile(ra.TlsCredentials);
        }
        foreach (var p in profiles.Values) entities.Add(("sslProfile", p));
        entities.AddRange(connectors.Select(c => ("connector", c)));
        entities.AddRange(listeners.Select(l => ("listener", l)));
        entities.Add(("address", new JsonObject { ["prefix"] = "mc", ["distribution"] = "multicast" }));
        foreach (var c in state.Connectors.Where(c => c.Spec.Type is null or "" or "tcp").OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var e = new JsonObject
            {
                ["name"] = $"connector/{c.Name}@{c.Spec.Host}", ["host"] = c.Spec.Host, ["port"] = $"{c.Spec.Port}",
                ["address"] = c.Spec.RoutingKey, ["siteId"] = state.SiteId,
            };
            if (!string.IsNullOrEmpty(c.Spec.TlsCredentials))
            {
                e["sslProfile"] = c.Spec.UseClientCert == true ? c.Spec.TlsCredentials : c.Spec.TlsCredentials + "-profile";
                e["verifyHostname"] = false;
            }
            entities.Add(("tcpConnector", e));
        }
        foreach (var l in state.Listeners.Where(l => l.Spec.Type is null or "" or "tcp").OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            var e = new JsonObject
            {
                ["name"] = $"listener/{l.Name}", ["host"] = l.Spec.Host, ["port"] = $"{l.Spec.Port}", ["address"] = l.Spec.RoutingKey,
                ["siteId"] = state.SiteId,
            };
            if (!string.IsNullOrEmpty(l.Spec.TlsCredentials)) e["sslProfile"] = l.Spec.TlsCredentials;
            entities.Add(("tcpListener", e));
        }
        entities.Add(("log", new JsonObject { ["module"] = "ROUTER_CORE", ["enable"] = "error+" }));
        entities.Add(("site", new JsonObject
        {
            ["name"] = routerName, ["platform"] = platform, ["namespace"] = state.Namespace, ["version"] = version,
        }));
        var array = new JsonArray(entities.Select(e => (JsonNode)new JsonArray(e.Type, e.Attributes)).ToArray());
        return array.ToJsonString(Indented) + "\n";
    }

    /// <summary>The site id of an existing <c>skrouterd.json</c> (the router's metadata), so that a reload keeps it.</summary>
    public static string? SiteId(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var router = JsonNode.Parse(File.ReadAllText(path))?.AsArray()
                .FirstOrDefault(e => e?[0]?.GetValue<string>() == "router")?[1];
            return router?["metadata"]?.GetValue<string>() is { } m ? JsonNode.Parse(m)?["id"]?.GetValue<string>() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
