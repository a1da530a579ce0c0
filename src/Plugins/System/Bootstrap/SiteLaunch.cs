using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Resources;
using Skupper.Cli.Sdk.Models;
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
        await RedeemAsync(context, state, cancellationToken).ConfigureAwait(false);
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
    /// Claims each AccessToken of the input from its grant server for the site's name, and adds the Secret and Links it
    /// answers to the site being started, as Go's RedeemClaims does (internal/nonkube/common/claim_redeemer.go): into the
    /// runtime, not the input, so a reload claims the token again, as Go's does (compat/site_state_renderer.go, Render), and
    /// a token allowed one redemption then fails it. Nothing is rendered until every token is redeemed.
    /// </summary>
    private static async Task RedeemAsync(ICommandContext context, SiteState state, CancellationToken cancellationToken)
    {
        foreach (var token in state.AccessTokens)
        {
            var answer = await AccessTokenExchange.ClaimAsync(token, state.Site.Name, cancellationToken).ConfigureAwait(false);
            var what = $"the grant server's answer to AccessToken \"{token.Name}\"";
            IReadOnlyList<JsonNode?> documents;
            try { documents = context.Output.ParseDocuments(answer); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new SkupperException($"{what} is not YAML: {Printable.Escape(e.Message.Split('\n')[0])}");
            }
            foreach (var document in documents.OfType<JsonObject>())
            {
                var name = document["metadata"]?["name"]?.GetValue<string>() ?? "";
                // The name becomes part of a file name under runtime/resources.
                if (KubernetesNames.CheckSubdomain(name) is { } rule)
                    throw new SkupperException($"{what} names a resource \"{Printable.Escape(name)}\", which is not valid: {rule}");
                switch (document["kind"]?.GetValue<string>())
                {
                    case "Secret": state.Secrets.Add(Parse<InputResource>(context, document, state)); break;
                    case "Link": state.Links.Add(Parse<Link>(context, document, state)); break;
                }
            }
        }
    }

    private static T Parse<T>(ICommandContext context, JsonObject document, SiteState state) where T : SkupperResource
    {
        var resource = context.Output.Parse<T>(document.ToJsonString())!;
        resource.Metadata.NamespaceProperty = state.Namespace;
        return resource;
    }

    /// <summary>What <see cref="Report"/> prints for namespace "west" on Podman: the help of start and reload shows it.</summary>
    public const string ExampleReport = """
        Site "west" has been created on namespace "west"
        Platform: podman
        Definition is available at: /home/me/.local/share/skupper/namespaces/west/input/resources
        """;

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
