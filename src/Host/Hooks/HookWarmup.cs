using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Hooks;

/// <summary>
/// Pays the hooks' cold cost on a background thread while the command does I/O it does anyway
/// (loading the plugin, connecting, reading the site, waiting for Ready), as
/// <see cref="Services.Connection.ConnectionWarmup"/> does for the connection. At process start it
/// finds the hooks (the same directory listing and export scan <see cref="HookRunner.Create"/> would
/// make, which then uses this one) and, for each event the invoked command may raise
/// (<c>token issue</c> → <c>token.issue.before</c>, <c>token.issue.after</c>) that some hook
/// exports, builds a <see cref="HookEngine"/>, before-events first. Jint's first engine in a
/// process costs 100–150 ms of type loading and JIT on 2 cores (docs/hooks.md, "Cost"); later ones
/// little. Nothing of it is visible: no output, no error (a failure leaves the command to build the
/// engine itself), a background thread that never delays exit; with no hook for
/// these events Jint is never loaded.
/// </summary>
public sealed class HookWarmup
{
    private sealed record Discovery(IReadOnlyList<HookFile> Found, HookSettings? Settings);

    private sealed record Pending(string EventName, IReadOnlyList<HookFile> Hooks, TaskCompletionSource<object?> Engine);

    private readonly TaskCompletionSource<Discovery?> _discovery = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Every engine promised, fixed before the discovery is published and never changed after: the warm-up
    /// thread completes each from this list. (It once walked the dictionary callers take from, and an engine
    /// taken before the walk reached it was never completed: the command waited forever.)
    /// </summary>
    private List<Pending> _pending = [];

    /// <summary>What callers may still take; an entry leaves it when taken, never when completed.</summary>
    private readonly ConcurrentDictionary<string, Pending> _engines = new(StringComparer.Ordinal);

    private HookWarmup()
    {
    }

    /// <summary>
    /// Whether the warm-up builds any engine (some hook exports a function for the command's events). Final once the
    /// discovery is published, which <see cref="HookRunner.Create"/> waits for. What "Jint is loaded" means in the
    /// native build, where every assembly is part of the executable: whether any of its work is done.
    /// </summary>
    public bool BuildsEngines => _pending.Count > 0;

    /// <param name="commandWords">The words of the command line that are not flags: the command path comes first.</param>
    public static HookWarmup Start(HostEnvironment env, IReadOnlyList<string> commandWords)
    {
        var warmup = new HookWarmup();
        // A thread of its own, not the pool's: the command blocks on the discovery (HookRunner.Create is
        // synchronous), which must never wait for a pool thread that blocked callers keep busy.
        new Thread(() =>
        {
            try { warmup.Run(env, commandWords); }
            catch (Exception)
            {
                // Never the command's problem (an exception here would end the process): it finds the hooks itself.
                warmup._discovery.TrySetResult(null);
                foreach (var entry in warmup._pending) entry.Engine.TrySetResult(null);
            }
        }) { IsBackground = true, Name = "skupper-hook-warmup" }.Start();
        return warmup;
    }

    /// <summary>
    /// The events a command may raise, by the rule plugins follow (its path, then <c>before</c> or
    /// <c>after</c>), for each leading run of words since flags and arguments are not told apart here:
    /// a wrong guess costs an engine nobody takes, never a missed hook.
    /// </summary>
    public static IEnumerable<string> CandidateEvents(IReadOnlyList<string> commandWords)
    {
        var prefixes = Enumerable.Range(1, Math.Min(commandWords.Count, 3)).Select(n => string.Join('.', commandWords.Take(n))).ToList();
        return prefixes.Select(p => p + ".before").Concat(prefixes.Select(p => p + ".after"));
    }

    private void Run(HostEnvironment env, IReadOnlyList<string> commandWords)
    {
        IReadOnlyList<HookFile> found;
        HookSettings? settings = null;
        try
        {
            found = HookDiscovery.Find(env);
            // Settings are read when there are hooks at all, as HookRunner.Create does; a bad file is the command's error.
            if (found.Count > 0)
            {
                try { settings = HookSettings.Load(env); }
                catch (SkupperException) { }
            }
        }
        catch (Exception)
        {
            _discovery.TrySetResult(null);
            return;
        }
        var pending = new List<Pending>();
        if (settings is not null && found.All(h => h.Refused is null))
            foreach (var eventName in CandidateEvents(commandWords))
            {
                var hooks = found.Where(h => h.Handles(HookEvents.ExportName(eventName))).ToList();
                if (hooks.Count > 0)
                {
                    var done = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
                    pending.Add(new Pending(eventName, hooks, done));
                }
            }
        _pending = pending;
        foreach (var entry in pending) _engines[entry.EventName] = entry;
        _discovery.TrySetResult(new Discovery(found, settings));
        foreach (var entry in pending)
            entry.Engine.TrySetResult(Warm(env, entry.EventName, entry.Hooks, settings!));
    }

    /// <summary>Kept out of <see cref="Run"/> so that compiling it does not load Jint.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object? Warm(HostEnvironment env, string eventName, IReadOnlyList<HookFile> hooks, HookSettings settings)
    {
        try { return JintHookHost.Warm(env, eventName, hooks, settings); }
        catch (Exception) { return null; }
    }

    /// <summary>The hooks found at start, or null when discovery failed (the caller then looks again).</summary>
    internal IReadOnlyList<HookFile>? Found => _discovery.Task.Result?.Found;

    /// <summary>The settings read at start, when they were read and valid.</summary>
    internal HookSettings? Settings => _discovery.Task.Result?.Settings;

    /// <summary>
    /// The engine warmed for this event, once, when it was warmed for these very hooks (an opaque
    /// object, so that callers need not load Jint); null when there is none.
    /// </summary>
    internal Task<object?>? TakeEngine(string eventName, IReadOnlyList<HookFile> hooks)
    {
        if (_discovery.Task.Result is null || !_engines.TryRemove(eventName, out var entry)) return null;
        return entry.Hooks.SequenceEqual(hooks, ReferenceEqualityComparer.Instance) ? entry.Engine.Task : null;
    }
}
