using System.Diagnostics;
using Skupper.Cli.Sdk;

namespace Skupper.Plugins.System.Bootstrap;

/// <summary>
/// The site's systemd unit <c>skupper-&lt;ns&gt;.service</c> and, on Podman and Docker, the scripts it runs, as the Go CLI writes
/// them (internal/nonkube/common/systemd.go, startup.go and their templates). On <c>linux</c> the unit runs
/// <c>skrouterd -c …/skrouterd.json</c>; on Podman and Docker it runs <c>internal/scripts/start.sh</c>, which starts the
/// site's containers. Where systemd does not run (a container, CI) the unit is written to <c>internal/scripts</c>, as Go
/// does when it runs in a container, and not installed: the caller says so in one line. Go fails the start there instead.
/// </summary>
internal sealed class Systemd(NamespaceHome home, string platform, string siteId)
{
    public const UnixFileMode Executable = AtomicFile.Ordinary | UnixFileMode.UserExecute | UnixFileMode.GroupExecute |
        UnixFileMode.OtherExecute;

    public string ServiceName => $"skupper-{home.Namespace}.service";

    /// <summary><c>internal/scripts</c> (pkg/nonkube/api/environment.go, ScriptsPath).</summary>
    public string Scripts => home.Under("internal", "scripts");

    /// <summary>systemd runs when /run/systemd/system exists (sd_booted) and systemctl is on the PATH.</summary>
    public static bool IsRunning =>
        Directory.Exists("/run/systemd/system") &&
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "systemctl")));

    /// <summary>Where the unit goes: systemd's folder for root or the user, else the namespace's scripts (GetServiceFile).</summary>
    public string UnitFile => IsRunning ? Path.Combine(UnitFolder, ServiceName) : Path.Combine(Scripts, ServiceName);

    private static string UnitFolder => Environment.IsPrivilegedProcess
        ? "/etc/systemd/system"
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } config
            ? config
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "systemd", "user");

    private static string RuntimeDir => Environment.IsPrivilegedProcess ? "/run"
        : Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } dir ? dir : $"/run/user/{Engine.Posix.Uid}";

    private bool Containers => platform is "podman" or "docker";

    /// <summary>
    /// Writes the scripts (Podman, Docker) and the unit; where systemd runs, enables and starts it (enableService). Returns the
    /// line to print where systemd does not run, else null.
    /// </summary>
    public string? Install()
    {
        WriteFiles(UnitFile);
        if (!IsRunning)
            return $"systemd is not running here: the unit {ServiceName} was written to {Printable.Path(UnitFile)} but not installed, " +
                "so the site will not start at boot";
        Systemctl(true, "enable", ServiceName);
        Systemctl(true, "daemon-reload");
        Systemctl(true, "start", ServiceName);
        return null;
    }

    /// <summary>The scripts (Podman, Docker) in <c>internal/scripts</c> and the unit at <paramref name="unitFile"/>.</summary>
    public void WriteFiles(string unitFile)
    {
        Directory.CreateDirectory(Scripts);
        if (Containers)
        {
            AtomicFile.Write(Path.Combine(Scripts, "start.sh"), Script("start"), Executable);
            AtomicFile.Write(Path.Combine(Scripts, "stop.sh"), Script("stop -t 10"), Executable);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(unitFile)!);
        AtomicFile.Write(unitFile, Containers ? ContainerUnit() : LinuxUnit(), AtomicFile.Ordinary);
    }

    /// <summary>Stops, disables and removes the unit where systemd runs; failures are ignored as Go ignores them (Remove).</summary>
    public void Remove()
    {
        if (!IsRunning) return;
        Systemctl(false, "stop", ServiceName);
        Systemctl(false, "disable", ServiceName);
        File.Delete(UnitFile);
        Systemctl(false, "daemon-reload");
        Systemctl(false, "reset-failed", ServiceName);
    }

    /// <summary>internal/nonkube/common/startsh-container.template and stopsh-container.template.</summary>
    private string Script(string verb) => Template(verb,
        $"{platform} container ls --filter label=application=skupper-v2 --filter label=skupper.io/site-id={siteId} " +
        "--format {{.Names}} --all");

    private string Template(string verb, string list) => $$$"""
        #!/usr/bin/env sh

        set -o errexit
        set -o nounset

        for container in $({{{list}}}); do
            {{{platform}}} {{{verb}}} ${container}
        done

        """;

    /// <summary>internal/nonkube/common/systemd_container_service.template.</summary>
    private string ContainerUnit() => $"""
        [Unit]
        Description={ServiceName}
        Wants=network-online.target
        After=network-online.target
        RequiresMountsFor={RuntimeDir}/containers

        [Service]
        TimeoutStopSec=70
        RemainAfterExit=yes
        ExecStart=/bin/bash {Scripts}/start.sh
        ExecStop=/bin/bash {Scripts}/stop.sh
        Type=simple

        [Install]
        WantedBy=default.target

        """;

    /// <summary>
    /// internal/nonkube/common/systemd_service.template, plus SSL_PROFILE_BASE_PATH: our skrouterd.json names its profiles under
    /// <c>${SSL_PROFILE_BASE_PATH}</c> on every platform, where Go's linux renderer writes the namespace's path in.
    /// </summary>
    private string LinuxUnit() => $"""
        [Unit]
        Description={ServiceName}
        Wants=network-online.target
        After=network-online.target

        [Service]
        TimeoutStopSec=70
        Type=simple
        ExecStart=skrouterd -c {home.RouterConfig}/skrouterd.json
        Environment="SKUPPER_SITE_ID={siteId}"
        Environment="SSL_PROFILE_BASE_PATH={home.Root}"

        [Install]
        WantedBy=default.target

        """;

    public static void Systemctl(bool check, params string[] args)
    {
        var psi = new ProcessStartInfo("systemctl")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        if (!Environment.IsPrivilegedProcess) psi.ArgumentList.Add("--user");
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new SkupperException("systemctl could not be started");
        p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (check && p.ExitCode != 0)
            throw new SkupperException($"systemctl {string.Join(' ', psi.ArgumentList)} failed: {Printable.Escape(error.Split('\n')[0])}");
    }
}
