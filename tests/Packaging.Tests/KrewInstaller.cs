using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Skupper.Packaging.Tests;

/// <summary>
/// What <c>kubectl krew install --manifest M --archive A</c> does (krew's internal/installation:
/// install.go, move.go; download's sha256 verifier and untar), step by step:
/// pick the platform whose selector matches, verify the archive's sha256, unpack it into a
/// staging folder, apply <c>files</c> into <c>store/&lt;plugin&gt;/&lt;version&gt;/</c>, symlink
/// <c>bin/kubectl-&lt;plugin&gt;</c> to <c>bin</c> in there and write the receipt.
/// </summary>
public sealed class KrewInstaller(string krewRoot)
{
    public string Root { get; } = krewRoot;
    public string BinDir => Path.Combine(Root, "bin");
    public string StoreDir(string plugin, string version) => Path.Combine(Root, "store", plugin, version);
    public string ReceiptPath(string plugin) => Path.Combine(Root, "receipts", plugin + ".yaml");

    /// <summary>Installs and returns the install folder; throws with krew's reason on any failure.</summary>
    public string Install(string manifestPath, string archivePath, string os = "linux", string arch = "amd64")
    {
        var manifest = Manifest.Load(manifestPath);
        if (File.Exists(ReceiptPath(manifest.Name!))) throw new InvalidOperationException("can't install, the newest version is already installed");
        return Put(manifest, archivePath, os, arch);
    }

    /// <summary>
    /// <c>kubectl krew upgrade</c> (internal/installation/upgrade.go, Upgrade): the new version goes
    /// into its own store folder, bin/ is relinked to it, then the old version's folder is removed
    /// (cleanupInstallation). Returns the new install folder.
    /// </summary>
    public string Upgrade(string manifestPath, string archivePath, string os = "linux", string arch = "amd64")
    {
        var manifest = Manifest.Load(manifestPath);
        if (!File.Exists(ReceiptPath(manifest.Name!))) throw new InvalidOperationException("plugin is not installed");
        var old = Manifest.Load(ReceiptPath(manifest.Name!)).Version!;
        if (old == manifest.Version) throw new InvalidOperationException("plugin is already on the newest version");
        var installDir = Put(manifest, archivePath, os, arch);
        Directory.Delete(StoreDir(manifest.Name!, old), recursive: true);
        return installDir;
    }

