using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;

namespace Skupper.Plugins.Site.Generate;

/// <summary>
/// <c>site generate &lt;name&gt;</c>: prints a Site resource (YAML by default) without contacting a
/// cluster or reading a kubeconfig, ready for <c>kubectl apply -f -</c>.
/// </summary>
internal sealed class SiteGenerateCommand : SkupperCommand<SiteGenerateCommand.Options, SiteGenerateCommand.Run>
{
    public static readonly IReadOnlyList<string> Formats = ["yaml", "json"];

    internal sealed record Run(string Name, SiteChanges Changes, string Format, string? Namespace);

    internal sealed class Options(ICommandDeclaration command)
    {
        public IArgumentValue Name { get; } = SiteName.Add(command, required: true);
        public SiteSettingsOptions Settings { get; } = new(command, update: false);
        public OutputOptions Output { get; } = new(command, Formats, "yaml", "Select the output format: yaml or json.");
    }

    public override string Name => "generate";
    public override string Description => "Generate a Site resource.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    protected override Options Declare(ICommandDeclaration command)
    {
        command.Example("Generate a Site resource and print it to the console", "site generate west --enable-link-access")
            .Example("Generate a Site resource and direct the output to a file", "site generate east > east.yaml")
            .Example("Generate a Site resource and apply it", "site generate east | kubectl apply -f -");
        return new Options(command);
    }

    protected override Task<Run?> ValidateAsync(ICommandContext context, Options options, Problems problems,
        CancellationToken cancellationToken)
    {
        var name = SiteName.Read(options.Name, required: true, problems, $"{context.InvocationName} site generate <name>");
        var changes = options.Settings.Read(context.Platform, problems);
        var format = options.Output.Read(problems)?.Name ?? "yaml";
        var ns = context.GivenNamespace;
        if (ns is not null && KubernetesNames.CheckSubdomain(ns) is { } rule) problems.Usage($"invalid namespace: {rule}");
        return Task.FromResult(problems.Any ? null : new Run(name!, changes, format, ns));
    }

    // The namespace only when -n gives one, as the Go CLI writes it; without, the resource goes wherever it is applied.
    protected override void Report(ICommandContext context, Run run) =>
        context.Output.WriteStructured(run.Changes.NewSite(run.Name, run.Namespace), run.Format);
}
