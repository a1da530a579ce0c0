namespace Skupper.Cli.Sdk;

/// <summary>The platforms Skupper runs on, as `--platform` spells them.</summary>
public enum Platform
{
    Kubernetes,
    Docker,
    Podman,
    Linux,
}

/// <summary>
/// The sets of platforms a command declares in <see cref="ISkupperCommand.Platforms"/>. Named apart
/// from that property so that a command can write <c>PlatformSets.All</c> without qualifying it.
/// </summary>
public static class PlatformSets
{
    public static readonly IReadOnlyList<Platform> All = [Platform.Kubernetes, Platform.Docker, Platform.Podman, Platform.Linux];
    public static readonly IReadOnlyList<Platform> KubernetesOnly = [Platform.Kubernetes];
}

/// <summary>Platform names as the command line and messages spell them.</summary>
public static class PlatformNames
{
    /// <summary>The lower-case name used on the command line and in messages.</summary>
    public static string Name(this Platform platform) => platform.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out Platform platform)
    {
        foreach (var p in PlatformSets.All)
        {
            if (string.Equals(p.Name(), value, StringComparison.Ordinal)) { platform = p; return true; }
        }
        platform = default;
        return false;
    }
}
