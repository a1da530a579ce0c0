using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Packaging.Tests;

/// <summary>
/// `kubectl krew install --manifest skupper.yaml --archive kubectl-skupper-…-linux-amd64.tar.gz`,
/// done as krew does it (<see cref="KrewInstaller"/>), then used through the real kubectl.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class InstallTests(ReleaseBuild build, SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly TestHome _home = new();

    [Fact]
    public void Krew_install_puts_every_file_the_manifest_names_in_place()
    {
        var root = Path.Combine(_home.Root, "krew");
        var krew = new KrewInstaller(root);
        var store = krew.Install(build.ManifestPath, build.ArchivePath);

        // What the manifest's files and bin put in place (the installer's own paths and receipt are not the product's).
        foreach (var path in new[] { "kubectl-skupper", "kubectl_complete-skupper", "LICENSE", "lib/kubectl-skupper",
                     "lib/plugins/token/Skupper.Plugins.Token.dll", "lib/plugins/site/Skupper.Plugins.Site.dll",
                     "lib/plugins/expose/Skupper.Plugins.Expose.dll", "lib/plugins/link/Skupper.Plugins.Link.dll",
                     "lib/plugins/debug/Skupper.Plugins.Debug.dll",
                     "lib/libcoreclr.so", "lib/System.Private.CoreLib.dll" })
            File.Exists(Path.Combine(store, path)).ShouldBeTrue(path);
        Directory.Exists(Path.Combine(store, "hooks")).ShouldBeTrue();
        foreach (var exe in new[] { "kubectl-skupper", "lib/kubectl-skupper" })
            File.GetUnixFileMode(Path.Combine(store, exe)).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue(exe);
        // Nothing of the archive left behind in krew's staging: every top-level entry is named in files.
        Directory.GetFileSystemEntries(store).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["LICENSE", "hooks", "kubectl-skupper", "kubectl_complete-skupper", "lib"]);
        // krew's validate-krew-manifest also wants a license file among the installed files.
        File.Exists(Path.Combine(store, "LICENSE")).ShouldBeTrue();
    }

    [Fact]
    public async Task Kubectl_plugin_list_lists_the_installed_plugin()
    {
        var installed = build.Install;
        var r = await ProcessRunner.Run("kubectl", ["plugin", "list"], _home, pathPrefix: installed.BinDir);
        r.Out.ShouldContain(Path.Combine(installed.BinDir, "kubectl-skupper"), customMessage: r.ToString());
        r.Err.ShouldNotContain("kubectl-skupper", customMessage: "no warning about it (not executable, overshadowed)");
    }

    [Fact]
    public async Task Kubectl_skupper_token_issue_runs_the_installed_build_against_the_sandbox()
    {
        var installed = build.Install;
        var server = sandbox.Server;
        server.PutSkupper("sites", "west", new JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Site",
            ["metadata"] = new JsonObject { ["name"] = "west" },
            ["spec"] = new JsonObject { ["linkAccess"] = "default" },
        });
        await server.WaitForStatusAsync("sites", "west", "west");
        _home.Variables["KUBECONFIG"] = server.KubeconfigPath;
        _home.Variables["SKUPPER_DEBUG"] = "1";
        // No .NET of the machine's: a framework-dependent app would look here first.
        _home.Variables["DOTNET_ROOT"] = Path.Combine(_home.Root, "no-dotnet");
        var file = Path.Combine(_home.Home, "token.yaml");

        var r = await ProcessRunner.Run("kubectl", ["skupper", "token", "issue", file, "--context", "west"], _home, pathPrefix: installed.BinDir);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldMatch("^Access grant \"west-[a-z0-9]{5}\" is ready\\.\nToken file .* created\\.\n");
        // The bundled token plugin linked into the native executable, not loaded from lib/plugins/token.
        r.Err.ShouldContain($"debug: plugin token is linked into {Path.Combine(installed.StoreDir, "kubectl-skupper")}\n");
        File.ReadAllText(file).ShouldStartWith("apiVersion: skupper.io/v2alpha1\nkind: AccessToken\n");
        File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task The_managed_host_in_lib_runs_on_its_own_runtime()
    {
        // A third-party command is what the native executable hands to lib/kubectl-skupper.
        var installed = build.Install;
        PluginCopy.Directory(ReleaseBuild.GreetPluginDir, Path.Combine(_home.UserPlugins, "greet"));
        var trace = Path.Combine(_home.Root, "host-trace.txt");
        _home.Variables["COREHOST_TRACE"] = "1";
        _home.Variables["COREHOST_TRACEFILE"] = trace;
        _home.Variables["DOTNET_ROOT"] = Path.Combine(_home.Root, "no-dotnet");

        var r = await ProcessRunner.Run("kubectl", ["skupper", "greet", "hello"], _home, pathPrefix: installed.BinDir);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("hello\n", customMessage: r.ToString());
        var log = File.ReadAllText(trace);
        // The .NET host's own account: self-contained mode, CoreCLR from the krew store's lib/.
        log.ShouldContain("self-contained", Case.Insensitive);
        log.ShouldContain(Path.Combine(installed.StoreDir, "lib", "libcoreclr.so"));
        log.ShouldNotContain("/usr/share/dotnet/shared/");
    }

    public void Dispose() => _home.Dispose();
}
