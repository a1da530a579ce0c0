using Skupper.Cli.Sdk;

namespace Skupper.Plugins.System.Bootstrap;

/// <summary>
/// Whether systemd can run the site's unit (internal/nonkube/common/systemd.go). Where it cannot (a container, CI),
/// commands say so in one line and go on without a unit.
/// </summary>
internal static class Systemd
{
    /// <summary>systemd runs when /run/systemd/system exists (sd_booted) and systemctl is on the PATH.</summary>
    public static bool IsRunning =>
        Directory.Exists("/run/systemd/system") &&
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "systemctl")));

    public static string Unavailable(NamespaceHome home) =>
        $"systemd is not running here: no unit skupper-{home.Namespace}.service was installed, so the site will not start at boot";
}
