using System.Text;

namespace Skupper.Cli.Sdk;

/// <summary>
/// Writes a file so that readers see the old content or the new, never half of it: a temporary
/// file in the same folder, flushed, then renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Owner read/write only: for anything holding a token's secret code.</summary>
    public const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner read/write, others read: for ordinary resource files.</summary>
    public const UnixFileMode Ordinary = Secret | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static void Write(string path, string content, UnixFileMode mode) =>
        Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(content)), mode);

    /// <summary>
    /// Writes what <paramref name="write"/> puts in the stream it is given (an archive, written as it is made); when
    /// <paramref name="write"/> throws, nothing is left of it and the old file, if any, is untouched. Added in SDK 2.1.
    /// </summary>
    public static void Write(string path, Action<Stream> write, UnixFileMode mode)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            // The mode is set at creation, so the secret is never readable by others, not even briefly.
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
            using (var stream = new FileStream(temp, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
