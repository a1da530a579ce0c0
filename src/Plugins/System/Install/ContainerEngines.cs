using Skupper.Cli.Sdk;

namespace Skupper.Plugins.System.Install;

/// <summary>Install and uninstall are for Podman and Docker only, with Go's words (system_install.go, ValidateInput).</summary>
internal static class ContainerEngines
{
    public static void Check(ICommandContext context, string nothingTo, Problems problems)
    {
        if (context.Platform is not (Platform.Podman or Platform.Docker))
            problems.Usage($"the selected platform is not supported by this command. There is nothing to {nothingTo} " +
                "(choose --platform podman or docker)");
    }
}
