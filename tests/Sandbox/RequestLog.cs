using System.Collections.Concurrent;

namespace Skupper.Sandbox;

/// <summary>One API request as the sandbox answered it. Watches are recorded when their response starts.</summary>
public sealed record RequestLogEntry(DateTimeOffset Time, string Method, string PathAndQuery, int Status)
{
    /// <summary>The path without the query string.</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];

    public bool IsWatch => PathAndQuery.Contains("watch=true", StringComparison.Ordinal) || PathAndQuery.Contains("watch=1", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {PathAndQuery} {Status}";
}

/// <summary>Every request the sandbox served, in order; tests count the requests a command made.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();
    private readonly TextWriter? _echo;

    public RequestLog(TextWriter? echo = null) => _echo = echo;

    /// <summary>Number of requests recorded since start (or the last <see cref="Clear"/>).</summary>
    public int Count => _entries.Count;

    public IReadOnlyList<RequestLogEntry> Entries => _entries.ToArray();

    public void Clear() => _entries.Clear();

    internal void Add(RequestLogEntry entry)
    {
        _entries.Enqueue(entry);
        if (_echo != null)
            lock (_echo) _echo.WriteLine($"{entry.Time:HH:mm:ss.fff} {entry}");
    }
}
