using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Sdk;

namespace Skupper.Cli.Host.Hooks;

/// <summary>
/// Runs the hooks of one event in Jint: in one <see cref="HookEngine"/> (warmed in the background when
/// the command's events were known at start, else built now), each hook's module in its own scope,
/// each hook on a thread of its own with a large stack so that runaway recursion ends in Jint's limit,
/// never in a crash. With <see cref="HookEngine"/>, the only classes that reference Jint.
/// </summary>
internal static partial class JintHookHost
{
    /// <summary>
    /// The hook thread's stack. Jint's stack guard turns a recursion that would exhaust it (JSON.stringify
    /// or String() of a deeply nested value, a getter calling itself) into a RangeError instead of a
    /// crash; <see cref="HookSettings.MaxRecursionDepthCap"/> is what was measured to fit in it with room
    /// to spare. Reserved, not committed: only what a hook uses is touched.
    /// </summary>
    private const int HookThreadStack = 64 * 1024 * 1024;

    /// <summary>How deep the context a hook leaves may be nested; the token contexts need 2.</summary>
    private const int MaxContextDepth = 64;

    private sealed class HookFailure(string message, bool ignorable) : Exception(message)
    {
        public bool Ignorable { get; } = ignorable;
    }

    /// <summary>
    /// Builds the engine for an event ahead of time (see <see cref="HookWarmup"/>); kept apart so that
    /// only a command with hooks for its events ever loads Jint.
    /// </summary>
    public static object? Warm(HostEnvironment env, string eventName, IReadOnlyList<HookFile> hooks, HookSettings settings) =>
        HookEngine.Warm(env, eventName, hooks, settings);

    /// <param name="warmed">A <see cref="HookWarmup"/>'s engine for this event and these hooks, or null.</param>
    public static async Task<JsonObject> RunAsync(HostEnvironment env, string eventName, string export, JsonObject context,
        IReadOnlyList<HookFile> hooks, HookSettings settings, Task<object?>? warmed, CancellationToken cancellationToken)
    {
        var redactor = new Redactor();
        redactor.Learn(context);
        var current = (JsonObject)context.DeepClone();
        var setBy = new JsonObject();
        if (env.Debug) env.Error.WriteLine($"debug: hooks: {eventName} context: {redactor.Show(current)}");
        HookEngine? engine = null;
        if (warmed is not null)
        {
            var waited = Stopwatch.StartNew();
            engine = await warmed.WaitAsync(cancellationToken).ConfigureAwait(false) as HookEngine;
            if (engine is not null && engine.Settings != settings) engine = null;
            if (env.Debug)
                env.Error.WriteLine(engine is null
                    ? $"debug: hooks: {eventName}: the engine warmed at start failed; building one now"
                    : $"debug: hooks: {eventName}: engine warmed at start (waited {waited.ElapsedMilliseconds} ms for it)");
        }
        using var ceiling = env.OwnsProcess ? new MemoryCeiling() : null;
        try
        {
            for (var i = 0; i < hooks.Count; i++)
            {
                var hook = hooks[i];
                cancellationToken.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                try
                {
                    var (result, used) = await RunOnHookThreadAsync(env, engine, i, hook, eventName, export, current, settings, redactor,
                        ceiling, cancellationToken).ConfigureAwait(false);
                    engine = used;
                    foreach (var key in current.Select(p => p.Key).Union(result.Select(p => p.Key)).ToList())
                        if (!JsonNode.DeepEquals(current[key], result[key])) setBy[key] = hook.Path;
                    current = result;
                    redactor.Learn(current);
                    if (env.Debug)
                        env.Error.WriteLine($"debug: hooks: {Printable.Path(hook.Path)} {export} took {clock.ElapsedMilliseconds} ms; " +
                                            $"context: {redactor.Show(current)}");
                }
                catch (HookFailure f)
                {
                    // Whatever a failed hook left in the engine is not the next hook's: it gets a fresh one.
                    engine?.Dispose();
                    engine = null;
                    var message = redactor.Apply(f.Message);
                    if (f.Ignorable && HookEvents.IsAfter(eventName))
                    {
                        env.Error.WriteLine($"Warning: {message} (ignored: the hook's failurePolicy is Ignore)");
                        continue;
                    }
                    throw new SkupperException(message);
                }
                catch (OperationCanceledException)
                {
                    engine = null; // stopped with its hook, possibly still unwinding on the abandoned thread
                    throw;
                }
            }
        }
        finally
        {
            engine?.Dispose();
        }
        if (setBy.Count > 0) current["setBy"] = setBy;
        return current;
    }

