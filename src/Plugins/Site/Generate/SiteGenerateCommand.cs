using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Options;

namespace Skupper.Plugins.Site.Generate;

/// <summary>
/// <c>site generate &lt;name&gt;</c>: prints a Site resource (YAML by default) without contacting a
/// cluster or reading a kubeconfig, ready for <c>kubectl apply -f -</c>.
/// </summary>
public sealed class SiteGenerateCommand : ISkupperCommand
{
    public static readonly IReadOnlyList<string> Formats = ["yaml", "json"];

    private IArgumentValue _name = null!;
    private SiteSettingsOptions _settings = null!;
    private IOptionValue _output = null!;

    public string Name => "generate";
    public string Description => "Generate a Site resource.";
    public IReadOnlyList<Platform> Platforms => PlatformSets.All;

    public void Configure(ICommandDeclaration command)
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

    public Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        var problems = new Problems();
        var name = SiteName.Read(_name, required: true, problems, $"{context.InvocationName} site generate <name>");
        var changes = _settings.Read(context.Platform, problems);
        var format = OptionValues.Choice(_output, Formats, problems) ?? "yaml";
        problems.ThrowIfAny();

        // No namespace: the resource goes wherever it is applied (kubectl apply -n ...).
        context.Output.WriteStructured(changes.NewSite(name!, null), format);
        return Task.FromResult(ExitCodes.Success);
    }
}
