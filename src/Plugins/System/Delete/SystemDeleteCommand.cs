using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Resources;

namespace Skupper.Plugins.System.Delete;

/// <summary>
/// <c>system delete -f FILE|-</c>: the input resource file of each resource the file names is removed
/// (internal/cmd/skupper/system/nonkube/system_delete.go). A running site keeps running until <c>system reload</c>.
/// </summary>
internal sealed class SystemDeleteCommand : SkupperCommand<InputSource, SystemDeleteCommand.Run>
{
    internal sealed record Run(NamespaceHome Home, IReadOnlyList<InputResource> Resources);


    public override string Name => "delete";
    public override string Description => "Delete resources using files or standard input.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override InputSource Declare(ICommandDeclaration command)
    {
        var input = new InputSource(command, Name);
        command.Example("Remove the resources a file names from the default namespace", "system delete -f ~/my-site.yaml --platform podman",
            "Site \"west\" is deleted: /home/me/.local/share/skupper/namespaces/default/input/resources/Site-west.yaml");
        return input;
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, InputSource input, Problems problems,
        CancellationToken cancellationToken)
    {
        if (!NonKubernetes.Check(context, problems)) return null;
        var resources = await input.ReadAsync(context, problems, cancellationToken).ConfigureAwait(false);
        if (problems.Any) return null;
        var home = NamespaceHome.Of(context);
        // All named resources must be there, or nothing is deleted: a typo should not half-apply the file.
        foreach (var missing in resources.Where(r => !File.Exists(InputSource.PathOf(home, r))))
            problems.Failure($"{missing.Kind} \"{missing.Name}\" is not an input resource of namespace \"{home.Namespace}\": " +
                             $"no file {Printable.Path(InputSource.PathOf(home, missing))}");
        return problems.Any ? null : new Run(home, resources);
    }

    protected override Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        foreach (var resource in run.Resources) File.Delete(InputSource.PathOf(run.Home, resource));
        return Task.CompletedTask;
    }

    protected override void Report(ICommandContext context, Run run)
    {
        foreach (var resource in run.Resources)
        {
            var path = Printable.Path(InputSource.PathOf(run.Home, resource));
            context.Output.Out.WriteLine($"{resource.Kind} \"{resource.Name}\" is deleted: {path}");
        }
    }
}
