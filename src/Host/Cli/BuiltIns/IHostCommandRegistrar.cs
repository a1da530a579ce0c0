using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Cli;

/// <summary>
/// The host's registrar for its own commands (<see cref="BuiltInCommands"/>): a plugin's registrar, and a top-level
/// command with no group (<c>version</c>), which only the host may add and so stays out of the SDK.
/// </summary>
internal interface IHostCommandRegistrar : ICommandRegistrar
{
    /// <summary>Adds <paramref name="command"/> at the top level, next to the groups.</summary>
    void Add(ISkupperCommand command);
}
