using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Skupper.Sandbox;

/// <summary>
/// Finds who a request is, as kube-apiserver's authenticator union does
/// (kubernetes/kubernetes pkg/kubeapiserver/authenticator/config.go): the authenticators are tried in order
/// (front-proxy basic credentials, then the client certificate, then the bearer token) and the first that
/// recognises the request wins; one that fails (an unverifiable certificate, an unknown token) only hands
/// over to the next. Nothing recognised is 401, as with --anonymous-auth=false: the sandbox has no anonymous user.
/// </summary>
public sealed class Authenticator
{
    private static readonly ApiException Unauthorized = new(401, "Unauthorized", "Unauthorized");

    private readonly CertificateAuthority _ca;
    private readonly RbacRules _rbac;
    private readonly string _token;
    private readonly ConcurrentDictionary<string, UserIdentity> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Password, UserIdentity User)> _basic = new(StringComparer.Ordinal);

    internal Authenticator(CertificateAuthority ca, RbacRules rbac, string token)
    {
        _ca = ca;
        _rbac = rbac;
        _token = token;
    }

    /// <summary>Accepts another bearer token, as a line of kube-apiserver's --token-auth-file would
    /// (token, user, groups).</summary>
    public void AddToken(string token, string user, params string[] groups)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Contains(' ')) throw new ArgumentException("a bearer token is one non-empty word", nameof(token));
        if (token == _token) throw new ArgumentException("that is the sandbox's own token; it always authenticates as RbacRules.UserName", nameof(token));
        _tokens[token] = UserIdentity.Authenticated(user, groups);
    }

    /// <summary>
    /// Accepts HTTP basic credentials. kube-apiserver dropped --basic-auth-file in 1.19, so this models an
    /// authenticating front proxy in front of the API server; kubectl still sends a kubeconfig's username/password.
    /// </summary>
    public void AddBasicUser(string username, string password, params string[] groups) =>
        _basic[username] = (password, UserIdentity.Authenticated(username, groups));

    internal UserIdentity Authenticate(HttpContext ctx)
    {
        var authorization = ctx.Request.Headers.Authorization.ToString().Trim();
        var space = authorization.IndexOf(' ');
        var scheme = space < 0 ? authorization : authorization[..space];
        var credentials = space < 0 ? "" : authorization[(space + 1)..].Trim();

        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && Basic(credentials) is { } basicUser) return basicUser;
        if (ctx.Connection.ClientCertificate is { } cert && Certificate(cert) is { } certUser) return certUser;
        // staging/src/k8s.io/apiserver/pkg/authentication/request/bearertoken/bearertoken.go: "Bearer" in any case, one token.
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && credentials.Length > 0 && !credentials.Contains(' '))
        {
            if (credentials == _token) return UserIdentity.Authenticated(_rbac.UserName, []);
            if (_tokens.TryGetValue(credentials, out var tokenUser)) return tokenUser;
        }
        throw Unauthorized;
    }

    private UserIdentity? Basic(string encoded)
    {
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)); }
        catch (FormatException) { return null; }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return null;
        return _basic.TryGetValue(decoded[..colon], out var entry) && entry.Password == decoded[(colon + 1)..] ? entry.User : null;
    }

    // x509.go: verify against the client CA with the client-auth usage, then CommonNameUserConversion:
    // user = subject CN (no CN: not this authenticator's request), groups = subject O values in order.
    private UserIdentity? Certificate(X509Certificate2 cert)
    {
        if (!_ca.VerifiesClient(cert)) return null;
        string? commonName = null;
        var organizations = new List<string>();
        foreach (var rdn in cert.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements) continue;
            var value = rdn.GetSingleElementValue();
            if (value == null) continue;
            switch (rdn.GetSingleElementType().Value)
            {
                case "2.5.4.3": commonName = value; break; // Go's pkix.Name keeps the last CN
                case "2.5.4.10": organizations.Add(value); break;
            }
        }
        return string.IsNullOrEmpty(commonName) ? null : UserIdentity.Authenticated(commonName, organizations);
    }
}
