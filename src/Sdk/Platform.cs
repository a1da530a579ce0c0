namespace Skupper.Cli.Sdk;

/// <summary>The platforms Skupper runs on, as `--platform` spells them.</summary>
public enum Platform
{
    Kubernetes,
    Docker,
    Podman,
    Linux,
}

public static class Platforms
{
    public static readonly IReadOnlyList<Platform> All = [Platform.Kubernetes, Platform.Docker, Platform.Podman, Platform.Linux];
    public static readonly IReadOnlyList<Platform> KubernetesOnly = [Platform.Kubernetes];

    /// <summary>The lower-case name used on the command line and in messages.</summary>
    public static string Name(this Platform platform) => platform.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out Platform platform)
    {
        foreach (var p in All)
        {
            if (string.Equals(p.Name(), value, StringComparison.Ordinal)) { platform = p; return true; }
        }
        platform = default;
        return false;
    }
}
