using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Bootstrap;
using Skupper.Plugins.System.Engine;

namespace Skupper.Plugins.System.Reload;

/// <summary>
/// What ran the site before a reload: on Podman and Docker the containers labelled with its site id, stopped and renamed to
/// <c>&lt;name&gt;-backup</c> while the new ones are made (compat/site_state_renderer.go, cleanupExistingNamespace); on linux
/// its systemd unit (linux/site_state_renderer.go, removeSystemdService). Put back when the reload fails, removed when it
/// succeeds.
/// </summary>
internal sealed class PreviousRuntime(ICommandContext context, NamespaceHome home, string siteId)
{
    private readonly List<string> _containers = [];

    private bool Containers => context.Platform is Platform.Podman or Platform.Docker;

    private static string Backup(string name) => $"{name}-backup";

    public async Task SetAsideAsync(CancellationToken cancellationToken)
    {
        if (!Containers)
        {
            new Systemd(home, context.Platform.Name(), siteId).Remove();
            return;
        }
        using var engine = new EngineClient(EngineClient.DefaultEndpoint(context.Platform));
        foreach (var container in await engine.ListAsync($"skupper.io/site-id={siteId}", cancellationToken).ConfigureAwait(false))
        {
            var name = container?["Names"]?.AsArray().FirstOrDefault()?.GetValue<string>().TrimStart('/');
            if (string.IsNullOrEmpty(name)) continue;
            await engine.StopAsync(name, cancellationToken).ConfigureAwait(false);
            // Recorded before the rename: a container stopped but not renamed is started again all the same.
            _containers.Add(name);
            await engine.RenameAsync(name, Backup(name), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The files as they were, then the containers under their names again and started, or the unit again.</summary>
    public async Task RestoreAsync(NamespaceBackup backup, CancellationToken cancellationToken)
    {
        backup.Restore();
        if (!Containers)
        {
            new Systemd(home, context.Platform.Name(), siteId).Install();
            return;
        }
        using var engine = new EngineClient(EngineClient.DefaultEndpoint(context.Platform));
        foreach (var name in _containers)
        {
            if (await engine.InspectAsync(Backup(name), cancellationToken).ConfigureAwait(false) is not null)
                await engine.RenameAsync(Backup(name), name, cancellationToken).ConfigureAwait(false);
            await engine.StartAsync(name, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The renamed containers, once the new ones run.</summary>
    public async Task RemoveAsync(CancellationToken cancellationToken)
    {
        if (_containers.Count == 0) return;
        using var engine = new EngineClient(EngineClient.DefaultEndpoint(context.Platform));
        foreach (var name in _containers) await engine.RemoveAsync(Backup(name), cancellationToken).ConfigureAwait(false);
    }
}
