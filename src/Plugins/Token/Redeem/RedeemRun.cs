using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s.Models;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Plugins.Token.Redeem;

/// <summary>One run of <c>token redeem</c>: the token read and checked, what the before-hooks changed, and the link it made.</summary>
/// <param name="clock">Restarted once a token from standard input has arrived: <c>--timeout</c> is this command's own time.</param>
internal sealed class RedeemRun(Stopwatch clock, Platform platform, string @namespace, string path, AccessToken token, TimeSpan timeout,
    int cost)
{
    public Platform Platform { get; } = platform;
    public string Namespace { get; } = @namespace;

    /// <summary>The token file's full path, or "-" for standard input.</summary>
    public string Path { get; } = path;

    public AccessToken Token { get; } = token;
    public string Name => Token.Metadata.Name;
    public int Cost { get; set; } = cost;
    public Dictionary<string, string> Labels { get; } = Copy(token.Metadata.Labels);
    public Dictionary<string, string> Annotations { get; } = Copy(token.Metadata.Annotations);

    /// <summary>The link once Ready (Kubernetes).</summary>
    public Link? Link { get; set; }

    public TimeSpan Remaining => Deadline.Remaining(timeout, clock);

    public AccessToken NewAccessToken() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = Name,
            Labels = Labels.Count > 0 ? Labels : null,
            Annotations = Annotations.Count > 0 ? Annotations : null,
        },
        Spec = new AccessTokenSpec
        {
            Url = Token.Spec.Url,
            Code = Token.Spec.Code,
            Ca = Token.Spec.Ca,
            LinkCost = Cost,
            Settings = Token.Spec.Settings,
        },
    };

    public JsonObject BeforeHookContext()
    {
        var context = HookContext();
        context["labels"] = ToJson(Labels);
        context["annotations"] = ToJson(Annotations);
        return context;
    }

    public JsonObject AfterHookContext()
    {
        var context = HookContext();
        context["remoteSite"] = Link?.Status?.RemoteSiteName;
        return context;
    }

    /// <summary>
    /// What both redeem events tell hooks: where, which file, and the token itself (the hook service redacts the code from logs).
    /// </summary>
    private JsonObject HookContext() => new()
    {
        ["namespace"] = Namespace,
        ["file"] = Path,
        ["name"] = Name,
        ["url"] = Token.Spec.Url,
        ["code"] = Token.Spec.Code,
        ["ca"] = Token.Spec.Ca,
        ["linkCost"] = Cost,
    };

    private static Dictionary<string, string> Copy(IDictionary<string, string>? map) => map is { Count: > 0 } ? new(map) : [];

    private static JsonObject ToJson(Dictionary<string, string> map)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in map) obj[k] = v;
        return obj;
    }
}
