using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// Hands the parser only the commands a plugin owns (<see cref="PluginEntry.Commands"/>, decided by
/// <see cref="CommandOwnership"/>): one it registers that the host or another plugin owns is left out, so that it never
/// replaces, doubles or breaks the owner's, and the plugin's other commands are added as usual.
/// </summary>
public sealed class OwnedCommandsRegistrar(ICommandRegistrar parser, PluginEntry plugin) : ICommandRegistrar
{
    public string InvocationName => parser.InvocationName;

    public ICommandGroup Group(string name, string description) => parser.Group(name, description);

    public void Add(ICommandGroup parent, ISkupperCommand command)
    {
        if (plugin.Commands.Contains($"{parent.Name} {command.Name}")) parser.Add(parent, command);
    }
}
