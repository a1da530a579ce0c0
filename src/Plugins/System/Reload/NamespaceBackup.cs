using System.Formats.Tar;
using Skupper.Cli.Sdk;

namespace Skupper.Plugins.System.Reload;

/// <summary>
/// A namespace's folder kept in memory as a tar while <c>system reload</c> renders it again, and put back when the reload
/// fails (internal/nonkube/common/fs_config_renderer.go, BackupNamespace and RestoreNamespaceData). Tar keeps the files'
/// modes, so the keys come back as private as they were.
/// </summary>
internal sealed class NamespaceBackup
{
    /// <summary>What a reload renders again (reloadDirectories); the issuers stay, so links made to this site still verify.</summary>
    public static readonly string[][] ReloadFolders =
    [
        ["runtime", "router"], ["runtime", "certs"], ["runtime", "resources"], ["runtime", "links"], ["internal", "scripts"],
        ["internal", "snapshot"],
    ];

    private readonly NamespaceHome _home;
    private readonly byte[] _tar;

    private NamespaceBackup(NamespaceHome home, byte[] tar)
    {
        _home = home;
        _tar = tar;
    }

    public static NamespaceBackup Take(NamespaceHome home)
    {
        using var stream = new MemoryStream();
        TarFile.CreateFromDirectory(home.Root, stream, includeBaseDirectory: false);
        return new NamespaceBackup(home, stream.ToArray());
    }

    /// <summary>Empties the folders a reload renders again (CleanupNamespaceForReload).</summary>
    public void ClearForReload()
    {
        foreach (var folder in ReloadFolders)
        {
            var path = _home.Under(folder);
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            Directory.CreateDirectory(path);
        }
    }

    /// <summary>The namespace's folder exactly as it was taken: what the reload wrote is gone.</summary>
    public void Restore()
    {
        if (Directory.Exists(_home.Root)) Directory.Delete(_home.Root, recursive: true);
        Directory.CreateDirectory(_home.Root);
        using var stream = new MemoryStream(_tar);
        TarFile.ExtractToDirectory(stream, _home.Root, overwriteFiles: true);
    }
}
