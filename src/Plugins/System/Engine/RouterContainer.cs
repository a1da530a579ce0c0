using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Bootstrap;

namespace Skupper.Plugins.System.Engine;

/// <summary>
/// The router container of a namespace on Podman or Docker, as internal/nonkube/compat/site_state_renderer.go
/// (prepareContainers) and internal/nonkube/client/compat/container.go (ToSpecGenerator) make it: host network, restart
/// always, the user's uid:gid, the router config and certificates bound with <c>:z</c>, labelled with the site id.
/// </summary>
internal sealed class RouterContainer(ICommandContext context, NamespaceHome home, SiteState? state)
{
    public const string DefaultImage = "quay.io/skupper/skupper-router:main";
    public const string ApplicationLabel = "application=skupper-v2";

    public string ContainerName => $"{home.Namespace}-skupper-router";

    private string SiteId => state?.SiteId ?? throw new InvalidOperationException("no site to make a container for");

    public static string ImageName =>
        Environment.GetEnvironmentVariable("SKUPPER_ROUTER_IMAGE") is { Length: > 0 } image ? image : DefaultImage;

    public async Task StartAsync(SiteBootstrap bootstrap, CommandSteps steps, CancellationToken cancellationToken)
    {
        using var engine = new EngineClient(EngineClient.DefaultEndpoint(context.Platform));
        var (kind, _) = await engine.VersionAsync(cancellationToken).ConfigureAwait(false);
        if (await engine.InspectAsync(ContainerName, cancellationToken).ConfigureAwait(false) is not null)
            throw new SkupperException($"a container named {ContainerName} already exists; remove it or stop the namespace first");
        // Go pulls every time; an image already present is used as it is, so that a site starts without a registry.
        if (!await engine.ImageExistsAsync(ImageName, cancellationToken).ConfigureAwait(false))
            await engine.PullAsync(ImageName, cancellationToken).ConfigureAwait(false);
        await engine.CreateAsync(ContainerName, Spec(kind, bootstrap), cancellationToken).ConfigureAwait(false);
        steps.Undo.Add($"the container {ContainerName}", async ct =>
        {
            using var again = new EngineClient(engine.Endpoint);
            await again.RemoveAsync(ContainerName, ct).ConfigureAwait(false);
        }, $"Remove it with \"{context.Platform.Name()} rm -f {ContainerName}\".");
        await engine.StartAsync(ContainerName, cancellationToken).ConfigureAwait(false);
    }

    private JsonObject Spec(string engine, SiteBootstrap bootstrap)
    {
        var user = engine == "docker" ? "0:0" : $"{Posix.Uid}:{Posix.Gid}";
        return new JsonObject
        {
            ["Image"] = ImageName,
            ["User"] = user,
            ["Env"] = new JsonArray(
                "APPLICATION_NAME=skupper-router",
                "QDROUTERD_CONF=/etc/skupper-router/config/skrouterd.json",
                "QDROUTERD_CONF_TYPE=json",
                $"SKUPPER_SITE_ID={SiteId}",
                "SSL_PROFILE_BASE_PATH=/etc/skupper-router"),
            ["Labels"] = new JsonObject
            {
                ["application"] = "skupper-v2", ["skupper.io/v2-component"] = "router", ["skupper.io/site-id"] = SiteId,
            },
            ["HostConfig"] = new JsonObject
            {
                ["NetworkMode"] = "host",
                ["RestartPolicy"] = new JsonObject { ["Name"] = "always" },
                ["Binds"] = new JsonArray(
                    $"{home.RouterConfig}:/etc/skupper-router/config:z",
                    $"{home.Certificates}:/etc/skupper-router/runtime/certs:z"),
            },
        };
    }

    /// <summary>Removes the namespace's router container; false when there was none.</summary>
    public async Task<bool> RemoveAsync(CancellationToken cancellationToken)
    {
        using var engine = new EngineClient(EngineClient.DefaultEndpoint(context.Platform));
        if (await engine.InspectAsync(ContainerName, cancellationToken).ConfigureAwait(false) is null) return false;
        await engine.RemoveAsync(ContainerName, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
