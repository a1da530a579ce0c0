using Skupper.Cli.Sdk;
using YamlDotNet.Serialization;

namespace Fixture.YamlNew;

public sealed class Plugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar) =>
        registrar.Add(registrar.Group("yaml-new", "Fixture: YamlDotNet 18.1.0."), new ShowCommand());
}

/// <summary>Prints which YamlDotNet it loaded and uses it, so a test sees isolation at work.</summary>
public sealed class ShowCommand : ISkupperCommand
{
    public string Name => "show";
    public string Description => "Print the YamlDotNet version in use.";
    public IReadOnlyList<Platform> Platforms => PlatformSets.All;
    public void Configure(ICommandDeclaration command) { }

    public Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        var yaml = new SerializerBuilder().Build().Serialize(new { plugin = "yaml-new" });
        context.Output.Out.WriteLine($"YamlDotNet {typeof(Serializer).Assembly.GetName().Version} {yaml.Trim()}");
        return Task.FromResult(0);
    }
}
