using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Link;

/// <summary>
/// The <c>link</c> command group. The host finds this class (the one public
/// <see cref="ISkupperPlugin"/> in the assembly), creates it and calls <see cref="Register"/>.
/// </summary>
public sealed class LinkPlugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var link = registrar.Group("link", "Manage the links of a site.");
        registrar.Add(link, new LinkStatusCommand());
        registrar.Add(link, new LinkDeleteCommand());
    }
}
