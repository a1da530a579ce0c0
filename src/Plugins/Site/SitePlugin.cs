using Skupper.Cli.Sdk;
using Skupper.Plugins.Site.Create;
using Skupper.Plugins.Site.Delete;
using Skupper.Plugins.Site.Generate;
using Skupper.Plugins.Site.Status;
using Skupper.Plugins.Site.Update;

namespace Skupper.Plugins.Site;

/// <summary>The <c>site</c> command group: create, update, delete, inspect and generate sites.</summary>
public sealed class SitePlugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var site = registrar.Group("site", "Manage the Skupper site in a namespace.");
        registrar.Add(site, new SiteCreateCommand());
        registrar.Add(site, new SiteUpdateCommand());
        registrar.Add(site, new SiteDeleteCommand());
        registrar.Add(site, new SiteStatusCommand());
        registrar.Add(site, new SiteGenerateCommand());
    }
}
