using Skupper.Cli.Sdk;

namespace Skupper.Plugins.System;

/// <summary>
/// What every <c>system</c> command checks first: a platform without a controller, and a namespace fit for a folder name.
/// </summary>
internal static class NonKubernetes
{
    /// <summary>
    /// The Go CLI's words on Kubernetes (internal/cmd/skupper/system/kube/*.go, Run), though as an error: Go prints them and
    /// exits 0, which tells a script that nothing failed when nothing was done. False on Kubernetes, after adding the problem.
    /// </summary>
    public static bool Check(ICommandContext context, Problems problems)
    {
        if (context.Platform == Platform.Kubernetes)
        {
            problems.Failure("This command does not support kubernetes platforms.",
                hint: $"Choose the platform with --platform podman|docker|linux or SKUPPER_PLATFORM.");
            return false;
        }
        if (NamespaceHome.Problem(context.Namespace) is { } problem)
        {
            problems.Usage(problem);
            return false;
        }
        return true;
    }
}