    private string Put(Manifest manifest, string archivePath, string os, string arch)
    {
        var platform = manifest.Platforms.SingleOrDefault(p => p.Matches(os, arch))
            ?? throw new InvalidOperationException($"plugin \"{manifest.Name}\" does not offer installation for this platform");

        var sha = Sha256Of(archivePath);
        if (sha != platform.Sha256) throw new InvalidOperationException($"checksum does not match, want: {platform.Sha256}, got {sha}");

        var staging = Directory.CreateTempSubdirectory("krew-downloads").FullName;
        try
        {
            Extract(archivePath, staging);
            var installDir = StoreDir(manifest.Name!, manifest.Version!);
            Directory.CreateDirectory(Path.GetDirectoryName(installDir)!);
            var tmp = Directory.CreateTempSubdirectory("krew-temp-move").FullName;
            foreach (var op in platform.EffectiveFiles) Move(staging, tmp, op);
            if (Directory.Exists(installDir)) Directory.Delete(installDir, recursive: true);
            Directory.Move(tmp, installDir);

            var bin = Path.GetFullPath(Path.Combine(installDir, platform.Bin!));
            if (!bin.StartsWith(Path.GetFullPath(installDir) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidOperationException($"bin {platform.Bin} is outside the install folder");
            if (!File.Exists(bin)) throw new InvalidOperationException($"can't create symbolic link, source binary ({bin}) cannot be found in extracted archive");
            Directory.CreateDirectory(BinDir);
            var link = Path.Combine(BinDir, "kubectl-" + manifest.Name!.Replace('-', '_'));
            if (File.Exists(link) || Directory.Exists(link)) File.Delete(link);
            File.CreateSymbolicLink(link, bin);

            Directory.CreateDirectory(Path.GetDirectoryName(ReceiptPath(manifest.Name))!);
            File.WriteAllText(ReceiptPath(manifest.Name), manifest.Text.TrimEnd() + "\nstatus:\n  source:\n    name: default\n");
            return installDir;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>krew's findMoveTargets: an existing path moves as itself (to "." keeps its name), else a glob.</summary>
    private static void Move(string fromDir, string toDir, FileOperation op)
    {
        if (string.IsNullOrEmpty(op.From) || string.IsNullOrEmpty(op.To)) throw new InvalidOperationException("`from` and `to` have to be set");
        if (op.To != CleanPath(op.To)) throw new InvalidOperationException($"the provided path is not clean, \"{op.To}\"");
        var direct = Path.Combine(fromDir, op.From);
        if (File.Exists(direct) || Directory.Exists(direct))
        {
            var target = Path.Combine(toDir, op.To == "." ? Path.GetFileName(direct.TrimEnd('/')) : op.To);
            Rename(direct, target);
            return;
        }
        var dir = Path.Combine(fromDir, Path.GetDirectoryName(op.From) ?? "");
        var matches = Directory.Exists(dir) ? Directory.GetFileSystemEntries(dir, Path.GetFileName(op.From)) : [];
        if (matches.Length == 0) throw new InvalidOperationException($"no files in the plugin archive matched the glob pattern={op.From}");
        foreach (var m in matches) Rename(m, Path.Combine(toDir, op.To, Path.GetFileName(m)));
    }

    private static void Rename(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        if (Directory.Exists(to)) Directory.Delete(to, recursive: true);
        if (Directory.Exists(from)) Directory.Move(from, to);
        else File.Move(from, to, overwrite: true);
    }

    private static string CleanPath(string p)
    {
        var parts = new List<string>();
        foreach (var s in p.Split('/'))
        {
            if (s is "" or ".") continue;
            if (s == ".." && parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(s);
        }
        var clean = string.Join('/', parts);
        return p.StartsWith('/') ? "/" + clean : clean.Length == 0 ? "." : clean;
    }

    /// <summary>The caveats' shell commands for Linux and macOS: their indented <c>cp</c> lines.</summary>
    public static IReadOnlyList<string> CaveatCommands(Manifest manifest) =>
        (manifest.Caveats ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("cp ", StringComparison.Ordinal)).ToList();

    /// <summary>Pastes the caveats' commands into <c>sh</c>, as a user does, with this krew root as KREW_ROOT.</summary>
    public void RunCaveats(Manifest manifest)
    {
        var commands = CaveatCommands(manifest);
        if (commands.Count == 0) throw new InvalidOperationException("the caveats have no command to run");
        var psi = new System.Diagnostics.ProcessStartInfo("sh") { RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-ec");
        psi.ArgumentList.Add(string.Join('\n', commands));
        psi.Environment["KREW_ROOT"] = Root;
        psi.Environment["HOME"] = Root;
        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"caveats' commands failed (exit {p.ExitCode}): {err}");
    }

    public static string Sha256Of(string file)
    {
        using var s = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    /// <summary>Unpacks a .tar.gz with each entry's mode, as krew's untar does.</summary>
    public static void Extract(string archive, string into)
    {
        using var file = File.OpenRead(archive);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        TarFile.ExtractToDirectory(gz, into, overwriteFiles: false);
    }

    /// <summary>Every entry of a .tar.gz: its path (no leading ./, directories end in /) and mode.</summary>
    public static IReadOnlyDictionary<string, (TarEntryType Type, UnixFileMode Mode, long Length)> List(string archive)
    {
        var entries = new Dictionary<string, (TarEntryType, UnixFileMode, long)>(StringComparer.Ordinal);
        using var file = File.OpenRead(archive);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gz);
        while (reader.GetNextEntry() is { } e)
        {
            var name = e.Name.StartsWith("./", StringComparison.Ordinal) ? e.Name[2..] : e.Name;
            if (name.Length == 0) continue;
            entries[name] = (e.EntryType, e.Mode, e.Length);
        }
        return entries;
    }
}
