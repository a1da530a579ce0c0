using Skupper.Cli.Sdk;

namespace Skupper.Plugins.System.Bootstrap;

/// <summary>
/// The platform a namespace was started on, from <c>internal/platform.yaml</c> (internal/nonkube/common/platform.go,
/// NamespacePlatformLoader): the one that owns its router, which <c>stop</c> and <c>reload</c> must be run on.
/// </summary>
internal static class NamespacePlatform
{
    public static string FileOf(NamespaceHome home) => Path.Combine(home.Internal, "platform.yaml");

    /// <summary>The platform written at start, or null when the namespace was not started.</summary>
    public static string? Read(NamespaceHome home)
    {
        var file = FileOf(home);
        if (!File.Exists(file)) return null;
        return File.ReadLines(file).Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("platform:", StringComparison.Ordinal))?["platform:".Length..].Trim() ?? "";
    }

    /// <summary>False, after adding Go's refusal (bootstrap.go, Bootstrap), when the namespace runs on another platform.</summary>
    public static bool Check(ICommandContext context, NamespaceHome home, string started, string verb, Problems problems)
    {
        if (started == context.Platform.Name()) return true;
        problems.Failure($"existing namespace uses \"{started}\" platform and it cannot change to \"{context.Platform.Name()}\"",
            hint: $"Run it on its own platform: \"{context.InvocationName} system {verb} -n {home.Namespace} --platform {started}\".");
        return false;
    }
}
