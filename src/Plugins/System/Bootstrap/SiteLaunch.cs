using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Engine;

namespace Skupper.Plugins.System.Bootstrap;

/// <summary>
/// What <c>system start</c> and <c>system reload</c> both do once the input is loaded (internal/nonkube/compat and linux
/// site_state_renderer.go, Render): render the runtime files, create and start the router container on Podman and Docker,
/// then write the systemd unit (createSystemdService). What it makes is added to <paramref name="steps"/>' undo.
/// </summary>
internal static class SiteLaunch
{
    public static async Task<(SiteBootstrap Bootstrap, RouterContainer? Container)> RunAsync(ICommandContext context, NamespaceHome home,
        SiteState state, CommandSteps steps, CancellationToken cancellationToken)
    {
        var platform = context.Platform;
        var bootstrap = new SiteBootstrap(home, state, platform.Name(), Versions.Skupper);
        bootstrap.Render(context.Output);
        RouterContainer? container = null;
        if (platform is Platform.Podman or Platform.Docker)
        {
            container = new RouterContainer(context, home, state);
            await container.StartAsync(bootstrap, steps, cancellationToken).ConfigureAwait(false);
        }
        var systemd = new Systemd(home, platform.Name(), state.SiteId);
        if (Systemd.IsRunning)
            steps.Undo.Add($"the unit {systemd.ServiceName}", _ =>
            {
                systemd.Remove();
                return Task.CompletedTask;
            }, $"Remove it with \"systemctl --user disable --now {systemd.ServiceName}\" (without --user as root).");
        if (systemd.Install() is { } unavailable) context.Output.Out.WriteLine(unavailable);
        return (bootstrap, container);
    }

    /// <summary>
    /// The input resources; AccessTokens are refused until their redemption is in the SDK's toolkit (the exchange is the
    /// token plugin's, and plugins do not reference each other): <c>token redeem</c> does it now.
    /// </summary>
    public static SiteState? Load(ICommandContext context, NamespaceHome home, string verb, Problems problems)
    {
        var state = SiteState.Load(home, context.Output, problems);
        if (state is { AccessTokens.Count: > 0 })
            problems.Failure($"namespace \"{home.Namespace}\" holds AccessTokens, which system {verb} does not redeem yet",
                hint: $"Redeem them with \"{context.InvocationName} token redeem FILE --platform {context.Platform.Name()}\".");
        return state;
    }

    /// <summary>What the Go CLI prints after a start or reload (internal/nonkube/bootstrap/bootstrap.go, PostBootstrap).</summary>
    public static void Report(ICommandContext context, NamespaceHome home, SiteState state)
    {
        var o = context.Output.Out;
        o.WriteLine($"Site \"{state.Site.Name}\" has been created on namespace \"{home.Namespace}\"");
        o.WriteLine($"Platform: {context.Platform.Name()}");
        if (Directory.Exists(home.RuntimeLinks) && Directory.EnumerateFiles(home.RuntimeLinks).Any())
            o.WriteLine($"Static links have been defined at: {Printable.Path(home.RuntimeLinks)}");
        o.WriteLine($"Definition is available at: {Printable.Path(home.InputResources)}");
    }
}
