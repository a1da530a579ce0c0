using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Bootstrap;

namespace Skupper.Plugins.System.Engine;

/// <summary>
/// The system-controller container, which reloads sites from the data home (internal/nonkube/bootstrap/install.go and
/// uninstall.go): <c>&lt;user&gt;-skupper-controller</c> with the engine's socket at <c>/var/run/&lt;platform&gt;.sock</c> and the data
/// home at <c>/output</c>, and the engine's socket unit enabled where systemd runs (common/systemd.go, systemdGlobal).
/// </summary>
internal sealed class SystemController(ICommandContext context)
{
    public const string DefaultImage = "quay.io/skupper/system-controller:main";

    public static string ImageName =>
        Environment.GetEnvironmentVariable("SKUPPER_SYSTEM_CONTROLLER_IMAGE") is { Length: > 0 } image ? image : DefaultImage;

    public static string ContainerName => $"{Environment.UserName}-skupper-controller";

    private string Platform => context.Platform.Name();

    /// <summary>Enables and starts the engine's socket; where systemd does not run, the line that says so.</summary>
    public string? EnableSocket()
    {
        if (!Systemd.IsRunning)
            return $"systemd is not running here: {Socket} was not enabled; the engine's API must answer at " +
                EngineClient.DefaultEndpoint(context.Platform);
        Systemd.Systemctl(true, "enable", Socket);
        Systemd.Systemctl(true, "start", Socket);
        return null;
    }

    /// <summary>As Go: root enables the platform's socket, a user Podman's.</summary>
    private string Socket => Environment.IsPrivilegedProcess ? $"{Platform}.socket" : "podman.socket";

    /// <summary>Creates and starts the controller; false when it already runs (Go warns and stops there).</summary>
    public async Task<bool> InstallAsync(string reloadType, CommandSteps steps, CancellationToken cancellationToken)
    {
        var endpoint = EngineClient.DefaultEndpoint(context.Platform);
        using var engine = new EngineClient(endpoint);
        await engine.VersionAsync(cancellationToken).ConfigureAwait(false);
        if (await engine.InspectAsync(ContainerName, cancellationToken).ConfigureAwait(false) is { } existing &&
            existing["State"]?["Running"]?.GetValue<bool>() == true) return false;
        if (!await engine.ImageExistsAsync(ImageName, cancellationToken).ConfigureAwait(false))
            await engine.PullAsync(ImageName, cancellationToken).ConfigureAwait(false);
        var socket = endpoint.StartsWith("unix://", StringComparison.Ordinal) ? endpoint["unix://".Length..] : endpoint;
        await engine.CreateAsync(ContainerName, new JsonObject
        {
            ["Image"] = ImageName,
            ["Env"] = new JsonArray($"CONTAINER_ENDPOINT=unix:///var/run/{Platform}.sock", $"SKUPPER_OUTPUT_PATH={context.DataHome}",
                $"CONTAINER_ENGINE={Platform}", $"SKUPPER_SYSTEM_RELOAD_TYPE={reloadType}"),
            // "--security-opt label=disable", as Go's annotation io.podman.annotations.label asks for.
            ["HostConfig"] = new JsonObject
            {
                ["Binds"] = new JsonArray($"{socket}:/var/run/{Platform}.sock:z", $"{context.DataHome}:/output:z"),
                ["SecurityOpt"] = new JsonArray("label=disable"),
            },
        }, cancellationToken).ConfigureAwait(false);
        steps.Undo.Add($"the container {ContainerName}", async ct =>
        {
            using var again = new EngineClient(endpoint);
            await again.RemoveAsync(ContainerName, ct).ConfigureAwait(false);
        }, $"Remove it with \"{Platform} rm -f {ContainerName}\".");
        await engine.StartAsync(ContainerName, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Removes the controller container, then disables the socket where systemd runs (Uninstall).</summary>
    public async Task UninstallAsync(CancellationToken cancellationToken)
    {
        using var engine = new EngineClient(EngineClient.DefaultEndpoint(context.Platform));
        await engine.RemoveAsync(ContainerName, cancellationToken).ConfigureAwait(false);
        if (!Systemd.IsRunning) return;
        Systemd.Systemctl(false, "stop", Socket);
        Systemd.Systemctl(false, "disable", Socket);
    }
}
