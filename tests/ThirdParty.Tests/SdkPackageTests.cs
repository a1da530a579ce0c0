using System.IO.Compression;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Shouldly;
using Xunit;

namespace Skupper.Cli.ThirdParty.Tests;

/// <summary>What `dotnet pack src/Sdk` produces: the package third parties build against.</summary>
[Collection(ThirdPartyCollection.Name)]
public sealed class SdkPackageTests(BuiltPlugins built)
{
    private static XElement Nuspec(ZipArchive zip)
    {
        using var stream = zip.GetEntry("Skupper.Cli.Sdk.nuspec")!.Open();
        return XDocument.Load(stream).Root!;
    }

    private static IEnumerable<XElement> Named(XElement root, string name) => root.Descendants().Where(e => e.Name.LocalName == name);

    [Fact]
    public async Task The_package_has_the_assembly_its_XML_docs_a_README_and_its_metadata()
    {
        var version = await built.SdkVersionAsync();
        var props = File.ReadAllText(Path.Combine(BuiltPlugins.Repository, "Directory.Build.props"));
        props.ShouldContain($"<SkupperCliVersion>{version}</SkupperCliVersion>");

        using var zip = ZipFile.OpenRead(Path.Combine(await built.SdkFeed, $"Skupper.Cli.Sdk.{version}.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        entries.ShouldContain("lib/net10.0/Skupper.Cli.Sdk.dll");
        entries.ShouldContain("lib/net10.0/Skupper.Cli.Sdk.xml");
        entries.ShouldContain("README.md");
        // The build checks, imported by NuGet into a project that references the package (BuildCheckTests).
        entries.ShouldContain("build/Skupper.Cli.Sdk.targets");
        using (var readme = new StreamReader(zip.GetEntry("README.md")!.Open()))
        {
            var text = readme.ReadToEnd();
            text.ShouldContain("ExcludeAssets=\"runtime\"");
            text.ShouldContain("needs kubectl skupper 2.3 or later");
            text.ShouldContain($"Version=\"{version}\"");
            text.ShouldContain("SkupperCommand<");
            // For plugin authors: no history of this repository's issues, no path only its developers have.
            Regex.IsMatch(text, @"issue \d", RegexOptions.IgnoreCase).ShouldBeFalse();
            text.ShouldNotContain("shared/");
        }
        using (var docs = new StreamReader(zip.GetEntry("lib/net10.0/Skupper.Cli.Sdk.xml")!.Open()))
        {
            var text = docs.ReadToEnd();
            text.ShouldContain("T:Skupper.Cli.Sdk.ISkupperPlugin");
            Regex.IsMatch(text, @"issue \d", RegexOptions.IgnoreCase).ShouldBeFalse();
            text.ShouldNotContain("shared/");
        }

        var nuspec = Nuspec(zip);
        Named(nuspec, "id").Single().Value.ShouldBe("Skupper.Cli.Sdk");
        Named(nuspec, "version").Single().Value.ShouldBe(version);
        var license = Named(nuspec, "license").Single();
        (license.Attribute("type")?.Value, license.Value).ShouldBe(("expression", "Apache-2.0"));
        Named(nuspec, "readme").Single().Value.ShouldBe("README.md");
        Named(nuspec, "description").Single().Value.ShouldNotBeNullOrWhiteSpace();
        Named(nuspec, "tags").Single().Value.Split(' ').ShouldContain("kubectl");
        // The one library its interfaces expose, at the version the host provides; never the host's parser.
        Named(nuspec, "dependency").Select(d => $"{d.Attribute("id")!.Value} {d.Attribute("version")!.Value}").Order().ShouldBe(
            ["KubernetesClient 21.0.8"]);
    }

    [Fact]
    public async Task The_host_has_the_SDK_version_the_package_was_packed_with()
    {
        var version = Version.Parse(await built.SdkVersionAsync());
        AssemblyName.GetAssemblyName(Path.Combine(Skupper.Cli.TestSupport.ProcessRunner.ManagedHostDir, "Skupper.Cli.Sdk.dll")).Version
            .ShouldBe(new Version(version.Major, version.Minor, version.Build, 0));

        using var zip = ZipFile.OpenRead(Path.Combine(await built.FutureSdkFeed, $"Skupper.Cli.Sdk.{BuiltPlugins.FutureSdkVersion}.nupkg"));
        var dll = Path.Combine(built.Root, "future-sdk.dll");
        zip.GetEntry("lib/net10.0/Skupper.Cli.Sdk.dll")!.ExtractToFile(dll, overwrite: true);
        AssemblyName.GetAssemblyName(dll).Version.ShouldBe(new Version(2, 99, 0, 0));
    }

    [Fact]
    public void Samples_and_templates_are_not_part_of_the_solution()
    {
        var solution = File.ReadAllText(Path.Combine(BuiltPlugins.Repository, "SkupperPlugin.sln"));
        solution.ShouldNotContain("samples", Case.Insensitive);
        solution.ShouldNotContain("templates", Case.Insensitive);
        // Each stops MSBuild's search for the repository's props: built as a third party builds it.
        foreach (var folder in new[] { "samples", "templates" })
            foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
                File.ReadAllText(Path.Combine(BuiltPlugins.Repository, folder, file)).ShouldNotContain("<Import");
    }
}
