namespace Skupper.Sandbox;

/// <summary>
/// Faults for reliability tests, all off by default and changeable while the sandbox runs.
/// Error injection applies to resource requests only (not discovery, /version or /openapi),
/// so a client fails where the product talks to the API, not while kubectl warms its caches.
/// </summary>
public sealed class FaultSettings
{
    private readonly object _gate = new();
    private readonly Random _random = new();
    private int _goneOnNextWatch;
    private long _latencyTicks;
    private double _errorRate;
    private int _errorCode = 500;
    private int _watchMaxEvents;
    private int _failNext, _loseNext;
    private int _failNextWatches;
    private double _lostWriteRate;
    private long _watchMaxDurationTicks;

    /// <summary>Added to every request before it is answered.</summary>
    public TimeSpan Latency { get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks)); set => Interlocked.Exchange(ref _latencyTicks, value.Ticks); }

    /// <summary>Fraction (0..1) of resource requests answered with <see cref="ErrorCode"/> instead of being served.</summary>
    public double ErrorRate { get => Volatile.Read(ref _errorRate); set => Volatile.Write(ref _errorRate, Math.Clamp(value, 0, 1)); }

    /// <summary>
    /// 500 (InternalError), 503 (ServiceUnavailable) or 429 (TooManyRequests, with <c>Retry-After: 1</c>
    /// as kube-apiserver's max-in-flight filter sends it: apiserver/pkg/server/filters/maxinflight.go).
    /// </summary>
    public int ErrorCode
    {
        get => Volatile.Read(ref _errorCode);
        set => Volatile.Write(ref _errorCode, value is 500 or 503 or 429 ? value : throw new ArgumentOutOfRangeException(nameof(value), "500, 503 or 429"));
    }

    /// <summary>The next N resource requests (whatever <see cref="ErrorRate"/> says) are answered with <see cref="ErrorCode"/>: a deterministic transient failure.</summary>
    public int FailNextRequests { get => Volatile.Read(ref _failNext); set => Volatile.Write(ref _failNext, Math.Max(0, value)); }

    /// <summary>
    /// The next N watch requests (only watches) are answered with <see cref="ErrorCode"/> instead of a stream: armed
    /// before a command starts, it hits the command's wait and nothing before it, whatever the timing.
    /// </summary>
    public int FailNextWatches { get => Volatile.Read(ref _failNextWatches); set => Volatile.Write(ref _failNextWatches, Math.Max(0, value)); }

    /// <summary>Watches end (cleanly, as when the server drops them) after this many events; 0 = unlimited.</summary>
    public int WatchMaxEvents { get => Volatile.Read(ref _watchMaxEvents); set => Volatile.Write(ref _watchMaxEvents, Math.Max(0, value)); }

    /// <summary>Watches end after this long; zero = only the client's timeoutSeconds applies.</summary>
    public TimeSpan WatchMaxDuration { get => TimeSpan.FromTicks(Interlocked.Read(ref _watchMaxDurationTicks)); set => Interlocked.Exchange(ref _watchMaxDurationTicks, value.Ticks); }

    /// <summary>The next watch (only that one) answers with a 410 Gone ERROR event.</summary>
    public bool GoneOnNextWatch { get => Volatile.Read(ref _goneOnNextWatch) == 1; set => Volatile.Write(ref _goneOnNextWatch, value ? 1 : 0); }

    /// <summary>
    /// Fraction (0..1) of writes (create, update, patch, delete) that are applied but answered 504, as kube-apiserver's
    /// timeout filter answers when the handler outlives the request's deadline while the write still completes
    /// (apiserver/pkg/server/filters/timeout.go): the client cannot tell whether its write happened.
    /// </summary>
    public double LostWriteRate { get => Volatile.Read(ref _lostWriteRate); set => Volatile.Write(ref _lostWriteRate, Math.Clamp(value, 0, 1)); }

    /// <summary>The next N writes are applied and answered 504 (see <see cref="LostWriteRate"/>).</summary>
    public int LoseNextWrites { get => Volatile.Read(ref _loseNext); set => Volatile.Write(ref _loseNext, Math.Max(0, value)); }

    internal bool ShouldLoseWrite() => TakeOne(ref _loseNext) || Chance(LostWriteRate);

    /// <summary>Turns everything off.</summary>
    public void Reset()
    {
        Latency = TimeSpan.Zero;
        ErrorRate = 0;
        ErrorCode = 500;
        WatchMaxEvents = 0;
        WatchMaxDuration = TimeSpan.Zero;
        GoneOnNextWatch = false;
        FailNextRequests = 0;
        LostWriteRate = 0;
        LoseNextWrites = 0;
        FailNextWatches = 0;
    }

    internal bool TakeGoneOnNextWatch() => Interlocked.Exchange(ref _goneOnNextWatch, 0) == 1;

    internal bool ShouldFail(bool isWatch) => (isWatch && TakeOne(ref _failNextWatches)) || TakeOne(ref _failNext) || Chance(ErrorRate);

    private bool Chance(double rate)
    {
        if (rate <= 0) return false;
        lock (_gate) return _random.NextDouble() < rate;
    }

    /// <summary>Counts <paramref name="counter"/> down by one if it is above zero; true when it did (a fault of the next-N kind is due).</summary>
    internal static bool TakeOne(ref int counter)
    {
        while (Volatile.Read(ref counter) is var n && n > 0)
            if (Interlocked.CompareExchange(ref counter, n - 1, n) == n) return true;
        return false;
    }
}
