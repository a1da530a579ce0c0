using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Resources;

namespace Skupper.Plugins.System.Apply;

/// <summary>
/// <c>system apply -f FILE|-</c>: each resource written to the namespace's input resources, replacing its earlier file
/// (internal/cmd/skupper/system/nonkube/system_apply.go). Files only; <c>system start</c> or <c>reload</c> uses them.
/// </summary>
internal sealed class SystemApplyCommand : SkupperCommand<InputSource, SystemApplyCommand.Run>
{
    internal sealed record Run(NamespaceHome Home, IReadOnlyList<InputResource> Resources);


    public override string Name => "apply";
    public override string Description => "Create or update resources using files or standard input.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override InputSource Declare(ICommandDeclaration command)
    {
        var input = new InputSource(command, Name);
        command
            .Example("Add a site and a listener to the default namespace", "system apply -f ~/my-site.yaml --platform podman", """
                Site "west" is applied: /home/me/.local/share/skupper/namespaces/default/input/resources/Site-west.yaml
                Listener "db" is applied: /home/me/.local/share/skupper/namespaces/default/input/resources/Listener-db.yaml
                """)
            .Example("Take a link generated elsewhere from standard input",
                $"{HelpExamples.Cli} link generate | {HelpExamples.Cli} system apply -f - --platform podman");
        return input;
    }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, InputSource input, Problems problems,
        CancellationToken cancellationToken)
    {
        if (!NonKubernetes.Check(context, problems)) return null;
        var resources = await input.ReadAsync(context, problems, cancellationToken).ConfigureAwait(false);
        return problems.Any ? null : new Run(NamespaceHome.Of(context), resources);
    }

    protected override Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(run.Home.InputResources);
        foreach (var resource in run.Resources)
            AtomicFile.Write(InputSource.PathOf(run.Home, resource), context.Output.Render(resource, "yaml"),
                InputKinds.HoldsSecret(resource.Kind) ? AtomicFile.Secret : AtomicFile.Ordinary);
        return Task.CompletedTask;
    }

    protected override void Report(ICommandContext context, Run run)
    {
        foreach (var resource in run.Resources)
        {
            var path = Printable.Path(InputSource.PathOf(run.Home, resource));
            context.Output.Out.WriteLine($"{resource.Kind} \"{resource.Name}\" is applied: {path}");
        }
    }
}
