using System.Collections.Concurrent;

namespace Skupper.Sandbox;

/// <summary>One API request as the sandbox answered it. Watches are recorded when their response starts.</summary>
public sealed record RequestLogEntry(DateTimeOffset Time, string Method, string PathAndQuery, int Status)
{
    /// <summary>The user the request acted as (after impersonation); null when it was not authenticated.</summary>
    public string? User { get; init; }

    /// <summary>That user's groups (system:authenticated included, as the API server adds it).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The authenticated user who asked to impersonate <see cref="User"/>; null when not impersonating.</summary>
    public string? ImpersonatedBy { get; init; }

    /// <summary>The request's User-Agent header, or null.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The path without the query string.</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];

    public bool IsWatch => PathAndQuery.Contains("watch=true", StringComparison.Ordinal) || PathAndQuery.Contains("watch=1", StringComparison.Ordinal);

    public override string ToString() =>
        $"{Method} {PathAndQuery} {Status}" + (User == null ? "" : $" user={User}") + (ImpersonatedBy == null ? "" : $" as-requested-by={ImpersonatedBy}");
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
