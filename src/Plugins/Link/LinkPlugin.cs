using Skupper.Cli.Sdk;
using Skupper.Plugins.Link.Delete;
using Skupper.Plugins.Link.Generate;
using Skupper.Plugins.Link.Status;
using Skupper.Plugins.Link.Update;

namespace Skupper.Plugins.Link;

/// <summary>
/// The <c>link</c> command group: the links this site has made to others (with <c>token redeem</c>),
/// and <c>link generate</c>, a link to this site for another to apply.
/// </summary>
public sealed class LinkPlugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var link = registrar.Group("link", "Manage the links from this site to remote sites.");
        registrar.Add(link, new LinkGenerateCommand());
        registrar.Add(link, new LinkUpdateCommand());
        registrar.Add(link, new LinkDeleteCommand());
        registrar.Add(link, new LinkStatusCommand());
    }
}
