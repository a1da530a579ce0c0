using Skupper.Cli.Host.Services;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Plugins;

/// <summary>
/// The command index on disk, one file under <c>$XDG_CACHE_HOME/skupper/</c>. It decides which
/// DLL a command loads, so it is held to the rule plugins are (<see cref="FileSecurity"/>): a
/// folder or file that is not the user's (or root's), or that group or others may write, is not
/// read. It is written only into a folder the user owns, made 0700, as a 0600 file through
/// <see cref="AtomicFile"/> (an exclusive temporary file of unpredictable name, then a rename), so
/// that nothing planted in the folder is ever written through.
/// </summary>
public sealed class CommandIndexCache(string file, Action<string> debug)
{
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private string Folder => Path.GetDirectoryName(file)!;

    /// <summary>The cached index, or null when there is none that may be used.</summary>
    public CommandIndex? TryRead()
    {
        try
        {
            if (!File.Exists(file)) return null;
            var caller = FileSecurity.CallerUid();
            if ((FileSecurity.Problem(Folder, isFolder: true, caller) ?? FileSecurity.Problem(file, isFolder: false, caller))
                is { } problem)
            {
                debug($"command index {file} not trusted, rebuilding: {problem}");
                return null;
            }
            var index = CommandIndexFile.Parse(File.ReadAllBytes(file));
            if (index is null) debug($"command index {file} is not in the expected format, rebuilding");
            return index;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            debug($"command index {file} unreadable, rebuilding: {e.Message}");
            return null;
        }
    }

    /// <summary>Saves the index; when it cannot, every run rebuilds it, which costs only time.</summary>
    public void TryWrite(CommandIndex index)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Folder);
            }
            else
            {
                Directory.CreateDirectory(Folder, PrivateFolder);
                if (FileSecurity.Owner(Folder) is { } owner && FileSecurity.CallerUid() is { } me && owner != me)
                {
                    debug($"command index not cached: folder {Folder} belongs to uid {owner}, not you (uid {me}); " +
                          "every run will rebuild it");
                    return;
                }
                // An older host created it with the umask's mode.
                if (File.GetUnixFileMode(Folder) != PrivateFolder) File.SetUnixFileMode(Folder, PrivateFolder);
            }
            AtomicFile.Write(file, CommandIndexFile.Write(index), AtomicFile.Secret);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            debug($"command index not cached ({e.Message}); every run will rebuild it");
        }
    }
}
