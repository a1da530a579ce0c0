using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Skupper.Packaging.Tests;

/// <summary>
/// What the linux-amd64 archive holds: the native kubectl-skupper at the root, and beside it in lib/ the managed host
/// with its bundled plugins and a runtime of its own (DESIGN.md, "One host, compiled twice").
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class ArchiveTests(ReleaseBuild build)
{
    private IReadOnlyDictionary<string, (System.Formats.Tar.TarEntryType Type, UnixFileMode Mode, long Length)> Entries =>
        KrewInstaller.List(build.ArchivePath);

    [Fact]
    public void Holds_the_native_executable_the_managed_host_in_lib_the_completion_helper_hooks_and_license()
    {
        var e = Entries;
        e.ShouldContainKey("kubectl-skupper");
        e.ShouldContainKey("kubectl_complete-skupper");
        e["kubectl_complete-skupper"].Mode.HasFlag(UnixFileMode.UserExecute | UnixFileMode.OtherExecute).ShouldBeTrue();
        e.ShouldContainKey("lib/kubectl-skupper");
        e["lib/kubectl-skupper"].Mode.HasFlag(UnixFileMode.UserExecute | UnixFileMode.OtherExecute).ShouldBeTrue();
        e.ShouldContainKey("lib/kubectl-skupper.dll");
        e.ShouldContainKey("lib/plugins/token/Skupper.Plugins.Token.dll");
        e.ShouldContainKey("lib/plugins/token/Skupper.Plugins.Token.deps.json");
        // token reads YAML with its own copy (plugins may carry any version of a private library).
        e.ShouldContainKey("lib/plugins/token/YamlDotNet.dll");
        e.ShouldContainKey("lib/plugins/site/Skupper.Plugins.Site.dll");
        e.ShouldContainKey("lib/plugins/expose/Skupper.Plugins.Expose.dll");
        e.ShouldContainKey("lib/plugins/link/Skupper.Plugins.Link.dll");
        e.ShouldContainKey("lib/plugins/debug/Skupper.Plugins.Debug.dll");
        // The bundled plugins' toolkit is no contract assembly the host shares: each plugin that uses it loads its own copy.
        foreach (var plugin in new[] { "token", "link", "expose" })
            e.ShouldContainKey($"lib/plugins/{plugin}/Skupper.Cli.Toolkit.dll");
        e.ShouldNotContainKey("lib/Skupper.Cli.Toolkit.dll");
        e.ShouldContainKey("hooks/");
        e.ShouldContainKey("LICENSE");
        var hooks = Path.Combine(ReleaseBuild.RepoRoot, "hooks");
        if (Directory.Exists(hooks))
            foreach (var js in Directory.GetFiles(hooks, "*.js"))
                e.ShouldContainKey("hooks/" + Path.GetFileName(js));
    }

    [Fact]
    public void The_root_holds_only_the_native_executable_the_helper_lib_hooks_and_license()
    {
        // Of the native publish only the executable (no .dbg, .pdb, .xml); the runtime and the plugins are lib/'s.
        var top = Entries.Keys.Select(k => k.TrimEnd('/').Split('/')[0]).Distinct().Order(StringComparer.Ordinal).ToList();
        top.ShouldBe(["LICENSE", "hooks", "kubectl-skupper", "kubectl_complete-skupper", "lib"]);
    }

    [Fact]
    public void The_root_executable_is_a_native_ELF_program_not_a_dotnet_apphost()
    {
        var dir = Directory.CreateTempSubdirectory("skupper-archive-").FullName;
        try
        {
            KrewInstaller.Extract(build.ArchivePath, dir);
            var exe = File.ReadAllBytes(Path.Combine(dir, "kubectl-skupper"));
            exe.AsSpan(0, 4).ToArray().ShouldBe(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' });
            // An apphost (what the managed host in lib/ starts with) finds and loads the .NET host, libhostfxr.so; the
            // native executable carries the program itself and loads no runtime.
            var hostfxr = "libhostfxr.so"u8.ToArray();
            File.ReadAllBytes(Path.Combine(dir, "lib", "kubectl-skupper")).AsSpan().IndexOf(hostfxr)
                .ShouldBeGreaterThanOrEqualTo(0, "the managed host's apphost names libhostfxr.so (else this probe proves nothing)");
            exe.AsSpan().IndexOf(hostfxr).ShouldBe(-1, "the root kubectl-skupper is a .NET apphost");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void No_file_names_the_folders_it_was_built_in_so_another_clone_builds_the_same_bytes()
    {
        // The quick half of packaging/check-reproducible.sh (which builds twice from two clones):
        // a path of the build machine in any file (a PDB path, a CallerFilePath, a deps.json entry)
        // makes the bytes depend on where the clone is.
        var needles = new[] { ReleaseBuild.RepoRoot.TrimEnd('/'), build.Root.TrimEnd('/') }
            .SelectMany(p => new[] { System.Text.Encoding.UTF8.GetBytes(p), System.Text.Encoding.Unicode.GetBytes(p) }).ToList();
        var found = new List<string>();
        using var file = File.OpenRead(build.ArchivePath);
        using var gz = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new System.Formats.Tar.TarReader(gz);
        var times = new HashSet<DateTimeOffset>();
        while (reader.GetNextEntry() is { } e)
        {
            times.Add(e.ModificationTime);
            if (e.DataStream is null) continue;
            using var bytes = new MemoryStream();
            e.DataStream.CopyTo(bytes);
            var data = bytes.GetBuffer().AsMemory(0, (int)bytes.Length);
            if (needles.Any(n => data.Span.IndexOf(n) >= 0)) found.Add(e.Name);
        }
        found.ShouldBeEmpty();
        // One time stamp for every entry (the last commit's), whenever and in whatever order the files were written.
        times.Count.ShouldBe(1);
    }

    [Fact]
    public void The_gzip_header_carries_no_time_or_file_name()
    {
        // gzip -n: MTIME (bytes 4-7) zero and no FNAME flag (RFC 1952 2.3), else each build differs.
        var header = new byte[10];
        using (var f = File.OpenRead(build.ArchivePath)) f.ReadExactly(header);
        (header[0], header[1]).ShouldBe(((byte)0x1f, (byte)0x8b));
        (header[3] & 0x08).ShouldBe(0, "FNAME set");
        header.AsSpan(4, 4).ToArray().ShouldBe(new byte[4]);
    }

    [Fact]
    public void No_entry_is_writable_by_group_or_others_so_a_krew_install_is_never_refused()
    {
        // krew creates each file and folder with the entry's mode less the user's umask; with a
        // umask of 002 a group-writable entry stays group-writable, and the host refuses the plugin.
        Entries.Where(e => (e.Value.Mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            .Select(e => e.Key).ShouldBeEmpty();
    }

    [Fact]
    public void Plugin_folders_carry_no_copy_of_the_contract_assemblies_the_host_shares()
    {
        var inPlugins = Entries.Keys.Where(k => k.StartsWith("lib/plugins/", StringComparison.Ordinal)).Select(Path.GetFileName).ToList();
        inPlugins.ShouldNotBeEmpty();
        inPlugins.ShouldNotContain("Skupper.Cli.Sdk.dll");
        inPlugins.ShouldNotContain("McMaster.Extensions.CommandLineUtils.dll");
        inPlugins.ShouldNotContain("KubernetesClient.dll");
    }

    [Fact]
    public void Ships_no_debug_symbols_or_documentation_files()
    {
        Entries.Keys.ShouldNotContain(k => k.EndsWith(".pdb", StringComparison.Ordinal) || k.EndsWith(".xml", StringComparison.Ordinal) || k.EndsWith(".dbg", StringComparison.Ordinal));
    }

    [Fact]
    public void The_managed_host_is_self_contained_the_runtime_is_in_lib_and_the_runtimeconfig_includes_its_framework()
    {
        var e = Entries;
        foreach (var runtimeFile in new[] { "libcoreclr.so", "libhostfxr.so", "libhostpolicy.so", "libclrjit.so", "System.Private.CoreLib.dll", "System.Runtime.dll" })
            e.ShouldContainKey("lib/" + runtimeFile);

        var dir = Directory.CreateTempSubdirectory("skupper-archive-").FullName;
        try
        {
            KrewInstaller.Extract(build.ArchivePath, dir);
            var options = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "lib", "kubectl-skupper.runtimeconfig.json")))!["runtimeOptions"]!.AsObject();
            // Self-contained: "includedFrameworks" (carried); framework-dependent would say "framework(s)" (needed installed).
            options.ContainsKey("framework").ShouldBeFalse();
            options.ContainsKey("frameworks").ShouldBeFalse();
            var included = options["includedFrameworks"]!.AsArray().Select(f => (string)f!["name"]!).ToList();
            included.ShouldContain("Microsoft.NETCore.App");
            // The deps.json lists the runtime pack: the app resolves the runtime from its own folder.
            File.ReadAllText(Path.Combine(dir, "lib", "kubectl-skupper.deps.json")).ShouldContain("runtimepack.Microsoft.NETCore.App.Runtime.linux-x64");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Our_assemblies_are_ReadyToRun_and_KubernetesClient_is_left_as_IL()
    {
        var dir = Directory.CreateTempSubdirectory("skupper-archive-").FullName;
        try
        {
            KrewInstaller.Extract(build.ArchivePath, dir);
            // The hook engine (Jint and its parser Acornima) too: compiling its IL was most of what hooks cost (docs/hooks.md, "Cost").
            foreach (var dll in new[] { "kubectl-skupper.dll", "Skupper.Cli.Sdk.dll", "McMaster.Extensions.CommandLineUtils.dll", "Acornima.dll", "Jint.dll",
                         "plugins/token/Skupper.Plugins.Token.dll", "plugins/token/YamlDotNet.dll", "plugins/site/Skupper.Plugins.Site.dll",
                         "plugins/expose/Skupper.Plugins.Expose.dll", "plugins/link/Skupper.Plugins.Link.dll",
                         "plugins/debug/Skupper.Plugins.Debug.dll", "plugins/token/Skupper.Cli.Toolkit.dll" })
                IsReadyToRun(Path.Combine(dir, "lib", dll)).ShouldBeTrue(dll);
            // A deliberate choice (packaging/krew/release.targets): KubernetesClient is 28 MB as ReadyToRun, 12 MB as IL.
            IsReadyToRun(Path.Combine(dir, "lib", "KubernetesClient.dll")).ShouldBeFalse("KubernetesClient.dll");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Ships_none_of_the_runtimes_debugger_dump_or_alternative_gc_files_and_deps_json_does_not_name_them()
    {
        string[] dropped = ["libmscordaccore.so", "libmscordbi.so", "createdump", "libclrgc.so", "libclrgcexp.so"];
        Entries.Keys.Select(Path.GetFileName).ShouldNotContain(f => dropped.Contains(f));
        var dir = Directory.CreateTempSubdirectory("skupper-archive-").FullName;
        try
        {
            KrewInstaller.Extract(build.ArchivePath, dir);
            var deps = File.ReadAllText(Path.Combine(dir, "lib", "kubectl-skupper.deps.json"));
            foreach (var f in dropped) deps.ShouldNotContain($"\"{f}\"");
            deps.ShouldContain("\"libcoreclr.so\"");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Is_at_most_50_MB()
    {
        // The native executable (8.4 MB compressed) beside the managed host of before (39.4 MB); build.sh deflates the
        // archive again with advdef (packaging/krew/README.md, "Size").
        new FileInfo(build.ArchivePath).Length.ShouldBeLessThanOrEqualTo(50L * 1000 * 1000);
    }

    /// <summary>A ReadyToRun image has a managed native header (the R2R header) in its CLI header.</summary>
    private static bool IsReadyToRun(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
