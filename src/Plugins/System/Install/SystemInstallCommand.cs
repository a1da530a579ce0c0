using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Engine;

namespace Skupper.Plugins.System.Install;

/// <summary>
/// <c>system install</c>: the engine's socket enabled and the system-controller container run, which reloads the sites of the
/// data home (internal/cmd/skupper/system/nonkube/system_install.go, internal/nonkube/bootstrap/install.go). Podman and
/// Docker only.
/// </summary>
internal sealed class SystemInstallCommand : SkupperCommand<IOption<string?>, SystemInstallCommand.Run>
{

    internal sealed record Run(string ReloadType)
    {
        public bool Created { get; set; }
    }

    public override string Name => "install";
    public override string Description => "Checks the local environment required for a non-kube site and starts the system controller";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override IOption<string?> Declare(ICommandDeclaration command)
    {
        var reloadType = command.Option("--reload-type <TYPE>", "Specify the type of reload to perform. Choices: manual, auto",
            Parsers.Choice(["manual", "auto"], "manual"));
        command.Example("Run the system controller on Podman, reloading sites when their input changes",
            "system install --platform podman --reload-type auto", "Platform podman is now configured for Skupper");
        return reloadType;
    }

    protected override Task<Run?> ValidateAsync(ICommandContext context, IOption<string?> reloadTypeOption, Problems problems,
        CancellationToken cancellationToken)
    {
        if (!NonKubernetes.Check(context, problems)) return Task.FromResult<Run?>(null);
        ContainerEngines.Check(context, "install", problems);
        var reloadType = reloadTypeOption.Get(problems);
        return Task.FromResult(problems.Any || reloadType is null ? null : new Run(reloadType));
    }

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        var controller = new SystemController(context);
        if (controller.EnableSocket() is { } unavailable) context.Output.Out.WriteLine(unavailable);
        run.Created = await controller.InstallAsync(run.ReloadType, steps, cancellationToken).ConfigureAwait(false);
    }

    protected override void Report(ICommandContext context, Run run) => context.Output.Out.WriteLine(run.Created
        ? $"Platform {context.Platform.Name()} is now configured for Skupper"
        : $"Warning: The system controller container \"{SystemController.ContainerName}\" is already running in " +
            $"{context.Platform.Name()}.");
}
