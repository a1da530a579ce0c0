namespace Skupper.Cli.Host.Hooks;

/// <summary>
/// A hard ceiling on the process's GC heap while a hook runs. Jint checks its memory limit between
/// statements, so one call that allocates a huge string or array at once ('x'.repeat(2 ** 28))
/// would finish its allocation first; under this ceiling the allocation itself fails with an
/// OutOfMemoryException on the hook thread, which is reported as the memory limit. Set through
/// GCHeapHardLimit and <see cref="GC.RefreshMemoryLimit"/> (about 0.1 ms; no collection), and only
/// in the CLI's own process (<see cref="HostEnvironment.OwnsProcess"/>): in a process shared with
/// other work the ceiling would be theirs too.
/// </summary>
internal sealed class MemoryCeiling : IDisposable
{
    /// <summary>Room above the hook's own limit for the rest of the process while the hook runs.</summary>
    private const long Headroom = 64L * 1024 * 1024;

    private bool _kept;

    /// <summary>Lets a hook allocate about <paramref name="hookLimitBytes"/> above what the heap holds now.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "Set and Dispose are one ceiling's pair: an instance, so that `using` undoes what Set did")]
    public void Set(long hookLimitBytes)
    {
        var heap = Math.Max(GC.GetTotalMemory(false), GC.GetGCMemoryInfo().TotalCommittedBytes);
        Apply((ulong)(heap + hookLimitBytes + Headroom));
    }

    /// <summary>A hook was abandoned still running: the ceiling stays, so it stays bounded until the process ends.</summary>
    public void Keep() => _kept = true;

    public void Dispose()
    {
        if (!_kept) Apply(0);
    }

    private static void Apply(ulong limit)
    {
        AppContext.SetData("GCHeapHardLimit", limit);
        try { GC.RefreshMemoryLimit(); }
        catch (InvalidOperationException) { /* the heap is already above it: Jint's own limit still applies */ }
    }
}
