using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Bootstrap;
using Skupper.Plugins.System.Engine;

namespace Skupper.Plugins.System.Stop;

/// <summary>
/// <c>system stop</c>: the router container (Podman, Docker) removed, and the namespace's folder with it
/// (internal/cmd/skupper/system/nonkube/system_stop.go, internal/nonkube/bootstrap/teardown.go). Refuses when the namespace
/// was started on another platform, which owns its router.
/// </summary>
internal sealed class SystemStopCommand : SkupperCommand<SystemStopCommand.Run>
{
    internal sealed record Run(NamespaceHome Home, Platform Platform);

    public override string Name => "stop";
    public override string Description => "Remove the Skupper components and resources from the current namespace";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command) =>
        command.Example("Stop the site of namespace \"west\" and remove its files", "system stop -n west --platform podman",
            "Namespace \"west\" has been removed");

    protected override Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        if (!NonKubernetes.Check(context, problems)) return Task.FromResult<Run?>(null);
        var home = NamespaceHome.Of(context);
        if (NamespacePlatform.Read(home) is not { } started)
            problems.Failure($"namespace \"{home.Namespace}\" is not started: no {Printable.Path(NamespacePlatform.FileOf(home))}");
        else NamespacePlatform.Check(context, home, started, "stop", problems);
        return Task.FromResult(problems.Any ? null : new Run(home, context.Platform));
    }

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        if (run.Platform is Platform.Podman or Platform.Docker)
            await new RouterContainer(context, run.Home, null).RemoveAsync(cancellationToken).ConfigureAwait(false);
        new Systemd(run.Home, run.Platform.Name(), "").Remove();
        Directory.Delete(run.Home.Root, recursive: true);
    }

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine($"Namespace \"{run.Home.Namespace}\" has been removed");
}
