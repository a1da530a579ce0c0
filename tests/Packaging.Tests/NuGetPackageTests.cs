using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;
using Shouldly;
using Xunit;

namespace Skupper.Packaging.Tests;

/// <summary>
/// <c>dotnet pack src/Sdk -c Release</c> and <c>dotnet pack packaging/templates -c Release</c> from this
/// checkout (its git commit), into a temporary folder (<c>--artifacts-path</c>: the checkout's bin/obj
/// are not touched).
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("skupper-pack-").FullName;
    public string Feed => Path.Combine(Root, "feed");
    public string Commit { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Commit = (await Run("git", "-C", ReleaseBuild.RepoRoot, "rev-parse", "HEAD")).Trim();
        foreach (var project in new[] { "src/Sdk", "packaging/templates" })
            await Run("dotnet", "pack", Path.Combine(ReleaseBuild.RepoRoot, project), "-c", "Release", "-o", Feed,
                "--artifacts-path", Path.Combine(Root, "artifacts"), "-nologo");
    }

    private static async Task<string> Run(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        ReleaseBuild.ForNestedBuild(psi);
        psi.Environment["UseSharedCompilation"] = "false";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} {string.Join(' ', args)} failed:\n{await stdout}\n{await stderr}");
        return await stdout;
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}

/// <summary>The NuGet packages of a release: traceable to their sources (repository, commit, SourceLink, symbols).</summary>
public sealed class NuGetPackageTests(PackedPackages packed) : IClassFixture<PackedPackages>
{
    private const string RepositoryUrl = "https://github.com/skupperproject/kubectl-skupper";
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    private ZipArchive Open(string file) => ZipFile.OpenRead(Path.Combine(packed.Feed, file));

    private static XElement Nuspec(ZipArchive zip) =>
        XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).Root!;

    private static byte[] Read(ZipArchive zip, string entry)
    {
        using var s = zip.GetEntry(entry)!.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    [Theory]
    [InlineData("Skupper.Cli.Sdk")]
    [InlineData("Skupper.Cli.Templates")]
    public void The_nuspec_names_the_repository_and_the_commit_it_was_built_from(string id)
    {
        using var zip = Open($"{id}.{ReleaseBuild.Version}.nupkg");
        var repository = Nuspec(zip).Descendants().Single(e => e.Name.LocalName == "repository");
        repository.Attribute("type")?.Value.ShouldBe("git");
        repository.Attribute("url")?.Value.ShouldBe(RepositoryUrl);
        repository.Attribute("commit")?.Value.ShouldBe(packed.Commit);
    }

    [Fact]
    public void The_sdk_has_a_symbol_package_whose_pdb_leads_to_the_sources_of_that_commit()
    {
        using var symbols = Open($"Skupper.Cli.Sdk.{ReleaseBuild.Version}.snupkg");
        using var pdb = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(Read(symbols, "lib/net10.0/Skupper.Cli.Sdk.pdb")));
        var reader = pdb.GetMetadataReader();

        var documents = reader.Documents.Select(h => reader.GetString(reader.GetDocument(h).Name)).ToList();
        documents.ShouldContain("/_/src/Sdk/ISkupperPlugin.cs");
        // The sources at /_/, the generated ones (here in an artifacts folder outside the checkout) at
        // /_N/, a root of their own (Directory.Build.targets).
        documents.ShouldAllBe(d => System.Text.RegularExpressions.Regex.IsMatch(d, "^/_[0-9]*/"),
            "every source path mapped, none of the build machine");
        documents.ShouldContain(d => d.EndsWith("/Sdk.AssemblyInfo.cs", StringComparison.Ordinal));

        var custom = reader.CustomDebugInformation.Select(reader.GetCustomDebugInformation).ToList();
        var sourceLink = custom.Single(c => reader.GetGuid(c.Kind) == SourceLinkKind);
        Encoding.UTF8.GetString(reader.GetBlobBytes(sourceLink.Value)).ShouldBe(
            "{\"documents\":{\"/_/*\":\"https://raw.githubusercontent.com/skupperproject/kubectl-skupper/" + packed.Commit + "/*\"}}");
        // EmbedUntrackedSources: the generated files (AssemblyInfo, global usings) are in the PDB.
        custom.Count(c => reader.GetGuid(c.Kind) == EmbeddedSourceKind).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void The_sdk_assembly_names_its_pdb_by_a_mapped_path_not_the_build_folder()
    {
        using var zip = Open($"Skupper.Cli.Sdk.{ReleaseBuild.Version}.nupkg");
        var dll = Read(zip, "lib/net10.0/Skupper.Cli.Sdk.dll");
        using var pe = new PEReader(new MemoryStream(dll));
        var codeView = pe.ReadCodeViewDebugDirectoryData(pe.ReadDebugDirectory().Single(d => d.Type == DebugDirectoryEntryType.CodeView));
        codeView.Path.ShouldMatch("^/_[0-9]*/.*/Skupper.Cli.Sdk.pdb$");
        foreach (var folder in new[] { ReleaseBuild.RepoRoot.TrimEnd('/'), packed.Root })
            dll.AsSpan().IndexOf(Encoding.UTF8.GetBytes(folder)).ShouldBe(-1, folder);
    }

    [Fact]
    public void The_template_package_is_a_template_package_with_the_skupper_plugin_template()
    {
        using var zip = Open($"Skupper.Cli.Templates.{ReleaseBuild.Version}.nupkg");
        Nuspec(zip).Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value.ShouldBe("Template");
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        entries.ShouldContain("content/skupper-plugin/.template.config/template.json");
        entries.ShouldContain("content/skupper-plugin/SkupperPlugin1.csproj");
        entries.ShouldContain("content/skupper-plugin/.gitignore");
        entries.ShouldNotContain(e => e.StartsWith("lib/", StringComparison.Ordinal));
        entries.ShouldNotContain(e => e.Contains("/bin/") || e.Contains("/obj/"));
    }
}
