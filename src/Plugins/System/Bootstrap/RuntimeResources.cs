using System.Text.Json;
using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;
using Skupper.Plugins.System.Resources;

namespace Skupper.Plugins.System.Bootstrap;

/// <summary>
/// <c>runtime/resources</c>: the input resources as the started site holds them, and the RouterAccesses it added
/// (pkg/nonkube/api/site_state.go, MarshalSiteState). Its presence means "started": <c>system start</c> refuses then.
/// </summary>
internal static class RuntimeResources
{
    public static void Write(NamespaceHome home, SiteState state, IOutput output)
    {
        Directory.CreateDirectory(home.RuntimeResources);
        if (Directory.Exists(home.InputResources))
        {
            foreach (var file in Directory.EnumerateFiles(home.InputResources, "*.yaml"))
                File.Copy(file, Path.Combine(home.RuntimeResources, Path.GetFileName(file)), overwrite: true);
        }
        foreach (var ra in state.RouterAccesses)
        {
            var spec = new JsonObject
            {
                ["roles"] = new JsonArray(ra.Roles
                    .Select(r => (JsonNode)new JsonObject { ["name"] = r.Role, ["port"] = r.Port }).ToArray()),
                ["tlsCredentials"] = ra.TlsCredentials,
            };
            if (ra.Issuer is not null) spec["issuer"] = ra.Issuer;
            if (ra.BindHost is not null) spec["bindHost"] = ra.BindHost;
            if (ra.SubjectAlternativeNames.Count > 0)
                spec["subjectAlternativeNames"] = new JsonArray(ra.SubjectAlternativeNames.Select(n => (JsonNode)n).ToArray());
            var resource = new InputResource { Kind = "RouterAccess" };
            resource.Metadata.Name = ra.Name;
            resource.Metadata.NamespaceProperty = home.Namespace;
            using (var document = JsonDocument.Parse(spec.ToJsonString())) resource.Spec = document.RootElement.Clone();
            AtomicFile.Write(home.RuntimeResource("RouterAccess", ra.Name), output.Render(resource, "yaml"), AtomicFile.Ordinary);
        }
    }
}
