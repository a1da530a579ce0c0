using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Skupper.Cli.Host.Services;

namespace Skupper.Sandbox;

/// <summary>
/// The grant server: what an AccessGrant's <c>status.url</c> points at. It answers a POST of the grant's code
/// as Skupper's does (internal/kube/grants/grants.go, Grants.ServeHTTP and checkAndUpdateAccessToken): 404
/// "No such claim" for an unknown, unready or expired grant, 404 "No such access granted" once the allowed
/// redemptions are used, 403 "Redemption of access token refused" for a wrong code, else 200 with a Secret and
/// one Link as YAML documents, each after "---" (tokens.go, CertToken.Write), the redemption counted on the grant.
/// Errors are plain text with a newline, as Go's http.Error writes them. The same answers reach the simulated
/// controller in-process (<see cref="Redeem"/>) and the non-Kubernetes CLI over HTTPS.
/// </summary>
internal sealed class GrantServer(ApiCatalog catalog, ResourceStore store, ControllerSettings settings, CertificateAuthority ca)
{
    public const string PathPrefix = "/grants/";

    public sealed record Answer(int Code, string Body, bool Refused = false);

    /// <summary>The HTTP endpoint (no Kubernetes authentication: the code is the credential).</summary>
    public async Task HandleAsync(HttpContext ctx)
    {
        if (ctx.Request.Method != "POST")
        {
            await WriteAsync(ctx, new Answer(405, "Only POST is supported\n"));
            return;
        }
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var code = await reader.ReadToEndAsync(ctx.RequestAborted);
        var answer = Redeem(ctx.Request.Path.Value ?? "", code, ctx.Request.Headers["name"].ToString(), ctx.Request.Headers["subject"].ToString());
        if (answer.Refused)
        {
            // A listener that is not there yet: the closest an open port can come is to drop the connection unanswered.
            ctx.Abort();
            return;
        }
        await WriteAsync(ctx, answer);
    }

    private static Task WriteAsync(HttpContext ctx, Answer answer)
    {
        ctx.Response.StatusCode = answer.Code;
        ctx.Response.ContentType = answer.Code == 200 ? "application/yaml" : "text/plain; charset=utf-8";
        return ctx.Response.WriteAsync(answer.Body);
    }

    /// <summary>Redeems <paramref name="code"/> at <paramref name="path"/> (<c>/grants/NS/NAME</c>).</summary>
    public Answer Redeem(string path, string code, string name, string subject)
    {
        if (settings.TakeGrantFailure() is { } failure)
            return failure == GrantFailure.ConnectionRefused ? new Answer(0, "", Refused: true) : new Answer(503, "Internal error\n");
        var segments = path.Trim('/').Split('/');
        if (segments.Length != 3 || "/" + segments[0] + "/" != PathPrefix) return NoSuchClaim;
        var (ns, grantName) = (segments[1], segments[2]);
        var grant = store.Get(catalog.AccessGrants!, ns, grantName);
        // A deleted grant (token revoke, kubectl delete) is forgotten: the controller's watch hands checkGrant a nil
        // grant and it calls remove(key), which drops it from the server's map, so checkAndUpdateAccessToken's
        // g.get(key) finds nothing and answers 404 "No such claim" (internal/kube/grants/grants.go, checkGrant,
        // remove, checkAndUpdateAccessToken). The sandbox reads the store, where a deleted grant is gone at once.
        if (grant == null) return NoSuchClaim;
        var status = grant["status"] as JsonObject;
        // Only a grant the controller has processed is known to the server (Grants.put after checkGrant).
        if (status?["status"]?.GetValue<string>() != "Ready") return NoSuchClaim;
        if (!DateTime.TryParse(status["expirationTime"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var expires))
            return new Answer(500, "Corrupted claim\n");
        if (expires < DateTime.UtcNow) return NoSuchClaim;
        var allowed = grant["spec"]?["redemptionsAllowed"].AsLong() ?? 1;
        if (allowed <= (status["redemptions"].AsLong() ?? 0)) return new Answer(404, "No such access granted\n");
        if (status["code"]?.GetValue<string>() != code) return new Answer(403, "Redemption of access token refused\n");
        store.Update(catalog.AccessGrants!, ns, grantName, current =>
        {
            var s = (JsonObject)current["status"]!;
            s["redemptions"] = (s["redemptions"].AsLong() ?? 0) + 1;
            return current;
        }, statusSubresource: true, isPatch: true);

        if (name.Length == 0) name = grantName;
        if (subject.Length == 0) subject = name;
        var site = store.List(catalog.Sites!, ns, out _) is [var first, ..] ? first : null;
        var (cert, key) = ca.IssueClientCertificate(subject, []);
        string B64(string s) => Convert.ToBase64String(Encoding.ASCII.GetBytes(s));
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null, ["name"] = name },
            ["type"] = "kubernetes.io/tls",
            ["data"] = new JsonObject { ["ca.crt"] = B64(ca.CaPem), ["tls.crt"] = B64(cert), ["tls.key"] = B64(key) },
        };
        var link = new JsonObject
        {
            ["apiVersion"] = ApiCatalog.SkupperGroup + "/" + ApiCatalog.SkupperVersion,
            ["kind"] = "Link",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null, ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["endpoints"] = site?["status"]?["endpoints"]?.DeepClone() ?? new JsonArray(),
                ["tlsCredentials"] = name,
            },
            ["status"] = new JsonObject(),
        };
        // tokens.go writes each with Kubernetes' serializer (JSON through sigs.k8s.io/yaml): keys sorted, nulls kept.
        return new Answer(200, "---\n" + YamlText.Serialized(secret) + "---\n" + YamlText.Serialized(link));
    }

    private static readonly Answer NoSuchClaim = new(404, "No such claim\n");
}

/// <summary>How a redemption fails transiently (<see cref="ControllerSettings.FailRedemptions"/>).</summary>
public enum GrantFailure
{
    /// <summary>The grant server is not listening yet: the controller reports "connect: connection refused".</summary>
    ConnectionRefused,

    /// <summary>The grant server answers 503 "Internal error" (it could not count the redemption on the grant).</summary>
    Unavailable,
}
