using System.Net;
using System.Net.Http;
using Skupper.Cli.Host.Services.Connection;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Cli.Host.Services;

/// <summary>Turns Kubernetes API failures into one sentence a user can act on.</summary>
public static class ApiErrors
{
    public static SkupperException NotInstalled(ClusterAccess cluster, Exception? inner = null) =>
        new($"Skupper is not installed in the cluster at {cluster.Server}: the skupper.io/v2alpha1 API is not available. " +
            "Install Skupper v2 first.", inner: inner);

    /// <param name="verb">get, list, create, update, patch, delete, watch</param>
    /// <param name="resource">e.g. "accessgrants.skupper.io"</param>
    /// <param name="name">the object's name, when there is one</param>
    public static SkupperException Translate(Exception e, string verb, string resource, string? name, ClusterAccess cluster) =>
        e as SkupperException ?? new SkupperException(Describe(e, verb, resource, name, cluster), inner: e);

    /// <summary>
    /// As <see cref="Translate"/>, for a request about a resource of API group <paramref name="group"/>. A 404 that names
    /// no object says only that the server has no such path; for a Skupper resource that is most often a cluster
    /// without Skupper, which is said only once its discovery document (one request, made only then) is absent too. A
    /// core or apps resource, or a Skupper kind that an installed Skupper does not serve, is named as not served.
    /// </summary>
    public static async Task<SkupperException> TranslateAsync(Exception e, string verb, string group, string resource, string? name,
        ClusterAccess cluster, CancellationToken cancellationToken)
    {
        if (group == SkupperResource.Group && e is ApiStatusException { StatusCode: HttpStatusCode.NotFound, Status.Kind: null })
        {
            try
            {
                if (!await cluster.ServesSkupperAsync(cancellationToken).ConfigureAwait(false)) return NotInstalled(cluster, e);
            }
            catch (SkupperException)
            {
                // Discovery failed as well: the request's own failure says more about what the command did.
            }
        }
        return Translate(e, verb, resource, name, cluster);
    }

    private static string Describe(Exception e, string verb, string resource, string? name, ClusterAccess cluster)
    {
        var where = $"in namespace \"{cluster.Namespace}\"";
        switch (e)
        {
            case ApiStatusException { StatusCode: >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest } redirect:
                return $"the cluster at {cluster.Server} answered {(int)redirect.StatusCode} {redirect.ReasonPhrase} " +
                    $"to {verb} {resource} {where}" +
                    (redirect.Location is { } to
                        ? $", pointing to {(to.IsAbsoluteUri ? UrlText.Full(to) : Printable.Escape(to.OriginalString))}"
                        : "") +
                    ": redirects are not followed (an API server sends none; check --server and any proxy in between)";
            case ApiStatusException { Status: var status } response:
                var message = status.Message ?? response.ReasonPhrase ?? response.StatusCode.ToString();
                return response.StatusCode switch
                {
                    HttpStatusCode.Forbidden => $"forbidden: you are not allowed to {verb} {resource} {where} ({message})",
                    HttpStatusCode.Unauthorized =>
                        $"unauthorized: the cluster at {cluster.Server} rejected the credentials of {Who(cluster)}",
                    // A path the server does not serve answers "404 page not found", or a Status without details; a
                    // missing object always names itself in details. Whether that means Skupper is absent is for
                    // TranslateAsync to find out: here it is only a resource this server does not serve.
                    HttpStatusCode.NotFound when status.Kind is null =>
                        $"the cluster at {cluster.Server} does not serve {resource} ({message})",
                    HttpStatusCode.NotFound when status.Kind == "namespaces" => $"namespace \"{cluster.Namespace}\" does not exist",
                    HttpStatusCode.NotFound => $"{resource} \"{name}\" not found {where}",
                    HttpStatusCode.Conflict when status.Reason == "AlreadyExists" => $"{resource} \"{name}\" already exists {where}",
                    HttpStatusCode.Conflict =>
                        $"{resource} \"{name}\" was changed by someone else while this command ran; run it again ({message})",
                    HttpStatusCode.UnprocessableEntity => $"the cluster refused the {resource}: {message}",
                    HttpStatusCode.BadRequest => $"the cluster refused to {verb} {resource}: {message}",
                    _ => $"the cluster failed to {verb} {resource} {where}: {(int)response.StatusCode} {message}",
                };
            case ConnectionException c:
                return c.Message;
            case HttpRequestException h:
                return $"cannot reach the cluster at {cluster.Server}: {h.InnerException?.Message ?? h.Message}";
            default:
                return $"{verb} {resource} {where} failed: {e.Message}";
        }
    }

    private static string Who(ClusterAccess cluster)
    {
        var s = cluster.Settings;
        var user = s.UserName is { Length: > 0 } u ? $"user \"{u}\"" : "this client";
        return (s.Context is { Length: > 0 } c ? $"{user} (context \"{c}\")" : user) + $", sent as {s.Credentials.Kind}";
    }

    /// <summary>True for failures worth retrying; the connection layer decides (<see cref="ApiConnection.IsTransient"/>).</summary>
    public static bool IsTransient(Exception e) => ApiConnection.IsTransient(e);

    /// <summary>A 404 about the object itself (a Status), not about the API being absent.</summary>
    public static bool IsObjectNotFound(ApiStatusException e) =>
        e.StatusCode == HttpStatusCode.NotFound && e.Status is { Kind: not null and not "namespaces" };
}
