using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;

namespace Skupper.Plugins.Site.Generate;

/// <summary>
/// <c>site generate &lt;name&gt;</c>: prints a Site resource (YAML by default) without contacting a
/// cluster or reading a kubeconfig, ready for <c>kubectl apply -f -</c>.
/// </summary>
internal sealed class SiteGenerateCommand : SkupperCommand<SiteGenerateCommand.Run>
{
    public static readonly IReadOnlyList<string> Formats = ["yaml", "json"];

    internal sealed record Run(string Name, SiteChanges Changes, string Format, string? Namespace);

    private IArgumentValue _name = null!;
    private SiteSettingsOptions _settings = null!;
    private IOptionValue _output = null!;

    public override string Name => "generate";
    public override string Description => "Generate a Site resource.";
    public override IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public override void Configure(ICommandDeclaration command)
    {
        _name = SiteName.Add(command, required: true);
        _settings = SiteSettingsOptions.Add(command, update: false);
        _output = command.Option("-o|--output <FORMAT>", "Select the output format: yaml or json (default \"yaml\").", OptionArity.Single,
            ValueCompletion.OneOf([.. Formats]));
        SiteHelp.Declare(command, waitsFor: null,
            new HelpExample("Generate a Site resource and print it to the console", "site generate west --enable-link-access"),
            new HelpExample("Generate a Site resource and direct the output to a file", "site generate east > east.yaml"),
            new HelpExample("Generate a Site resource and apply it", "site generate east | kubectl apply -f -"));
    }

    protected override Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = SiteName.Read(_name, required: true, problems, $"{context.InvocationName} site generate <name>");
        var changes = _settings.Read(context.Platform, problems);
        var format = OptionValues.Choice(_output, Formats, problems) ?? "yaml";
        var ns = context.GivenNamespace;
        if (ns is not null && KubernetesNames.CheckSubdomain(ns) is { } rule) problems.Usage($"invalid namespace: {rule}");
        return Task.FromResult(problems.Any ? null : new Run(name!, changes, format, ns));
    }

    // The namespace only when -n gives one, as the Go CLI writes it; without, the resource goes wherever it is applied.
    protected override void Report(ICommandContext context, Run run) =>
        context.Output.WriteStructured(run.Changes.NewSite(run.Name, run.Namespace), run.Format);
}
