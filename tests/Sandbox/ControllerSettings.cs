namespace Skupper.Sandbox;

/// <summary>The simulated Skupper controller's switches, changeable while the sandbox runs.</summary>
public sealed class ControllerSettings
{
    private long _site, _grant, _token, _link, _resync = TimeSpan.FromSeconds(30).Ticks;
    private int _failRedemptions, _failureKind, _failSites;
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

    /// <summary>
    /// How often the controller looks again at AccessTokens whose redemption failed, as Skupper's informers resync
    /// (internal/kube/grants/redeem.go is called again from checkAccessToken for every token not yet redeemed).
    /// Zero: failed redemptions are retried only when the token changes.
    /// </summary>
    public TimeSpan ResyncPeriod { get => Get(ref _resync); set => Set(ref _resync, value); }

    /// <summary>The next N redemptions at the grant server fail transiently, as <see cref="RedemptionFailure"/> says, before it answers.</summary>
    public int FailRedemptions { get => Volatile.Read(ref _failRedemptions); set => Volatile.Write(ref _failRedemptions, Math.Max(0, value)); }

    /// <summary>How the redemptions of <see cref="FailRedemptions"/> fail (default: connection refused).</summary>
    public GrantFailure RedemptionFailure { get => (GrantFailure)Volatile.Read(ref _failureKind); set => Volatile.Write(ref _failureKind, (int)value); }

    /// <summary>One transient failure to answer with, counted down, or null to serve the redemption.</summary>
    internal GrantFailure? TakeGrantFailure() => FaultSettings.TakeOne(ref _failRedemptions) ? RedemptionFailure : null;

    /// <summary>The status message of a site reconcile failed by <see cref="FailSiteReconciles"/>: an update conflict, which the controller retries.</summary>
    public const string SiteFailureMessage = "Operation cannot be fulfilled on configmaps \"skupper-router\": the object has been modified; please apply your changes to the latest version and try again";

    /// <summary>The next N site reconciles set the site's status to Error (a conflict the controller retries on resync).</summary>
    public int FailSiteReconciles { get => Volatile.Read(ref _failSites); set => Volatile.Write(ref _failSites, Math.Max(0, value)); }

    internal bool TakeSiteFailure() => FaultSettings.TakeOne(ref _failSites);

    /// <summary>Sets all four delays.</summary>
    public void SetAllDelays(TimeSpan delay) => SiteDelay = GrantDelay = TokenDelay = LinkDelay = delay;

    private static TimeSpan Get(ref long ticks) => TimeSpan.FromTicks(Interlocked.Read(ref ticks));

    private static void Set(ref long ticks, TimeSpan value) =>
        Interlocked.Exchange(ref ticks, value < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value)) : value.Ticks);
}
