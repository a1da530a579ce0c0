using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Host.Hooks;

/// <summary>
/// The hook service: knows from discovery (a directory listing and a text scan) which hooks
/// export a function for an event, and only then hands the event to <see cref="JintHookHost"/>,
/// the one class that touches Jint. A command with no hook for its events never loads Jint.
/// </summary>
public sealed class HookRunner(HostEnvironment env, IReadOnlyList<HookFile> hooks, Func<HookSettings> settings, HookWarmup? warmup = null)
    : IHookRunner
{
    public IReadOnlyList<HookFile> Hooks => hooks;

    /// <summary>Whether this command has built a Jint engine: ran a hook, or had the warm-up build one.</summary>
    private bool _engineBuilt;

    /// <summary>
    /// Whether any of Jint's cost was paid: an engine built, or (in the managed build, where assemblies load on first
    /// use) its assembly loaded at all. The native build holds every assembly from the start, so only the first counts.
    /// </summary>
    private bool JintLoaded() =>
        _engineBuilt || warmup?.BuildsEngines == true ||
        System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported &&
        AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Jint");

    public bool Handles(string eventName)
    {
        var export = HookEvents.ExportName(eventName);
        var count = hooks.Count(h => h.Handles(export));
        if (env.Debug)
            env.Error.WriteLine(count == 0
                ? $"debug: hooks: no hook handles {eventName} ({export}); Jint loaded: {(JintLoaded() ? "yes" : "no")}"
                : $"debug: hooks: {count} hook(s) handle {eventName} ({export})");
        return count > 0;
    }

    public async Task<JsonObject> RunAsync(string eventName, JsonObject context, CancellationToken cancellationToken)
    {
        var export = HookEvents.ExportName(eventName);
        var selected = hooks.Where(h => h.Handles(export)).ToList();
        if (selected.Count == 0) return context;
        _engineBuilt = true;
        return await JintHookHost.RunAsync(env, eventName, export, context, selected, settings(), warmup?.TakeEngine(eventName, selected),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What a plugin command gets: with <c>--no-hooks</c> nothing (said on stderr); otherwise the
    /// hooks found, unless one of them is refused, which stops the command before it starts. With a
    /// <paramref name="warmup"/> started for this command, what it found and read is used, and its engines.
    /// </summary>
    public static IHookRunner Create(HostEnvironment env, bool noHooks, HookWarmup? warmup = null)
    {
        if (noHooks)
        {
            env.Error.WriteLine("Hooks are disabled by --no-hooks: none will run.");
            return new Services.NoHookRunner();
        }
        var found = warmup?.Found ?? HookDiscovery.Find(env);
        var refused = found.Where(h => h.Refused is not null).ToList();
        if (refused.Count > 0)
            throw new SkupperException(
                string.Join("\n", refused.Select(h => Printable.Escape($"hook {h.Path} refused: {h.Refused}"))),
                hint: $"Fix it, or run the command with --no-hooks. \"{env.InvocationName} hook list\" shows every hook.");
        if (env.Debug)
            foreach (var h in found)
                env.Error.WriteLine($"debug: hooks: found {Printable.Path(h.Path)} ({h.Folder.Source}): " +
                                    string.Join(", ", h.Exports.Order(StringComparer.Ordinal)));
        HookSettings? loaded = null;
        // Settings are read (and checked) when there are hooks at all: a bad file then stops the command.
        if (found.Count > 0) loaded = warmup?.Settings ?? HookSettings.Load(env);
        return new HookRunner(env, found, () => loaded ?? HookSettings.Default, warmup);
    }
}
