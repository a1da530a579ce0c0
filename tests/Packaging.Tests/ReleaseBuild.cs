using System.Diagnostics;
using System.Reflection;
using Xunit;

namespace Skupper.Packaging.Tests;

/// <summary>
/// Runs <c>packaging/krew/build.sh --platforms linux-amd64</c> once for the whole test run (a
/// collection fixture) into a temporary folder: the archive and the manifest the tests read.
/// <c>SKUPPER_PACKAGING_TESTS_DIST=DIR</c> skips the build and reads the archive and skupper.yaml a
/// build.sh run left in DIR (<c>--out DIR --manifest DIR/skupper.yaml</c>): for working on these tests only.
/// </summary>
public sealed class ReleaseBuild : IAsyncLifetime
{
    public const string Platform = "linux-amd64";

    public static string RepoRoot { get; } = Path.GetFullPath(
        typeof(ReleaseBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!);

    /// <summary>The third-party fixture plugin (Fixture.Dummy, installed as "greet"), built beside the tests.</summary>
    public static string GreetPluginDir { get; } = Path.Combine(AppContext.BaseDirectory, "fixture-plugins", "greet");

    public string Root { get; } = Directory.CreateTempSubdirectory("skupper-krew-build-").FullName;

    private static readonly string? ReusedDist =
        Environment.GetEnvironmentVariable("SKUPPER_PACKAGING_TESTS_DIST") is { Length: > 0 } reused ? Path.GetFullPath(reused) : null;

    public string Dist => ReusedDist ?? Path.Combine(Root, "dist");
    public string ManifestPath => Path.Combine(Dist, "skupper.yaml");
    public string Log => Path.Combine(Root, "build.log");
    public TimeSpan Elapsed { get; private set; }

    /// <summary>SkupperCliVersion from Directory.Build.props, the single version source.</summary>
    public static string Version { get; } = System.Xml.Linq.XDocument
        .Load(Path.Combine(RepoRoot, "Directory.Build.props"))
        .Descendants("SkupperCliVersion").Single().Value.Trim();

    public string ArchivePath => Path.Combine(Dist, $"kubectl-skupper-v{Version}-{Platform}.tar.gz");

    public Manifest Manifest { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (ReusedDist is not null)
        {
            Manifest = Manifest.Load(ManifestPath);
            return;
        }
        var psi = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            WorkingDirectory = RepoRoot,
        };
        // The output goes to a file, not to a pipe of ours: build servers that outlive the build
        // would hold a pipe open.
        psi.ArgumentList.Add("-c");
        // Built under umask 002, as on a CI runner that leaves group write on: the archive must
        // still carry no group- or other-writable entry (the host would refuse such plugins).
        psi.ArgumentList.Add("umask 0002; exec \"$0\" \"$@\" >\"$LOG\" 2>&1");
        psi.ArgumentList.Add(Path.Combine(RepoRoot, "packaging", "krew", "build.sh"));
        foreach (var a in new[] { "--platforms", Platform, "--out", Dist, "--work", Path.Combine(Root, "work"),
                     "--manifest", ManifestPath, "--version-check", "--release-url-base", "https://example.test/releases/v" + Version })
            psi.ArgumentList.Add(a);
        psi.Environment["LOG"] = Log;
        ForNestedBuild(psi);

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        // The native executable (NativeAOT) takes 2-4 of them on 2 quiet cores, 10 with the machine busy.
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"build.sh did not finish in 20 minutes:\n{Tail()}");
        }
        Elapsed = watch.Elapsed;
        if (process.ExitCode != 0) throw new InvalidOperationException($"build.sh failed (exit {process.ExitCode}):\n{Tail()}");
        Manifest = Manifest.Load(ManifestPath);
    }

    /// <summary>The environment of a dotnet build started from a test.</summary>
    public static void ForNestedBuild(ProcessStartInfo psi)
    {
        // `dotnet test` hands its MSBuild location to the tests; a nested build must find its own.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("VSTEST", StringComparison.Ordinal) || k == "DOTNET_HOST_PATH").ToList())
            psi.Environment.Remove(key);
        // No build server left behind, holding our pipes open.
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
    }

    private readonly Lazy<Installed> _installed;

    public ReleaseBuild() => _installed = new(() =>
    {
        var root = Path.Combine(Root, "krew");
        var installer = new KrewInstaller(root);
        var store = installer.Install(ManifestPath, ArchivePath);
        // The caveats' one step for completion (krew links only `bin`), run as written.
        installer.RunCaveats(Manifest);
        return new Installed(installer, store);
    });

    /// <summary>One krew install of the archive for the tests that only run it.</summary>
    public Installed Install => _installed.Value;

    public string Tail() => File.Exists(Log) ? string.Join('\n', File.ReadAllLines(Log).TakeLast(40)) : "(no log)";

    public Task DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<ReleaseBuild>
{
    public const string Name = "krew release build";
}

public sealed record Installed(KrewInstaller Krew, string StoreDir)
{
    public string BinDir => Krew.BinDir;
}
