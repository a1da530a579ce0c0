using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Bootstrap;

namespace Skupper.Plugins.System.Reload;

/// <summary>
/// <c>system reload</c>: the namespace's site rendered again from its input resources, keeping its site id
/// (internal/cmd/skupper/system/nonkube/system_reload.go; internal/nonkube/compat/site_state_renderer.go and
/// linux/site_state_renderer.go, Render with reload). The namespace is backed up and its router containers renamed to
/// <c>&lt;name&gt;-backup</c> first; when anything fails, the files, containers and unit are put back as they were.
/// A namespace never started is started, as Go's reload then does.
/// </summary>
internal sealed class SystemReloadCommand : SkupperCommand<SystemReloadCommand.Run>
{
    internal sealed record Run(NamespaceHome Home, SiteState State, bool Started);

    public override string Name => "reload";
    public override string Description => "Forces to overwrite an existing namespace based on input/resources";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command) =>
        command.Example("Render the site of namespace \"west\" again after changing its input resources",
            "system reload -n west --platform podman", $"Sources will be consumed from namespace \"west\"\n{SiteLaunch.ExampleReport}");

    protected override Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        if (!NonKubernetes.Check(context, problems)) return Task.FromResult<Run?>(null);
        var home = NamespaceHome.Of(context);
        var started = NamespacePlatform.Read(home);
        if (started is null && Directory.Exists(home.RuntimeResources))
            problems.Failure($"unable to determine current platform used in namespace \"{home.Namespace}\"",
                hint: $"Stop it with \"{context.InvocationName} system stop -n {home.Namespace}\" and start it again.");
        else if (started is not null) NamespacePlatform.Check(context, home, started, "reload", problems);
        if (problems.Any) return Task.FromResult<Run?>(null);
        var state = SiteState.Load(home, context.Output, problems);
        if (started is not null && state is not null)
        {
            // The site id of the running router stays (loadExistingSiteId): links and the containers' labels refer to it.
            if (RouterConfig.SiteId(Path.Combine(home.RouterConfig, "skrouterd.json")) is { } siteId) state.SiteId = siteId;
            else problems.Failure($"no site id in {Printable.Path(Path.Combine(home.RouterConfig, "skrouterd.json"))}",
                hint: $"Stop the namespace with \"{context.InvocationName} system stop -n {home.Namespace}\" and start it again.");
        }
        return Task.FromResult(problems.Any || state is null ? null : new Run(home, state, started is not null));
    }

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        context.Output.Out.WriteLine($"Sources will be consumed from namespace \"{run.Home.Namespace}\"");
        var previous = new PreviousRuntime(context, run.Home, run.State.SiteId);
        if (run.Started)
        {
            var backup = NamespaceBackup.Take(run.Home);
            // Added first, so it runs last: after the new container and unit are gone, the old ones come back.
            steps.Undo.Add($"what the reload of namespace \"{run.Home.Namespace}\" wrote (the previous runtime is back)",
                ct => previous.RestoreAsync(backup, ct),
                $"Put the containers named *-backup back with \"{context.Platform.Name()} rename\" and start them.");
            await previous.SetAsideAsync(cancellationToken).ConfigureAwait(false);
            backup.ClearForReload();
        }
        await SiteLaunch.RunAsync(context, run.Home, run.State, steps, cancellationToken).ConfigureAwait(false);
        steps.Undo.Keep();
        await previous.RemoveAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override void Report(ICommandContext context, Run run) => SiteLaunch.Report(context, run.Home, run.State);
}
