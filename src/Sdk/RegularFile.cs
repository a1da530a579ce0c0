using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Skupper.Cli.Sdk;

/// <summary>
/// Reading a file that someone else may have put in place: only a regular file (after symlinks) is
/// opened, since opening a FIFO blocks until a writer comes and a device such as /dev/zero never
/// ends; and the bytes actually read are counted against the cap, never the size the file reports.
/// </summary>
public static class RegularFile
{
    /// <summary>
    /// Why <paramref name="path"/> is not a regular file ("is a FIFO"), or null when it is one or cannot be examined (opening it then says
    /// why).
    /// </summary>
    public static string? Problem(string path)
    {
        if (Directory.Exists(path)) return "is a directory";
        if (!TryFileType(path, out var type)) return null;
        return type switch
        {
            0x8000 => null,
            0x1000 => "is a FIFO (named pipe), not a regular file",
            0x2000 => "is a character device, not a regular file",
            0x6000 => "is a block device, not a regular file",
            0xC000 => "is a socket, not a regular file",
            0x4000 => "is a directory",
            _ => "is not a regular file",
        };
    }

    /// <summary>
    /// The file's bytes, at most <paramref name="maxBytes"/>: an <see cref="IOException"/> when it is not
    /// a regular file (<see cref="NotRegularFileException"/>) or holds more (<see cref="FileTooLargeException"/>: it reads
    /// one byte past the cap and stops, whatever size it reports).
    /// </summary>
    public static byte[] ReadAllBytes(string path, int maxBytes)
    {
        if (Problem(path) is { } problem) throw new NotRegularFileException(problem);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[Math.Min(maxBytes + 1L, Math.Max(stream.CanSeek ? stream.Length + 1 : 0, 16 * 1024))];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length > maxBytes) break;
                Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1L, buffer.Length * 2L));
            }
            var n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0) break;
            total += n;
        }
        if (total > maxBytes) throw new FileTooLargeException(maxBytes);
        return total == buffer.Length ? buffer : buffer[..total];
    }

    /// <summary>The <c>S_IFMT</c> bits of the file's mode, following symlinks.</summary>
    private static bool TryFileType(string path, out uint type)
    {
        var known = FileStatus.TryGet(path, out var mode, out _);
        type = mode & 0xF000u;
        return known;
    }
}

/// <summary>A path that names a FIFO, a device, a socket or a folder where a regular file was needed.</summary>
public sealed class NotRegularFileException(string problem) : IOException(problem);

/// <summary>A file that holds more than a reader's cap.</summary>
public sealed class FileTooLargeException(long maxBytes) : IOException($"larger than {maxBytes} bytes")
{
    public long MaxBytes { get; } = maxBytes;
}
