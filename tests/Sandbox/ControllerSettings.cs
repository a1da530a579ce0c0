namespace Skupper.Sandbox;

/// <summary>The simulated Skupper controller's switches, changeable while the sandbox runs.</summary>
public sealed class ControllerSettings
{
    private long _site, _grant, _token, _link;
    private int _enabled = 1;

    /// <summary>Raised when <see cref="Enabled"/> turns on, so existing objects are reconciled.</summary>
    internal event Action? Enabled_On;

    /// <summary>Off: the controller writes no status at all; the test sets status itself.</summary>
    public bool Enabled
    {
        get => Volatile.Read(ref _enabled) == 1;
        set
        {
            var was = Interlocked.Exchange(ref _enabled, value ? 1 : 0) == 1;
            if (value && !was) Enabled_On?.Invoke();
        }
    }

    /// <summary>Time from a Site change to its status update.</summary>
    public TimeSpan SiteDelay { get => Get(ref _site); set => Set(ref _site, value); }

    /// <summary>Time from an AccessGrant change (or its site's) to its status update.</summary>
    public TimeSpan GrantDelay { get => Get(ref _grant); set => Set(ref _grant, value); }

    /// <summary>Time from an AccessToken's creation to its redemption.</summary>
    public TimeSpan TokenDelay { get => Get(ref _token); set => Set(ref _token, value); }

    /// <summary>Time from a Link's creation to it being Ready.</summary>
    public TimeSpan LinkDelay { get => Get(ref _link); set => Set(ref _link, value); }

    /// <summary>Sets all four delays.</summary>
    public void SetAllDelays(TimeSpan delay) => SiteDelay = GrantDelay = TokenDelay = LinkDelay = delay;

    private static TimeSpan Get(ref long ticks) => TimeSpan.FromTicks(Interlocked.Read(ref ticks));

    private static void Set(ref long ticks, TimeSpan value) =>
        Interlocked.Exchange(ref ticks, value < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value)) : value.Ticks);
}
