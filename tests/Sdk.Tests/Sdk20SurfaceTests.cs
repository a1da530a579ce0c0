using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Shouldly;
using Xunit;

namespace Skupper.Cli.Sdk.Tests;

/// <summary>
/// Within a major a new SDK only adds (src/Sdk/README.md, "Versions"): every public type of the released 2.0.0 package
/// (tests/Fixtures/ThirdParty/sdk-2.0.0), and every public or protected method of it (property accessors included), is
/// still in this SDK, so a plugin built against 2.0 that uses one still loads. Helpers that moved to the bundled
/// plugins' toolkit stay here, obsolete.
/// </summary>
public class Sdk20SurfaceTests
{
    private static readonly Assembly Sdk = typeof(ISkupperPlugin).Assembly;

    [Fact]
    public void Every_public_type_and_member_of_sdk_2_0_0_is_still_public()
    {
        var missing = new List<string>();
        foreach (var (typeName, members) in Released())
        {
            var type = Sdk.GetType(typeName);
            if (type is null || !type.IsVisible)
            {
                missing.Add(typeName);
                continue;
            }
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
            var now = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all))
                .Where(m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly)
                .Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            missing.AddRange(members.Where(m => !now.Contains(m)).Select(m => $"{typeName}.{m}"));
        }
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void The_released_surface_is_read_and_holds_the_helpers_that_moved()
    {
        // Guards the test above against reading nothing.
        var released = Released();
        released.Count.ShouldBeGreaterThan(50);
        released.ShouldContainKey("Skupper.Cli.Sdk.LinkableSite");
        released["Skupper.Cli.Sdk.TlsCredentials"].ShouldContain("CheckExistsAsync");
    }

    /// <summary>The 2.0.0 package's public types (nested ones as <c>Outer+Inner</c>) and their public or protected method names.</summary>
    private static Dictionary<string, HashSet<string>> Released()
    {
        using var zip = ZipFile.OpenRead(PackagePath());
        using var dll = new MemoryStream();
        using (var entry = zip.GetEntry("lib/net10.0/Skupper.Cli.Sdk.dll")!.Open()) entry.CopyTo(dll);
        dll.Position = 0;
        using var pe = new PEReader(dll);
        var md = pe.GetMetadataReader();
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            if (!IsVisible(md, type)) continue;
            var members = new HashSet<string>(StringComparer.Ordinal);
            foreach (var m in type.GetMethods())
            {
                var method = md.GetMethodDefinition(m);
                var access = method.Attributes & MethodAttributes.MemberAccessMask;
                if (access is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem)
                    members.Add(md.GetString(method.Name));
            }
            result[FullName(md, type)] = members;
        }
        return result;
    }

    private static bool IsVisible(MetadataReader md, TypeDefinition type)
    {
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        if (visibility == TypeAttributes.Public) return true;
        if (visibility is not (TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem)) return false;
        return IsVisible(md, md.GetTypeDefinition(type.GetDeclaringType()));
    }

    private static string FullName(MetadataReader md, TypeDefinition type)
    {
        if (type.GetDeclaringType() is { IsNil: false } outer)
            return $"{FullName(md, md.GetTypeDefinition(outer))}+{md.GetString(type.Name)}";
        var ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? md.GetString(type.Name) : $"{ns}.{md.GetString(type.Name)}";
    }

    private static string PackagePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "Fixtures", "ThirdParty", "sdk-2.0.0", "Skupper.Cli.Sdk.2.0.0.nupkg");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("no tests/Fixtures/ThirdParty/sdk-2.0.0/Skupper.Cli.Sdk.2.0.0.nupkg above " +
                                        AppContext.BaseDirectory);
    }
}
