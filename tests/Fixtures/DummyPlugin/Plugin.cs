using McMaster.Extensions.CommandLineUtils;
using Skupper.Cli.Sdk;

namespace Fixture.Dummy;

/// <summary>
/// A plugin that names its group after the folder it is installed in, so that many copies
/// give many distinct plugins (for start-up benchmarks and index tests).
/// </summary>
public sealed class Plugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(typeof(Plugin).Assembly.Location))!;
        registrar.Add(registrar.Group(folder, $"Dummy plugin {folder}."), new HelloCommand());
    }
}

public sealed class HelloCommand : ISkupperCommand
{
    public string Name => "hello";
    public string Description => "Say hello.";
    public IReadOnlyList<Platform> Platforms => Skupper.Cli.Sdk.Platforms.All;
    public void Configure(CommandLineApplication command) { }

    public Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        context.Output.Out.WriteLine("hello");
        return Task.FromResult(0);
    }
}
