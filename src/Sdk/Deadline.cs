using System.Diagnostics;

namespace Skupper.Cli.Sdk;

/// <summary>One <c>--timeout</c> over several steps of a run (wait for the site, then for the grant): what is left of it.</summary>
public static class Deadline
{
    /// <summary>The time left of <paramref name="timeout"/> since <paramref name="clock"/> started, never negative.</summary>
    public static TimeSpan Remaining(TimeSpan timeout, Stopwatch clock)
    {
        var left = timeout - clock.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
