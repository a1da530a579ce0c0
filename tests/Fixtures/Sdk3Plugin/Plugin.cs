using Skupper.Cli.Sdk;

namespace Fixture.Sdk3;

public sealed class Plugin : ISkupperPlugin
{
    public void Register(object registrar) { }
}
