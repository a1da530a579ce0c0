using Skupper.Cli.Sdk;
using Skupper.Plugins.Expose.Create;
using Skupper.Plugins.Expose.Delete;
using Skupper.Plugins.Expose.Generate;
using Skupper.Plugins.Expose.Status;
using Skupper.Plugins.Expose.Update;

namespace Skupper.Plugins.Expose;

/// <summary>
/// The <c>listener</c> and <c>connector</c> command groups: exposing a service across the network.
/// One plugin for both, because they are one thing seen from its two ends (Skupper's own code calls
/// both "bindings"): the same commands, options and stores, told apart by <see cref="BindingKind"/>.
/// </summary>
public sealed class ExposePlugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        foreach (var kind in new BindingKind[] { new ListenerKind(), new ConnectorKind() })
        {
            var group = registrar.Group(kind.Name, kind.GroupDescription);
            registrar.Add(group, new BindingCreateCommand(kind));
            registrar.Add(group, new BindingUpdateCommand(kind));
            registrar.Add(group, new BindingDeleteCommand(kind));
            registrar.Add(group, new BindingStatusCommand(kind));
            registrar.Add(group, new BindingGenerateCommand(kind));
        }
    }
}
