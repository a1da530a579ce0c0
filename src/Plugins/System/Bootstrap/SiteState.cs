using System.Text.Json;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using Skupper.Plugins.System.Resources;
using SiteResource = Skupper.Cli.Sdk.Models.Site;

namespace Skupper.Plugins.System.Bootstrap;

/// <summary>A RouterAccess, as pkg/apis/skupper/v2alpha1 has it: roles with ports, where they bind, their credentials.</summary>
internal sealed record RouterAccess(string Name, IReadOnlyList<(string Role, int Port)> Roles, string? BindHost, string TlsCredentials,
    string? Issuer, IReadOnlyList<string> SubjectAlternativeNames);

/// <summary>A certificate the site needs (pkg/nonkube/api/site_state.go, newCertificate): a CA when signing, else issued by one.</summary>
internal sealed record CertificateSpec(string Name, string Subject, IReadOnlyList<string> Hosts, string? Ca, bool Signing, bool Server,
    bool Client);

/// <summary>
/// The site the input resources describe (pkg/nonkube/api/site_state.go, SiteState; loaded as
/// internal/nonkube/common/site_state_loader.go loads it and checked as site_state_validator.go checks it).
/// </summary>
internal sealed class SiteState
{
    public required SiteResource Site { get; init; }
    public string Namespace => Site.Metadata.NamespaceProperty ?? "default";
    public string SiteId { get; set; } = Guid.NewGuid().ToString();
    public List<Listener> Listeners { get; } = [];
    public List<Connector> Connectors { get; } = [];
    public List<Link> Links { get; } = [];
    public List<RouterAccess> RouterAccesses { get; } = [];
    public List<InputResource> Secrets { get; } = [];
    public List<AccessToken> AccessTokens { get; } = [];
    public Dictionary<string, CertificateSpec> Certificates { get; } = new(StringComparer.Ordinal);

    public bool IsEdge => Site.Spec.Edge == true;

    /// <summary>
    /// Reads <c>input/resources</c>, or the folder <paramref name="input"/> (generate-bundle --input); each problem (no site, two
    /// sites, a bad file) goes to <paramref name="problems"/>.
    /// </summary>
    public static SiteState? Load(NamespaceHome home, IOutput output, Problems problems, string? input = null)
    {
        var folder = input ?? home.InputResources;
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).ToList()
            : [];
        var resources = new List<(string File, InputResource Resource)>();
        foreach (var file in files)
        {
            var read = InputDocuments.Read(File.ReadAllText(file), Printable.Path(file), home.Namespace, output, problems);
            resources.AddRange(read.Select(r => (file, r)));
        }
        var sites = resources.Where(r => r.Resource.Kind == "Site").ToList();
        if (sites.Count != 1)
        {
            problems.Failure(sites.Count == 0
                    ? $"no Site in the input resources of namespace \"{home.Namespace}\" ({Printable.Path(folder)})"
                    : $"namespace \"{home.Namespace}\" has {sites.Count} Sites in its input resources; one is allowed",
                hint: "Create one with \"site create NAME --platform podman\" or \"system apply -f site.yaml\".");
            return null;
        }
        if (problems.Any) return null;
        var state = new SiteState { Site = As<SiteResource>(sites[0].File, output) };
        foreach (var (file, resource) in resources)
        {
            switch (resource.Kind)
            {
                case "Listener": state.Listeners.Add(As<Listener>(file, output)); break;
                case "Connector": state.Connectors.Add(As<Connector>(file, output)); break;
                case "Link": state.Links.Add(As<Link>(file, output)); break;
                case "RouterAccess": state.RouterAccesses.Add(ReadRouterAccess(resource)); break;
                case "Secret": state.Secrets.Add(resource); break;
                case "AccessToken": state.AccessTokens.Add(As<AccessToken>(file, output)); break;
            }
        }
        state.Validate(problems);
        return problems.Any ? null : state;
    }

    private static T As<T>(string file, IOutput output) where T : SkupperResource => output.Parse<T>(File.ReadAllText(file))!;

    private static RouterAccess ReadRouterAccess(InputResource resource)
    {
        var spec = resource.Spec ?? default;
        string? S(string p) =>
            spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString() : null;
        IEnumerable<JsonElement> A(string p) => spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty(p, out var v) &&
                                                v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];
        var roles = A("roles").Select(r => (
            r.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "",
            r.TryGetProperty("port", out var p) && p.TryGetInt32(out var port) ? port : 0)).ToList();
        return new RouterAccess(resource.Name, roles, S("bindHost"), S("tlsCredentials") ?? resource.Name, S("issuer"),
            A("subjectAlternativeNames").Select(e => e.GetString() ?? "").ToList());
    }

    /// <summary>What internal/nonkube/common/site_state_validator.go refuses, in its words.</summary>
    private void Validate(Problems problems)
    {
        if (IsEdge && Site.Spec.Ha == true) problems.Failure($"invalid site \"{Site.Name}\": edge sites cannot have HA enabled");
        foreach (var ra in RouterAccesses)
        {
            if (ra.Roles.Count == 0) problems.Failure($"invalid router access: {ra.Name} - roles are required");
            foreach (var role in ra.Roles.Where(r => r.Role is not ("inter-router" or "edge" or "normal")))
                problems.Failure($"invalid router access: {ra.Name} - invalid role: {role.Role} (valid roles: inter-router, edge, normal)");
        }
        foreach (var link in Links.Where(l => !Secrets.Any(s => s.Name == l.Spec.TlsCredentials)))
            problems.Failure($"invalid link \"{link.Name}\" - secret \"{link.Spec.TlsCredentials}\" not found");
        var mapped = new HashSet<(string?, int?)>();
        foreach (var l in Listeners)
        {
            if (string.IsNullOrEmpty(l.Spec.Host) || l.Spec.Port is null or 0)
                problems.Failure($"invalid listener: {l.Name} - host and port are required");
            else if (!mapped.Add((l.Spec.Host, l.Spec.Port)))
                problems.Failure($"port {l.Spec.Port} is already mapped for host \"{l.Spec.Host}\" (listener: \"{l.Name}\")");
            if (string.IsNullOrEmpty(l.Spec.RoutingKey)) problems.Failure($"routingKey is missing for listener: {l.Name}");
        }
        foreach (var c in Connectors)
        {
            if (string.IsNullOrEmpty(c.Spec.Host) || c.Spec.Port is null or 0)
                problems.Failure($"connector host and port are required (connector: \"{c.Name}\")");
            if (string.IsNullOrEmpty(c.Spec.RoutingKey)) problems.Failure($"routingKey is missing for connector: {c.Name}");
        }
    }
}
