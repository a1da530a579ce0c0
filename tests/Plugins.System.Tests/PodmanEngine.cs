using System.Diagnostics;
using System.Formats.Tar;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.System.Tests;

/// <summary>
/// Runs only where podman is installed (test.sh installs podman, runc and busybox-static); fails, never skips, when it is
/// there but does not work.
/// </summary>
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute()
    {
        if (!PodmanEngine.Installed)
            Skip = "podman is not installed: test.sh installs podman, runc and busybox-static from Debian's packages";
    }
}

[CollectionDefinition(Name)]
public sealed class PodmanCollection : ICollectionFixture<PodmanEngine>
{
    public const string Name = "podman";
}

/// <summary>
/// A real Podman engine of the tests' own: <c>podman system service</c> on a socket in a temporary folder, with a private
/// containers.conf (runc, and ulimits this machine's hard limits allow: crun fails under cgroups v1 hybrid here) and a
/// private storage (nothing in /var/lib/containers or /etc is touched), killed by its PID at the end. It holds a stand-in
/// for the router image, imported from a tar of Debian's busybox-static: it prints the skrouterd.json it is given and
/// serves HTTP on the skupper-local port, which is all a test can see of a router without skupper-router.
/// </summary>
public sealed class PodmanEngine : IAsyncLifetime
{
    public const string Image = "localhost/stand-in-router:test";

    public static bool Installed => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "podman")));

    private readonly string _root = Directory.CreateTempSubdirectory("skupper-podman-").FullName;
    private Process? _service;

    public string Socket => Path.Combine(_root, "podman.sock");
    public string Endpoint => $"unix://{Socket}";

    /// <summary>What every podman process, the service's and the tests' CLI calls, is given.</summary>
    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string>
    {
        ["CONTAINERS_CONF"] = Path.Combine(_root, "containers.conf"),
        ["CONTAINERS_STORAGE_CONF"] = Path.Combine(_root, "storage.conf"),
        ["CONTAINERS_REGISTRIES_CONF"] = Path.Combine(_root, "registries.conf"),
    };

    /// <summary>The variables that point the CLI at this engine and image.</summary>
    public void Use(TestHome home)
    {
        home.Variables["CONTAINER_ENDPOINT"] = Endpoint;
        home.Variables["SKUPPER_ROUTER_IMAGE"] = Image;
    }

    public async Task InitializeAsync()
    {
        if (!Installed) return;
        await File.WriteAllTextAsync(Variables["CONTAINERS_CONF"], """
            [containers]
            default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]
            [engine]
            runtime = "runc"
            """);
        await File.WriteAllTextAsync(Variables["CONTAINERS_STORAGE_CONF"],
            $"[storage]\ndriver = \"vfs\"\ngraphroot = \"{_root}/graph\"\nrunroot = \"{_root}/run\"\n");
        await File.WriteAllTextAsync(Variables["CONTAINERS_REGISTRIES_CONF"], "unqualified-search-registries = []\n");
        var psi = Start("system", "service", "--time=0", Endpoint);
        _service = Process.Start(psi)!;
        for (var i = 0; i < 100 && !File.Exists(Socket); i++) await Task.Delay(100);
        if (!File.Exists(Socket)) throw new InvalidOperationException($"podman system service did not open {Socket}");
        await ImportStandInAsync();
    }

    private async Task ImportStandInAsync()
    {
        var image = Path.Combine(_root, "image");
        Directory.CreateDirectory(Path.Combine(image, "bin"));
        Directory.CreateDirectory(Path.Combine(image, "tmp"));
        File.Copy("/bin/busybox", Path.Combine(image, "bin", "busybox"));
        File.CreateSymbolicLink(Path.Combine(image, "bin", "sh"), "busybox");
        var script = Path.Combine(image, "bin", "stand-in-router");
        await File.WriteAllTextAsync(script, """
            #!/bin/sh
            # A stand-in for skupper-router: shows the configuration it was given and listens on the skupper-local port.
            busybox cat "$QDROUTERD_CONF"
            port=$(busybox grep -A3 '"name": "skupper-local-normal"' "$QDROUTERD_CONF" | busybox grep '"port"' | busybox tr -dc 0-9)
            echo "stand-in router listening on 127.0.0.1:$port"
            # As PID 1 it would ignore SIGTERM, and a stop would wait its 10 s for the kill.
            trap 'exit 0' TERM
            busybox httpd -f -p "127.0.0.1:$port" -h /tmp &
            wait
            """);
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        var tar = Path.Combine(_root, "image.tar");
        await TarFile.CreateFromDirectoryAsync(image, tar, includeBaseDirectory: false);
        var r = await PodmanAsync("import", "--change", "CMD [\"/bin/stand-in-router\"]", "--change", "ENV PATH=/bin", tar, Image);
        if (r.ExitCode != 0) throw new InvalidOperationException($"podman import failed: {r}");
    }

    private ProcessStartInfo Start(params string[] args)
    {
        var psi = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in Variables) psi.Environment[k] = v;
        return psi;
    }

    /// <summary>The podman CLI on this engine's storage.</summary>
    public async Task<RunResult> PodmanAsync(params string[] args)
    {
        using var p = Process.Start(Start(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);
        return new RunResult(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>The container's inspection, or null when there is none.</summary>
    public async Task<JsonObject?> InspectAsync(string name)
    {
        var r = await PodmanAsync("container", "inspect", name);
        return r.ExitCode == 0 ? JsonNode.Parse(r.Out)!.AsArray()[0]!.AsObject() : null;
    }

    /// <summary>The port of the skupper-local listener in a rendered skrouterd.json.</summary>
    public static int LocalPort(string config) => JsonNode.Parse(config)!.AsArray()
        .Single(e => e![1]!["name"]?.GetValue<string>() == "skupper-local-normal")![1]!["port"]!.GetValue<int>();

    /// <summary>The stand-in router's log, once it says it listens (or after 5 s).</summary>
    public async Task<string> LogsAsync(string container)
    {
        var logs = "";
        for (var i = 0; i < 50 && !logs.Contains("listening", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            logs = (await PodmanAsync("logs", container)).Out;
        }
        return logs;
    }

    /// <summary>Returns once something accepts a connection on 127.0.0.1:port; throws after 5 s.</summary>
    public static async Task AnswersAsync(int port)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (i < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await PodmanAsync("rm", "--all", "--force", "--time", "0");
            _service.Kill();
            await _service.WaitForExitAsync();
            _service.Dispose();
        }
        // Podman's cleanup processes (started by conmon as a container ends) may still write its storage's lock files a
        // moment after the service is gone.
        for (var i = 0; i < 5 && Directory.Exists(_root); i++)
        {
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            await Task.Delay(200);
        }
    }
}
