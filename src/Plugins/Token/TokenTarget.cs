using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Plugins.Token;

/// <summary>
/// The <c>NAME|FILE|-</c> of <c>token status</c> and <c>token revoke</c>: an access grant's name, or a token read
/// with the checks <c>token redeem</c> gives it (<see cref="TokenFile"/>), and the grant it came from.
/// </summary>
internal sealed record TokenTarget(string? GrantName, AccessToken? Token, string? Path)
{
    /// <summary>
    /// A path that exists, "-", or text that is no Kubernetes name is a token file; any other text is a grant's name
    /// where names are taken (<paramref name="names"/>), so that a file named like a grant is still read as a file.
    /// Problems are added, never thrown; null then.
    /// </summary>
    public static async Task<TokenTarget?> ReadAsync(IArgument<string?> argument, bool names, string usage, ICommandContext context,
        Problems problems, CancellationToken cancellationToken)
    {
        var text = argument.Value!;
        if (!IsToken(text, names)) return new TokenTarget(text, null, null);
        var path = argument.SingleFile("token file", usage, problems);
        if (path is null) return null;
        try
        {
            var token = path == Inputs.Standard
                ? await TokenFile.ReadAsync(context.Output, context.Input, cancellationToken).ConfigureAwait(false)
                : TokenFile.Read(context.Output, path);
            return new TokenTarget(null, token, path);
        }
        catch (SkupperException e)
        {
            problems.Failure(e.Message);
            return null;
        }
    }

    /// <summary>Whether <paramref name="text"/> is read as a token (a file or "-") rather than a grant's name.</summary>
    public static bool IsToken(string text, bool names) =>
        !names || text == Inputs.Standard || File.Exists(text) || Directory.Exists(text)
        || KubernetesNames.CheckSubdomain(text) is not null;

    /// <summary>
    /// The grant this target names, or the one whose <c>status.url</c> is the token's URL (what <c>token issue</c>
    /// and the Go CLI write into the token); null when the namespace holds none.
    /// </summary>
    public async Task<AccessGrant?> FindAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        var grants = context.Cluster.Resources<AccessGrant>();
        if (GrantName is not null) return await grants.GetAsync(GrantName, cancellationToken).ConfigureAwait(false);
        var all = await grants.ListAsync(cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(g => g.Status?.Url == Token!.Spec.Url);
    }

    /// <summary>
    /// The grant a token's URL names when it names one by namespace and name, as the grant server's redeem-by-key
    /// URLs do (<c>…/NAMESPACE/NAME</c>: skupperproject/skupper internal/kube/grants/grants.go, keyFromUrl); the
    /// name when that namespace is <paramref name="namespace"/>. A URL by UID (the default) tells no namespace.
    /// </summary>
    public string? KeyedGrantIn(string @namespace)
    {
        if (Token is null || !Uri.TryCreate(Token.Spec.Url, UriKind.Absolute, out var url)) return null;
        var segments = url.AbsolutePath.Trim('/').Split('/');
        return segments.Length >= 2 && segments[^2] == @namespace && segments[^1] == Token.Metadata.Name ? segments[^1] : null;
    }

    /// <summary>How messages name what was given: the grant, the file, or standard input.</summary>
    public string Described => GrantName is not null ? $"access grant \"{GrantName}\""
        : Path == Inputs.Standard ? "the token on standard input" : $"token file {Printable.Path(Path!)}";
}
