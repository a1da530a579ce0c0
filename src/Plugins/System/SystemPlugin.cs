using Skupper.Cli.Sdk;
using Skupper.Plugins.System.Apply;
using Skupper.Plugins.System.Delete;
using Skupper.Plugins.System.GenerateBundle;
using Skupper.Plugins.System.Install;
using Skupper.Plugins.System.Reload;
using Skupper.Plugins.System.Start;
using Skupper.Plugins.System.Stop;
using Skupper.Plugins.System.Uninstall;

namespace Skupper.Plugins.System;

/// <summary>
/// The <c>system</c> command group: on Docker, Podman and Linux, the input resources under the data home made into a
/// running site and taken down again (skupperproject/skupper internal/cmd/skupper/system). On Kubernetes the
/// controller does that, and every command refuses.
/// </summary>
public sealed class SystemPlugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var system = registrar.Group("system", "Run a site on Docker, Podman or Linux from the resources in the data home.");
        registrar.Add(system, new SystemApplyCommand());
        registrar.Add(system, new SystemDeleteCommand());
        registrar.Add(system, new SystemStartCommand());
        registrar.Add(system, new SystemStopCommand());
        registrar.Add(system, new SystemReloadCommand());
        registrar.Add(system, new SystemGenerateBundleCommand());
        registrar.Add(system, new SystemInstallCommand());
        registrar.Add(system, new SystemUninstallCommand());
    }
}
