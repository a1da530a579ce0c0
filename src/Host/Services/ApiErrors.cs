using System.Net;
using System.Net.Http;
using System.Text.Json;
using k8s.Autorest;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Services;

/// <summary>Turns Kubernetes API failures into one sentence a user can act on.</summary>
public static class ApiErrors
{
    public static SkupperException NotInstalled(ClusterAccess cluster) =>
        new($"Skupper is not installed in the cluster at {cluster.Server}: the skupper.io/v2alpha1 API is not available. Install Skupper v2 first.");

    /// <param name="verb">get, list, create, update, patch, delete, watch</param>
    /// <param name="resource">e.g. "accessgrants.skupper.io"</param>
    /// <param name="name">the object's name, when there is one</param>
    public static SkupperException Translate(Exception e, string verb, string resource, string? name, ClusterAccess cluster) =>
        e as SkupperException ?? new SkupperException(Describe(e, verb, resource, name, cluster), inner: e);

    private static string Describe(Exception e, string verb, string resource, string? name, ClusterAccess cluster)
    {
        var where = $"in namespace \"{cluster.Namespace}\"";
        switch (e)
        {
            case HttpOperationException { Response: { } response }:
                var status = ReadStatus(response.Content);
                var message = status.Message ?? response.ReasonPhrase ?? response.StatusCode.ToString();
                return response.StatusCode switch
                {
                    HttpStatusCode.Forbidden => $"forbidden: you are not allowed to {verb} {resource} {where} ({message})",
                    HttpStatusCode.Unauthorized =>
                        $"unauthorized: the cluster at {cluster.Server} rejected the credentials of context \"{cluster.Context}\"",
                    // A path the server does not serve answers "404 page not found", or a Status
                    // without details; a missing object always names itself in details.
                    HttpStatusCode.NotFound when status.Kind is null => NotInstalled(cluster).Message,
                    HttpStatusCode.NotFound when status.Kind == "namespaces" => $"namespace \"{cluster.Namespace}\" does not exist",
                    HttpStatusCode.NotFound => $"{resource} \"{name}\" not found {where}",
                    HttpStatusCode.Conflict when status.Reason == "AlreadyExists" => $"{resource} \"{name}\" already exists {where}",
                    HttpStatusCode.Conflict => $"{resource} \"{name}\" was changed by someone else while this command ran; run it again ({message})",
                    HttpStatusCode.UnprocessableEntity => $"the cluster refused the {resource}: {message}",
                    _ => $"the cluster failed to {verb} {resource} {where}: {(int)response.StatusCode} {message}",
                };
            case HttpRequestException h:
                return $"cannot reach the cluster at {cluster.Server}: {h.InnerException?.Message ?? h.Message}";
            default:
                return $"{verb} {resource} {where} failed: {e.Message}";
        }
    }

    /// <summary>True for failures worth retrying: 5xx, 429, and connections that broke.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        HttpOperationException { Response: { } r } => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests,
        HttpRequestException or IOException => true,
        _ => false,
    };

    /// <summary>A 404 about the object itself (a Status), not about the API being absent.</summary>
    public static bool IsObjectNotFound(HttpOperationException e) =>
        e.Response?.StatusCode == HttpStatusCode.NotFound
        && ReadStatus(e.Response.Content) is { Kind: not null and not "namespaces" };

    private readonly record struct StatusBody(string? Message, string? Reason, string? Kind);

    /// <summary>A Kubernetes Status object, or nothing when the body is not one (e.g. "404 page not found").</summary>
    private static StatusBody ReadStatus(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return default;
        try
        {
            using var doc = JsonDocument.Parse(content);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var k) || k.GetString() != "Status")
                return default;
            string? Str(JsonElement el, string p) => el.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var kind = root.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? Str(d, "kind") : null;
            return new StatusBody(Str(root, "message"), Str(root, "reason"), kind);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
