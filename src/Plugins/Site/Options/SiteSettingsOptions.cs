using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Site.Options;

/// <summary>
/// The site settings a command was asked to set; null means "not given, leave as it is".
/// <see cref="LinkAccess"/> is a <c>spec.linkAccess</c> value: <c>none</c> turns link access off.
/// </summary>
internal sealed record SiteChanges(string? LinkAccess, bool? Ha)
{
    public bool IsEmpty => LinkAccess is null && Ha is null;

    /// <summary>A new Site resource with these settings (settings that are off are left out, as the Go CLI does).</summary>
    public SiteResource NewSite(string name, string? @namespace)
    {
        var site = new SiteResource();
        site.Metadata.Name = name;
        site.Metadata.NamespaceProperty = @namespace;
        if (LinkAccess is not null and not "none") site.Spec.LinkAccess = LinkAccess;
        if (Ha == true) site.Spec.Ha = true;
        return site;
    }

    /// <summary>A JSON merge patch that changes only the fields given.</summary>
    public JsonObject ToMergePatch()
    {
        var spec = new JsonObject();
        if (LinkAccess is not null) spec["linkAccess"] = LinkAccess;
        if (Ha is not null) spec["ha"] = Ha.Value;
        return new JsonObject { ["spec"] = spec };
    }
}

/// <summary>
/// <c>--enable-link-access[=false]</c>, <c>--disable-link-access</c> (update only),
/// <c>--link-access-type</c> and <c>--enable-ha[=false]</c>: declared and checked once for
/// <c>site create</c>, <c>site update</c> and <c>site generate</c>.
/// </summary>
internal sealed class SiteSettingsOptions
{
    public static readonly IReadOnlyList<string> LinkAccessTypes = ["default", "route", "loadbalancer"];

    private readonly IOption<bool> _enableLinkAccess;
    private readonly IOption<bool>? _disableLinkAccess;
    private readonly IOption<string?> _linkAccessType;
    private readonly IOption<bool> _enableHa;

    /// <param name="update">
    /// For <c>site update</c>: <c>--enable-link-access=false</c> and <c>--disable-link-access</c> turn link access off.
    /// </param>
    public SiteSettingsOptions(ICommandDeclaration command, bool update)
    {
        _enableLinkAccess = command.Option("--enable-link-access",
            "Allow external access for links from remote sites" + (update ? " (--enable-link-access=false turns it off)." : "."),
            Parsers.Boolean());
        _disableLinkAccess = update
            ? command.Option("--disable-link-access", "Turn off external access for links from remote sites.", Parsers.Switch())
            : null;
        // No parser default: without the option an update keeps the type the site has; a create's "default" is set in Read.
        _linkAccessType = command.Option("--link-access-type <TYPE>",
            $"How link access is provided: {OptionValues.Or(LinkAccessTypes)} (default \"default\"; needs --enable-link-access). " +
            "Kubernetes only.", Parsers.Choice(LinkAccessTypes));
        _enableHa = command.Option("--enable-ha", "Configure the site for high availability: two active routers. Kubernetes only.",
            Parsers.Boolean());
    }

    /// <summary>
    /// The changes asked for. <paramref name="existingHasLinkAccess"/> is whether the site being
    /// updated already has link access (so <c>--link-access-type</c> alone may change its type).
    /// </summary>
    public SiteChanges Read(Platform platform, Problems problems, bool existingHasLinkAccess = false)
    {
        var enable = _enableLinkAccess.GetIfGiven(problems);
        if (_disableLinkAccess?.HasValue() == true)
        {
            if (enable == true)
                problems.Usage("--enable-link-access and --disable-link-access contradict each other: give one of them");
            enable = false;
        }
        _linkAccessType.KubernetesOnly(platform, problems);
        _enableHa.KubernetesOnly(platform, problems);
        var type = _linkAccessType.Get(problems);
        if (_linkAccessType.HasValue())
        {
            if (enable == false)
                problems.Usage("--link-access-type cannot be used while turning link access off");
            else if (enable is null && !existingHasLinkAccess)
                problems.Usage("--link-access-type needs link access: add --enable-link-access");
        }
        var linkAccess = enable switch
        {
            true => type ?? "default",
            false => "none",
            null => type, // only reached with a type when the site already has link access
        };
        return new SiteChanges(linkAccess, _enableHa.GetIfGiven(problems));
    }
}

/// <summary>The <c>[name]</c> or <c>&lt;name&gt;</c> argument of every site command.</summary>
internal static class SiteName
{
    public static IArgumentValue Add(ICommandDeclaration cmd, bool required) => required
        ? cmd.Argument("name", "A name of your choice for the Skupper site.", required: true)
        : cmd.Argument("name", "The name of the site resource; by default the site in the current namespace.",
            values: ValueCompletion.NamesOfKind(SiteResource.Plural));

    /// <summary>The name given, checked against the DNS-1123 rules; null when omitted (a problem when required).</summary>
    public static string? Read(IArgumentValue argument, bool required, Problems problems, string usage)
    {
        var name = argument.Value;
        if (name is null)
        {
            if (required) problems.Usage($"a site name is required: {usage}");
            return null;
        }
        if (KubernetesNames.CheckSubdomain(name) is { } rule)
            problems.Usage($"invalid site name: {rule}");
        return name;
    }
}
