using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Grant;

/// <summary>
/// The <c>grant</c> command group: a command group Skupper itself does not have, so that installing
/// this plugin never collides with a bundled one. The host finds this class (the one public
/// <see cref="ISkupperPlugin"/> in the assembly), creates it and calls <see cref="Register"/>.
/// </summary>
public sealed class GrantPlugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var grant = registrar.Group("grant", "Manage the access grants of a site: list them, delete them.");
        registrar.Add(grant, new GrantStatusCommand());
        registrar.Add(grant, new GrantDeleteCommand());
    }
}
