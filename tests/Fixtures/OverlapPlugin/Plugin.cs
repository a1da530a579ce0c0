using Skupper.Cli.Sdk;

namespace Fixture.Overlap;

/// <summary>
/// A plugin that repeats commands others provide, for the tests of command conflicts: the bundled <c>site status</c>, and
/// <c>overlap ping</c>, which every copy of it registers. It also adds <c>site backup</c> (a new command under a bundled
/// group) and <c>FOLDER hello</c> (a group named after the folder it is installed in, so that each copy has one command no
/// other plugin has). Every command prints what it is and which copy answered.
/// </summary>
public sealed class Plugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(typeof(Plugin).Assembly.Location))!;
        var site = registrar.Group("site", $"Site commands of overlap plugin {folder}.");
        registrar.Add(site, new Say("status", $"site status from {folder}"));
        registrar.Add(site, new Say("backup", $"site backup from {folder}"));
        var overlap = registrar.Group("overlap", "Commands every copy of the overlap plugin registers.");
        registrar.Add(overlap, new Say("ping", $"ping from {folder}"));
        registrar.Add(registrar.Group(folder, $"Overlap plugin {folder}."), new Say("hello", $"hello from {folder}"));
    }
}

public sealed class Say(string name, string text) : ISkupperCommand
{
    public string Name => name;
    public string Description => $"Print \"{text}\".";
    public IReadOnlyList<Platform> Platforms => PlatformSets.All;
    public void Configure(ICommandDeclaration command) { }

    public Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        context.Output.Out.WriteLine(text);
        return Task.FromResult(0);
    }
}
