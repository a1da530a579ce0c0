using System.Reflection;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Cli.ThirdParty.Tests;

[CollectionDefinition(Name)]
public sealed class ThirdPartyCollection : ICollectionFixture<BuiltPlugins>
{
    public const string Name = "third-party";
}

/// <summary>
/// What the tests build once per run, each on first use, in one temporary folder: the SDK packed
/// from a copy of its sources (so nothing in the shared checkout's bin/obj is touched), plugins built
/// against that package (not the project) with a private <c>NUGET_PACKAGES</c> (the machine's
/// cache never sees a test build of Skupper.Cli.Sdk), and dotnet's own files in a private home.
/// </summary>
public sealed class BuiltPlugins : IAsyncLifetime
{
    public static string Repository { get; } = typeof(BuiltPlugins).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public const string FutureSdkVersion = "2.99.0";

    private readonly TestHome _builder = new();
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, Task<string>> _built = new();

    public BuiltPlugins()
    {
        Directory.CreateDirectory(NuGetPackages);
        _builder.Variables["NUGET_PACKAGES"] = NuGetPackages;
        // One build at a time on 2 shared cores, and no MSBuild or compiler server left behind.
        _builder.Variables["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        _builder.Variables["MSBUILDDISABLENODEREUSE"] = "1";
        _builder.Variables["UseSharedCompilation"] = "false";
        _builder.Variables["DOTNET_NOLOGO"] = "1";
        _builder.Variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        _builder.Variables["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        _builder.Variables["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
        // No vulnerability lookups: these builds are test equipment, and it saves requests.
        _builder.Variables["NuGetAudit"] = "false";
        // The machine's package cache serves as a read-only local feed (nothing is written to it), so
        // that the builds restore without a network when the machine has built the solution; unless
        // it holds a Skupper.Cli.Sdk, which could be a stale build of the package under test.
        var machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (Directory.Exists(machineCache) && !Directory.Exists(Path.Combine(machineCache, "skupper.cli.sdk")))
        {
            _builder.Variables["RestoreAdditionalProjectSources"] = machineCache;
            _builder.Variables["RestoreIgnoreFailedSources"] = "true";
            // An unreachable source is then a warning, not an error, even under TreatWarningsAsErrors.
            _builder.Variables["WarningsNotAsErrors"] = "NU1801";
        }
        // The machine's package sources (a mirror, say) still apply in the private home.
        var userConfig = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
        if (File.Exists(userConfig))
        {
            var target = Path.Combine(_builder.Home, ".nuget", "NuGet", "NuGet.Config");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(userConfig, target);
        }
    }

    public string Root => _builder.Root;

    /// <summary>The private global packages folder of this run.</summary>
    public string NuGetPackages => Path.Combine(Root, "nuget-packages");

    /// <summary>The environment dotnet runs in for every build of this run (also for the walkthrough).</summary>
    public IReadOnlyDictionary<string, string?> BuildVariables => _builder.Variables;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _builder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A folder holding Skupper.Cli.Sdk.&lt;version&gt;.nupkg, packed as the walkthrough packs it.</summary>
    public Task<string> SdkFeed => Once("feed", () => PackAsync(null, "feed"));

    /// <summary>The SDK packed again as 2.99.0: a minor no host of this build has.</summary>
    public Task<string> FutureSdkFeed => Once("feed-future", () => PackAsync(FutureSdkVersion, "feed-future"));

    /// <summary>The version the default pack produced (SkupperCliVersion).</summary>
    public async Task<string> SdkVersionAsync()
    {
        var nupkg = Directory.GetFiles(await SdkFeed, "Skupper.Cli.Sdk.*.nupkg").Single();
        return Path.GetFileNameWithoutExtension(nupkg)["Skupper.Cli.Sdk.".Length..];
    }

    /// <summary>The publish folder of samples/Skupper.Plugins.Grant built against the packed SDK.</summary>
    public Task<string> GrantPlugin => Once("grant", async () =>
        await PublishAsync("grant", GrantSample, await SdkFeed, await SdkVersionAsync()));

    /// <summary>The same sample built against SDK 2.99.0.</summary>
    public Task<string> FutureGrantPlugin => Once("grant-future", async () =>
        await PublishAsync("grant-future", GrantSample, await FutureSdkFeed, FutureSdkVersion));

    /// <summary>
    /// tests/Fixtures/ThirdParty: plugin projects kept outside the solution and built here as a third party
    /// builds them (its README says how to add one). A plugin of the current SDK is built like the sample:
    /// <c>PublishAsync(name, Path.Combine(ThirdPartyFixtures, folder), await SdkFeed, await SdkVersionAsync())</c>.
    /// </summary>
    public static string ThirdPartyFixtures { get; } = Path.Combine(Repository, "tests", "Fixtures", "ThirdParty");

    /// <summary>The committed Skupper.Cli.Sdk 2.0.0 package: the first SDK a plugin outside this repository could build against.</summary>
    public static string Sdk20Feed { get; } = Path.Combine(ThirdPartyFixtures, "sdk-2.0.0");

    /// <summary>tests/Fixtures/ThirdParty/Sdk20Plugin built against exactly that package.</summary>
    public Task<string> Sdk20Plugin => Once("sdk20", () =>
        PublishAsync("sdk20", Path.Combine(ThirdPartyFixtures, "Sdk20Plugin"), Sdk20Feed, sdkVersion: null));

    /// <summary>tests/Fixtures/ThirdParty/Sdk21Plugin ("notes"), which uses what SDK 2.1 added, built against the packed SDK.</summary>
    public Task<string> Sdk21Plugin => Once("sdk21", async () =>
        await PublishAsync("sdk21", Path.Combine(ThirdPartyFixtures, "Sdk21Plugin"), await SdkFeed, await SdkVersionAsync()));

    private static string GrantSample => Path.Combine(Repository, "samples", "Skupper.Plugins.Grant");

    /// <summary>Runs dotnet in the build environment; fails the test when it fails.</summary>
    public async Task<RunResult> DotnetAsync(params string[] args)
    {
        var r = await ProcessRunner.Run("dotnet", args, _builder, timeout: TimeSpan.FromMinutes(4));
        r.ExitCode.ShouldBe(0, $"dotnet {string.Join(' ', args)}\n{r}");
        return r;
    }

    /// <summary>Runs a bash script in the build environment (PATH, HOME and NuGet as the builds have them).</summary>
    public Task<RunResult> BashAsync(string script, TestHome home)
    {
        foreach (var (k, v) in _builder.Variables) home.Variables.TryAdd(k, v);
        return ProcessRunner.Run("bash", ["-c", script], home, pathPrefix: ProcessRunner.HostDir, timeout: TimeSpan.FromMinutes(8));
    }

    private async Task<string> Once(string key, Func<Task<string>> build)
    {
        Task<string>? task;
        await _lock.WaitAsync();
        try
        {
            if (!_built.TryGetValue(key, out task)) _built[key] = task = build();
        }
        finally
        {
            _lock.Release();
        }
        return await task;
    }

    /// <summary>The repository root's files every build of the checkout reads.</summary>
    private static readonly string[] RootBuildFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json"];

    /// <summary>
    /// A checkout of just what packing the SDK needs (src/Sdk and the repository's props), so that
    /// the packs of this run never write into the shared tree's bin/obj.
    /// </summary>
    public Task<string> SdkCheckout => Once("checkout", () =>
    {
        var checkout = Path.Combine(Root, "checkout");
        foreach (var file in RootBuildFiles)
            if (File.Exists(Path.Combine(Repository, file)))
                File.Copy(Path.Combine(Repository, file), Path.Combine(Directory.CreateDirectory(checkout).FullName, file));
        CopySources(Path.Combine(Repository, "src", "Sdk"), Path.Combine(checkout, "src", "Sdk"));
        return Task.FromResult(checkout);
    });

    /// <summary>A folder holding Skupper.Cli.Templates.&lt;version&gt;.nupkg, packed from packaging/templates as a release packs it.</summary>
    public Task<string> TemplateFeed => Once("templates", async () =>
    {
        var checkout = await SdkCheckout;
        // templates/ whole (its skupper-plugin/packages/README.md is template content), and the packing project.
        CopySources(Path.Combine(Repository, "templates"), Path.Combine(checkout, "templates"));
        CopySources(Path.Combine(Repository, "packaging", "templates"), Path.Combine(checkout, "packaging", "templates"));
        var feed = Path.Combine(Root, "template-feed");
        await DotnetAsync("pack", Path.Combine(checkout, "packaging", "templates"), "-c", "Release", "-o", feed);
        return feed;
    });

    private async Task<string> PackAsync(string? version, string name)
    {
        var checkout = await SdkCheckout;
        var feed = Path.Combine(Root, name);
        string[] args = ["pack", Path.Combine(checkout, "src", "Sdk"), "-c", "Release", "-o", feed];
        if (version is not null) args = [.. args, $"-p:Version={version}"];
        await DotnetAsync(args);
        return feed;
    }

    /// <summary>
    /// Copies a plugin project folder out of the repository, as a third party has it, puts the packages of
    /// <paramref name="feed"/> where its nuget.config looks (./packages), pins its Skupper.Cli.Sdk reference
    /// to <paramref name="sdkVersion"/> unless null, and publishes it; returns the publish folder.
    /// </summary>
    public async Task<string> PublishAsync(string name, string projectFolder, string feed, string? sdkVersion)
    {
        var source = Path.Combine(Root, "src", name);
        CopySources(projectFolder, source);
        var project = Directory.GetFiles(source, "*.csproj").Single();
        if (sdkVersion is not null) File.WriteAllText(project, WithSdkVersion(File.ReadAllText(project), sdkVersion));
        CopyPackages(feed, Path.Combine(source, "packages"));
        var publish = Path.Combine(Root, "publish", name);
        await DotnetAsync("publish", project, "-c", "Release", "-o", publish);
        return publish;
    }

    /// <summary>The SDK package reference pinned to <paramref name="version"/>.</summary>
    public static string WithSdkVersion(string project, string version)
    {
        const string pattern = "(<PackageReference Include=\"Skupper.Cli.Sdk\" Version=\")[^\"]*\"";
        System.Text.RegularExpressions.Regex.IsMatch(project, pattern).ShouldBeTrue("no Skupper.Cli.Sdk package reference");
        return System.Text.RegularExpressions.Regex.Replace(project, pattern, $"${{1}}{version}\"");
    }

    public static void CopyPackages(string feed, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var nupkg in Directory.GetFiles(feed, "*.nupkg"))
            File.Copy(nupkg, Path.Combine(target, Path.GetFileName(nupkg)), overwrite: true);
    }

    /// <summary>Copies a project folder without what building it left behind.</summary>
    public static void CopySources(string source, string target)
    {
        string[] skipped = ["bin", "obj", "packages", "publish"];
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (skipped.Contains(relative.Split(Path.DirectorySeparatorChar)[0])) continue;
            var dest = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
    }

    /// <summary>Copies a plugin's publish folder into <paramref name="root"/>/<paramref name="name"/>: installing it.</summary>
    public static string Install(string publish, string root, string name)
    {
        var target = Path.Combine(root, name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(publish, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(publish, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest, overwrite: true);
        }
        return target;
    }
}
