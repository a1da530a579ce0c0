using System.Text.RegularExpressions;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Packaging.Tests;

/// <summary>
/// The installed linux-amd64 archive as a user runs it (DESIGN.md, "One host, compiled twice"): the native
/// kubectl-skupper answers the bundled commands without starting a .NET runtime, and becomes the managed host in
/// lib/ (execve: the same process) for a command of a third-party plugin. Watched with strace: which programs the
/// process became, which files it opened, whether it started another process.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class NativeFrontTests(ReleaseBuild build) : IDisposable
{
    private readonly TestHome _home = new();

    private static readonly string[] BundledPlugins = ["debug", "expose", "link", "site", "system", "token"];

    private static bool IsRuntime(SystemCall c) =>
        c.Name is "open" or "openat" && c.Path is { } p && (p.EndsWith("/libcoreclr.so", StringComparison.Ordinal) || p.EndsWith("/libhostfxr.so", StringComparison.Ordinal));

    private static bool Opened(SystemCall c, string path) => c.Name is "open" or "openat" && c.Path == path && !c.Failed;

    private static List<SystemCall> Execs(IEnumerable<SystemCall> calls) =>
        calls.Where(c => c.Name == "execve" && !c.Failed).ToList();

    [Fact]
    public async Task Bundled_commands_run_in_one_process_that_never_opens_a_dotnet_runtime()
    {
        var installed = build.Install;
        var exe = Path.Combine(installed.BinDir, "kubectl-skupper");
        foreach (var command in new[] { new[] { "version" }, ["site", "--help"] })
        {
            var (r, calls) = await Strace.Run(_home, installed.BinDir, "kubectl", ["skupper", .. command]);
            var report = $"kubectl skupper {string.Join(' ', command)}\n{r}\n--- strace\n{Strace.Report(calls)}";

            r.ExitCode.ShouldBe(0, report);
            if (command[0] == "version")
            {
                r.Out.ShouldMatch($"(?m)^kubectl-skupper +{Regex.Escape(ReleaseBuild.Version)}$", report);
                // The bundled plugins' versions, linked into the native executable.
                foreach (var plugin in BundledPlugins)
                    r.Out.ShouldMatch($"(?m)^plugin {plugin} +{Regex.Escape(ReleaseBuild.Version)}$", report);
            }
            else
                r.Out.ShouldContain("Usage: kubectl skupper site", customMessage: report);

            // No .NET runtime: libcoreclr.so (and the .NET host that loads it) never opened, not even tried.
            calls.ShouldNotContain(c => IsRuntime(c), report);
            // kubectl became the krew-linked kubectl-skupper (kubectl's plugin handler execs it) and nothing else ran.
            Execs(calls).Select(c => c.Path).ShouldBe([Execs(calls)[0].Path, exe], report);
            calls.ShouldNotContain(c => c.CreatesProcess, report);
        }
    }

    [Fact]
    public async Task A_third_party_command_runs_in_the_managed_host_in_lib_in_the_same_process()
    {
        var installed = build.Install;
        PluginCopy.Directory(ReleaseBuild.GreetPluginDir, Path.Combine(_home.UserPlugins, "greet"));
        var lib = Path.Combine(installed.StoreDir, "lib");

        // Twice: the first run finds no command index and the managed host builds it; the second reads it.
        foreach (var run in new[] { "first", "second" })
        {
            var (r, calls) = await Strace.Run(_home, installed.BinDir, "kubectl", "skupper", "greet", "hello");
            var report = $"{run} run\n{r}\n--- strace\n{Strace.Report(calls)}";

            r.ExitCode.ShouldBe(0, report);
            r.Out.ShouldBe("hello\n", customMessage: report);
            r.Err.ShouldBeEmpty(report);
            // kubectl, then the native kubectl-skupper krew linked, then the managed host in lib/: each replacing the
            // one before (execve), never a second process beside them.
            var execs = Execs(calls);
            execs.Select(c => c.Path).Skip(1).ShouldBe([Path.Combine(installed.BinDir, "kubectl-skupper"), Path.Combine(lib, "kubectl-skupper")], report);
            calls.ShouldNotContain(c => c.CreatesProcess, report);
            // The managed host's own runtime from lib/, opened once the process had become the managed host.
            var becameManaged = calls.ToList().IndexOf(execs[^1]);
            calls.Take(becameManaged).ShouldNotContain(c => IsRuntime(c), report);
            calls.Skip(becameManaged).ShouldContain(c => Opened(c, Path.Combine(lib, "libcoreclr.so")), report);
        }
    }

    [Fact]
    public async Task Without_lib_the_bundled_commands_still_work()
    {
        var store = PartialInstall(out var bin);

        var version = await ProcessRunner.Run("kubectl", ["skupper", "version"], _home, pathPrefix: bin);
        version.ExitCode.ShouldBe(0, version.ToString());
        version.Out.ShouldMatch($"(?m)^kubectl-skupper +{Regex.Escape(ReleaseBuild.Version)}$", version.ToString());
        foreach (var plugin in BundledPlugins)
            version.Out.ShouldMatch($"(?m)^plugin {plugin} +{Regex.Escape(ReleaseBuild.Version)}$", version.ToString());
        version.Err.ShouldBeEmpty(version.ToString());

        var help = await ProcessRunner.Run("kubectl", ["skupper", "site", "--help"], _home, pathPrefix: bin);
        help.ExitCode.ShouldBe(0, help.ToString());
        help.Out.ShouldContain("Usage: kubectl skupper site", customMessage: help.ToString());
        Directory.Exists(Path.Combine(store, "lib")).ShouldBeFalse();
    }

    [Fact]
    public async Task Without_lib_a_third_party_command_fails_with_one_line_naming_the_missing_managed_host()
    {
        var store = PartialInstall(out var bin);
        PluginCopy.Directory(ReleaseBuild.GreetPluginDir, Path.Combine(_home.UserPlugins, "greet"));

        var r = await ProcessRunner.Run("kubectl", ["skupper", "greet", "hello"], _home, pathPrefix: bin);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Out.ShouldBeEmpty(r.ToString());
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, r.ToString());
        lines[0].ShouldStartWith("Error: ", customMessage: r.ToString());
        lines[0].ShouldContain(Path.Combine(store, "lib", "kubectl-skupper"), customMessage: r.ToString());
    }

    [Fact]
    public async Task Without_lib_the_bundled_commands_still_work_with_a_third_party_plugin_installed()
    {
        PartialInstall(out var bin);
        PluginCopy.Directory(ReleaseBuild.GreetPluginDir, Path.Combine(_home.UserPlugins, "greet"));

        var version = await ProcessRunner.Run("kubectl", ["skupper", "version"], _home, pathPrefix: bin);
        version.ExitCode.ShouldBe(0, version.ToString());
        version.Out.ShouldMatch($"(?m)^kubectl-skupper +{Regex.Escape(ReleaseBuild.Version)}$", version.ToString());

        var help = await ProcessRunner.Run("kubectl", ["skupper", "site", "--help"], _home, pathPrefix: bin);
        help.ExitCode.ShouldBe(0, help.ToString());
        help.Out.ShouldContain("Usage: kubectl skupper site", customMessage: help.ToString());
    }

    /// <summary>A krew install of the archive in this test's home whose lib/ is then removed; returns the store folder.</summary>
    private string PartialInstall(out string binDir)
    {
        var krew = new KrewInstaller(Path.Combine(_home.Root, "krew"));
        var store = krew.Install(build.ManifestPath, build.ArchivePath);
        Directory.Delete(Path.Combine(store, "lib"), recursive: true);
        binDir = krew.BinDir;
        return store;
    }

    public void Dispose() => _home.Dispose();
}
