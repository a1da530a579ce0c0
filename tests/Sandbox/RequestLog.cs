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
    private readonly object _gate = new();
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RequestLog(TextWriter? echo = null) => _echo = echo;

    /// <summary>Number of requests recorded since start (or the last <see cref="Clear"/>).</summary>
    public int Count => _entries.Count;

    public IReadOnlyList<RequestLogEntry> Entries => _entries.ToArray();

    public void Clear() => _entries.Clear();

    /// <summary>
    /// Completes once <paramref name="condition"/> holds for the entries recorded so far, re-checked at each new entry
    /// (no polling), so a test can act at an observable point of a command's conversation with the API.
    /// Throws <see cref="TimeoutException"/> naming the entries when it does not hold within <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForAsync(Func<IReadOnlyList<RequestLogEntry>, bool> condition, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task added;
            lock (_gate) added = _added.Task;
            if (condition(Entries)) return;
            try { await added.WaitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the request log never showed {what} within {timeout.TotalSeconds:0} s:\n{string.Join("\n", Entries)}");
            }
        }
    }

    internal void Add(RequestLogEntry entry)
    {
        _entries.Enqueue(entry);
        TaskCompletionSource added;
        lock (_gate) (added, _added) = (_added, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        added.SetResult();
        if (_echo != null)
            lock (_echo) _echo.WriteLine($"{entry.Time:HH:mm:ss.fff} {entry}");
    }
}
