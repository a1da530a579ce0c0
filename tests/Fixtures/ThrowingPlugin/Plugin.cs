using Skupper.Cli.Sdk;

namespace Fixture.Throwing;

public sealed class Plugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar) =>
        throw new InvalidOperationException("fixture refuses to register");
}
