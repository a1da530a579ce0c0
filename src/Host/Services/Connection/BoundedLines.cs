namespace Skupper.Cli.Host.Services.Connection;

/// <summary>
/// Lines of a stream (a watch: one JSON event a line), none longer than a cap. <see cref="StreamReader.ReadLineAsync()"/>
/// keeps reading a line that never ends until memory runs out (5 GB before --timeout 30s).
/// </summary>
internal sealed class BoundedLines(Stream stream, int maxLineBytes, Func<Exception> tooLong)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;

    /// <summary>The next line without its LF (UTF-8 bytes), or null at the end of the stream.</summary>
    public async ValueTask<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        _line.SetLength(0);
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var end = newline >= 0 ? newline : _end;
            if (_line.Length + (end - _start) > maxLineBytes) throw tooLong();
            _line.Write(_buffer, _start, end - _start);
            if (newline >= 0)
            {
                _start = newline + 1;
                return _line.ToArray();
            }
            _start = _end = 0;
            var n = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            if (n == 0) return _line.Length > 0 ? _line.ToArray() : null;
            _end = n;
        }
    }
}
