using System.Diagnostics;

namespace Skupper.Cli.Host.Hooks;

/// <summary>
/// The host's own bound on one hook, whatever the hook is doing: Jint's time limit is checked
/// between statements, so a hook blocked inside one call (a read that never returns, a wait)
/// would outlive it. The hook thread arms the watchdog at the start of each phase (loading the
/// module, calling the function); the caller stops waiting at the time limit plus a short grace.
/// </summary>
internal sealed class Watchdog(TimeSpan limit)
{
    /// <summary>Long enough for Jint's own timeout, checked between statements, to fire first when it can.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    private long _deadline = Stopwatch.GetTimestamp() + Ticks(limit + Grace);

    public TimeSpan Limit => limit;

    /// <summary>A new phase of the hook starts: it has the full limit again.</summary>
    public void Arm() => Volatile.Write(ref _deadline, Stopwatch.GetTimestamp() + Ticks(limit + Grace));

    /// <summary>The work's result; false when the deadline passed first (the work is then abandoned).</summary>
    public async Task<bool> WaitAsync(Task work, CancellationToken cancellationToken)
    {
        while (!work.IsCompleted)
        {
            var left = Volatile.Read(ref _deadline) - Stopwatch.GetTimestamp();
            if (left <= 0) return false;
            var delay = Task.Delay(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency), cancellationToken);
            await Task.WhenAny(work, delay).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        return true;
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
