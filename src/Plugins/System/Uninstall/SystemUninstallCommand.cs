using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Bootstrap;
using Skupper.Plugins.System.Engine;
using Skupper.Plugins.System.Install;

namespace Skupper.Plugins.System.Uninstall;

/// <summary>
/// <c>system uninstall</c>: the system-controller container removed and the engine's socket disabled
/// (internal/cmd/skupper/system/nonkube/system_uninstall.go, internal/nonkube/bootstrap/uninstall.go). Refuses while a
/// namespace has a runtime, unless <c>--force</c>, which removes every namespace first.
/// </summary>
internal sealed class SystemUninstallCommand : SkupperCommand<IOption<bool>, SystemUninstallCommand.Run>
{

    internal sealed record Run(bool Force, IReadOnlyList<string> Namespaces);

    public override string Name => "uninstall";
    public override string Description => "Remove local system infrastructure";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override IOption<bool> Declare(ICommandDeclaration command)
    {
        var force = command.Option("-f|--force", "all existing sites (active or not) will be deleted", Parsers.Boolean());
        command.Example("Remove the system controller, and every site of the data home with it",
            "system uninstall --platform podman --force", "Platform podman infrastructure for Skupper is now uninstalled");
        return force;
    }

    protected override Task<Run?> ValidateAsync(ICommandContext context, IOption<bool> force, Problems problems,
        CancellationToken cancellationToken)
    {
        if (!NonKubernetes.Check(context, problems)) return Task.FromResult<Run?>(null);
        ContainerEngines.Check(context, "uninstall", problems);
        var forced = force.Get(problems);
        var namespaces = Path.Combine(context.DataHome, "namespaces");
        var all = Directory.Exists(namespaces) ? Directory.GetDirectories(namespaces).Order(StringComparer.Ordinal).ToList() : [];
        var active = all.Where(d => Directory.Exists(Path.Combine(d, "runtime"))).Select(Path.GetFileName).ToList();
        if (!forced && active.Count > 0)
            problems.Failure("Uninstallation halted: Active sites detected. Use --force flag to stop and remove active sites",
                hint: $"Active: {string.Join(", ", active)}. Stop each with \"{context.InvocationName} system stop -n NAMESPACE\".");
        return Task.FromResult(problems.Any ? null : new Run(forced, forced ? all : []));
    }

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        foreach (var folder in run.Namespaces)
        {
            var home = new NamespaceHome(context.DataHome, Path.GetFileName(folder));
            if (Directory.Exists(home.Runtime))
            {
                context.Output.Out.WriteLine($"Removing active site namespace \"{home.Namespace}\"");
                await new RouterContainer(context, home, null).RemoveAsync(cancellationToken).ConfigureAwait(false);
                new Systemd(home, NamespacePlatform.Read(home) ?? context.Platform.Name(), "").Remove();
            }
            Directory.Delete(folder, recursive: true);
            context.Output.Out.WriteLine($"Namespace \"{home.Namespace}\" has been removed");
        }
        await new SystemController(context).UninstallAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine($"Platform {context.Platform.Name()} infrastructure for Skupper is now uninstalled");
}
