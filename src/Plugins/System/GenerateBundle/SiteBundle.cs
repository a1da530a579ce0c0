using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;
using Skupper.Plugins.System.Bootstrap;
using Skupper.Plugins.System.Engine;

namespace Skupper.Plugins.System.GenerateBundle;

/// <summary>
/// A site rendered for another machine (internal/nonkube/bundle/site_state_renderer.go, Render): the runtime files are made
/// in a temporary data home, with the site id and the data home's path left as the placeholders Go uses
/// (<c>{{.SiteId}}</c>, <c>{{.NamespacesPath}}</c>) for the install script to fill in; then the namespace's folder and
/// <c>install.sh</c> go into a tarball (tarball.go) or after the script in a self-extracting one (extract.go). No engine.
/// </summary>
internal static class SiteBundle
{
    public const string SiteIdPlaceholder = "{{.SiteId}}";
    public const string NamespacesPlaceholder = "{{.NamespacesPath}}";

    /// <summary>Renders the site whose input is in <paramref name="input"/> and writes the bundle to <paramref name="file"/>.</summary>
    public static void Write(string input, string @namespace, string platform, bool selfExtracting, string file, IOutput output,
        Problems problems, out SiteState? state)
    {
        var temp = Directory.CreateTempSubdirectory("skupper-bundle-").FullName;
        try
        {
            var home = new NamespaceHome(temp, @namespace);
            state = SiteState.Load(home, output, problems, input);
            if (state is null || problems.Any) return;
            Directory.CreateDirectory(home.InputResources);
            foreach (var f in Directory.EnumerateFiles(input, "*.yaml"))
                File.Copy(f, Path.Combine(home.InputResources, Path.GetFileName(f)));
            state.SiteId = SiteIdPlaceholder;
            new SiteBootstrap(home, state, platform, Versions.Skupper).Render(output);
            var namespaces = Path.Combine(temp, "namespaces");
            new Systemd(home, platform, state.SiteId).WriteFiles(Path.Combine(home.Under("internal", "scripts"),
                $"skupper.service.{(platform == "linux" ? "linux" : "container")}"));
            if (platform != "linux")
                AtomicFile.Write(home.Under("internal", "scripts", "containers_create.sh"), ContainersCreate(@namespace),
                    Systemd.Executable);
            foreach (var script in Directory.EnumerateFiles(home.Under("internal", "scripts")))
                File.WriteAllText(script, File.ReadAllText(script).Replace(namespaces, NamespacesPlaceholder, StringComparison.Ordinal));
            var installer = InstallScript.Render(state.Site.Name, @namespace, platform, Versions.Skupper, selfExtracting);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            AtomicFile.Write(file, stream =>
            {
                if (selfExtracting)
                {
                    stream.Write(Encoding.UTF8.GetBytes(installer + InstallScript.Delimiter));
                    WriteTarGz(stream, namespaces, null);
                }
                else WriteTarGz(stream, namespaces, installer);
            }, selfExtracting ? Systemd.Executable : AtomicFile.Ordinary);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>The namespace's folder as <c>&lt;ns&gt;/…</c> entries, modes kept, and <c>install.sh</c> when given.</summary>
    private static void WriteTarGz(Stream stream, string namespaces, string? installer)
    {
        using var gzip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
        var all = Directory.EnumerateFileSystemEntries(namespaces, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        foreach (var entry in all)
            tar.WriteEntry(entry, Path.GetRelativePath(namespaces, entry));
        if (installer is null) return;
        var script = new PaxTarEntry(TarEntryType.RegularFile, "install.sh")
        {
            Mode = Systemd.Executable, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(installer)),
        };
        tar.WriteEntry(script);
    }

    /// <summary>
    /// The router container as a <c>run</c> command (bundle/container.go, containersToShell), with the settings
    /// <see cref="RouterContainer"/> gives the engine's API; the engine, user and paths are filled in at install.
    /// </summary>
    private static string ContainersCreate(string @namespace) => $"""
        #!/bin/sh

        {"{{.ContainerEngine}}"} run -d --name={@namespace}-skupper-router --user={"{{.RunAs}}"} \
            --env=APPLICATION_NAME=skupper-router --env=QDROUTERD_CONF=/etc/skupper-router/config/skrouterd.json \
            --env=QDROUTERD_CONF_TYPE=json --env=SKUPPER_SITE_ID={SiteIdPlaceholder} \
            --env=SSL_PROFILE_BASE_PATH=/etc/skupper-router \
            --label=application=skupper-v2 --label=skupper.io/v2-component=router --label=skupper.io/site-id={SiteIdPlaceholder} \
            --volume={NamespacesPlaceholder}/{@namespace}/runtime/router:/etc/skupper-router/config:z \
            --volume={NamespacesPlaceholder}/{@namespace}/runtime/certs:/etc/skupper-router/runtime/certs:z \
            --restart=always --network=host {RouterContainer.ImageName}

        """;
}
