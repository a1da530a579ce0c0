using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Site;

/// <summary>The <c>site</c> command group: create, update, delete, inspect and generate sites.</summary>
public sealed class SitePlugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        registrar.Group("site", "Manage the Skupper site in a namespace.");
    }
}
