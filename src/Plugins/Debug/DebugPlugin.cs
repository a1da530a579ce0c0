using Skupper.Cli.Sdk;
using Skupper.Plugins.Debug.Dump;

namespace Skupper.Plugins.Debug;

/// <summary>The <c>debug</c> command group: what a Skupper support request asks for.</summary>
public sealed class DebugPlugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var group = registrar.Group("debug", "Debug site details.");
        registrar.Add(group, new DebugDumpCommand());
    }
}
