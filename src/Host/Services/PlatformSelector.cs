using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Services;

/// <summary><c>--platform</c> &gt; <c>SKUPPER_PLATFORM</c> &gt; kubernetes, as the Skupper CLI selects.</summary>
public sealed class PlatformSelector(string? flag, string? environment)
{
    public Platform Select()
    {
        var (value, source) = flag is not null ? (flag, "--platform") : (environment, "SKUPPER_PLATFORM");
        if (string.IsNullOrEmpty(value)) return Platform.Kubernetes;
        if (PlatformNames.TryParse(value, out var platform)) return platform;
        throw SkupperException.Usage(
            $"unknown platform \"{value}\" (from {source}): choose one of {string.Join(", ", PlatformSets.All.Select(p => p.Name()))}");
    }
}