    /// <summary>
    /// One hook on a thread of its own, watched: at the time limit plus <see cref="Watchdog.Grace"/> the
    /// caller stops waiting, whatever the hook is doing, and reports the time limit. The thread is then
    /// abandoned with its engine (stopped at its next statement; a background thread never keeps the
    /// process alive). Ctrl-C returns at once the same way. Returns the engine for the next hook.
    /// </summary>
    private static async Task<(JsonObject, HookEngine)> RunOnHookThreadAsync(HostEnvironment env, HookEngine? engine, int index,
        HookFile hook, string eventName, string export, JsonObject context, HookSettings settings, Redactor redactor,
        MemoryCeiling? ceiling, CancellationToken cancellationToken)
    {
        var watchdog = new Watchdog(settings.Timeout);
        var done = new TaskCompletionSource<(JsonObject, HookEngine)>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Set by the hook thread when it builds the engine itself; read here to stop it.
        var running = engine;
        var stopRequested = 0;
        void StopEngine()
        {
            Volatile.Write(ref stopRequested, 1);
            Volatile.Read(ref running)?.Stop();
        }
        ceiling?.Set(settings.MemoryLimitBytes);
        var thread = new Thread(() =>
        {
            try
            {
                var e = engine ?? HookEngine.Create(env, eventName, settings);
                Volatile.Write(ref running, e);
                if (Volatile.Read(ref stopRequested) == 1) e.Stop();
                done.TrySetResult((RunOne(e, index, hook, export, context, settings, redactor, watchdog, cancellationToken), e));
            }
            catch (Exception e) { done.TrySetException(e); }
        }, HookThreadStack) { IsBackground = true, Name = "skupper-hook" };
        using var onCancel = cancellationToken.Register(StopEngine);
        thread.Start();
        bool finished;
        try
        {
            finished = await watchdog.WaitAsync(done.Task, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Abandon(done.Task, StopEngine, ceiling);
            throw;
        }
        if (!finished)
        {
            Abandon(done.Task, StopEngine, ceiling);
            throw new HookFailure(TimeLimit(hook, settings), hook.IgnoreFailures);
        }
        return await done.Task.ConfigureAwait(false);
    }

    private static void Abandon(Task work, Action stop, MemoryCeiling? ceiling)
    {
        ceiling?.Keep();
        stop();
        // Whatever it ends with later is nobody's business: observe it so it is not reported as unobserved.
        _ = work.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private static string TimeLimit(HookFile hook, HookSettings settings) =>
        $"hook {Printable.Path(hook.Path)}: stopped after the time limit of {GoDuration.Format(settings.Timeout)} " +
        "(\"timeout\" in hooks.json)";

    private static JsonObject RunOne(HookEngine engine, int index, HookFile hook, string export, JsonObject context,
        HookSettings settings, Redactor redactor, Watchdog watchdog, CancellationToken cancellationToken)
    {
        var ignorable = hook.IgnoreFailures;
        var specifier = HookEngine.Specifier(index, hook);
        try
        {
            engine.Begin(hook, redactor, cancellationToken);
            var module = engine.Import(hook, specifier);
            if (module.Get("failurePolicy") is JsString policy) ignorable = policy.ToString() == "Ignore";
            if (module.Get(export) is not Function function) return context;

            var ctx = engine.Prepare(context.ToJsonString());
            watchdog.Arm();
            engine.RestartPhase();
            var returned = engine.Call(function, ctx);
            if (returned.IsPromise())
            {
                var left = settings.Timeout - engine.PhaseElapsed;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                // A promise that never settles: the same time limit as any other hook that runs too long.
                try { returned = returned.UnwrapIfPromise(wait.Token); }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { throw new TimeoutException(); }
            }
            string json;
            try { json = engine.Finish(ctx, returned, hook.Name); }
            catch (HookEngine.ReturnedNonObjectException e)
            {
                throw new HookFailure($"hook {Printable.Path(hook.Path)}: {e.Message}", ignorable);
            }
            catch (JavaScriptException e) when (e.Error is ObjectInstance o && o.Get("name") is JsString n && n.ToString() == "RangeError")
            {
                throw new HookFailure($"hook {Printable.Path(hook.Path)}: the context it left cannot be passed back: {e.Message}",
                    ignorable);
            }
            JsonNode? parsed;
            try { parsed = JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = MaxContextDepth }); }
            catch (System.Text.Json.JsonException)
            {
                throw new HookFailure(
                    $"hook {Printable.Path(hook.Path)}: the context it left is nested deeper than {MaxContextDepth} levels", ignorable);
            }
            return parsed as JsonObject
                ?? throw new HookFailure($"hook {Printable.Path(hook.Path)}: the context is no longer an object", ignorable);
        }
        catch (HookFailure) { throw; }
        catch (OperationCanceledException) { throw; }
        catch (ExecutionCanceledException) { throw new OperationCanceledException(cancellationToken); }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not JavaScriptException)
        {
            throw new OperationCanceledException("interrupted", e, cancellationToken);
        }
        catch (Exception e)
        {
            throw new HookFailure(Describe(e, hook, specifier, settings), ignorable);
        }
    }

    /// <summary>One line naming the hook and what went wrong: <c>hook FILE:LINE:COLUMN: message</c> or the limit hit.</summary>
    private static string Describe(Exception e, HookFile hook, string specifier, HookSettings settings)
    {
        var path = Printable.Path(hook.Path);
        switch (e)
        {
            case TimeoutException:
                return TimeLimit(hook, settings);
            case MemoryLimitExceededException:
            case OutOfMemoryException:
                return $"hook {path}: stopped at the memory limit of {settings.MemoryLimitBytes >> 20} MB " +
                       "(\"memoryLimitMB\" in hooks.json)";
            case RecursionDepthOverflowException:
            case InsufficientExecutionStackException:
                return $"hook {path}: stopped at the recursion depth limit of {settings.MaxRecursionDepth} " +
                       "(\"maxRecursionDepth\" in hooks.json)";
            case StatementsCountOverflowException:
                return $"hook {path}: stopped at the statement limit of {settings.MaxStatements} (\"maxStatements\" in hooks.json)";
            case ParseErrorException p:
                return $"hook {path}:{p.LineNumber}:{p.Column}: {p.Description}";
            case JavaScriptException js:
            {
                if (js.Error is ObjectInstance error && error.Get("name") is JsString { } name && name.ToString() == "HookRefusal")
                    return $"hook {path} refused: {js.Message}";
                var where = Where(js, specifier);
                return $"hook {path}{where}: {js.Message}";
            }
            case PromiseRejectedException rejected:
            {
                var value = rejected.RejectedValue;
                var message = value is ObjectInstance o && o.Get("message") is JsString m ? m.ToString() : value.ToString();
                return $"hook {path}: {message}";
            }
            default:
                return $"hook {path}: {e.Message}";
        }
    }

    /// <summary>":LINE:COLUMN" of the innermost frame in the hook's own file (not a host function's).</summary>
    private static string Where(JavaScriptException e, string specifier)
    {
        var stack = e.JavaScriptStackTrace ?? "";
        foreach (Match m in StackFrame().Matches(stack))
            if (m.Groups[1].Value == specifier)
                return $":{m.Groups[2].Value}:{m.Groups[3].Value}";
        var location = e.Location;
        if (location.SourceFile == specifier && location.Start.Line > 0)
            return $":{location.Start.Line}:{location.Start.Column + 1}";
        return "";
    }

    [GeneratedRegex(@"\(?([^\s()]+):(\d+):(\d+)\)?")]
    private static partial Regex StackFrame();
}
