using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using Skupper.Plugins.Site.Options;
using Skupper.Plugins.Site.Stores;

namespace Skupper.Plugins.Site;

/// <summary>Waiting for a site to be configured, ready or gone, through the shared watch-based waiter.</summary>
internal static class SiteWaiting
{
    /// <summary>The word the result line uses: "configured" or "ready".</summary>
    public static string Word(WaitFor what) => what == WaitFor.Configured ? "configured" : "ready";

    /// <summary>The condition <c>--wait</c> names, for the shared check (<see cref="WaitCheck.Condition"/>).</summary>
    public static WaitCheck Check(SiteResource? site, WaitFor what) =>
        WaitCheck.Condition(site, what == WaitFor.Configured ? ConditionTypes.Configured : ConditionTypes.Ready);

    /// <summary>
    /// Shows "Waiting for status..." until the site reaches <paramref name="what"/>, when there is a
    /// controller to wait for and the user asked to wait; a timeout names what it last saw.
    /// </summary>
    public static async Task UntilAsync(ICommandContext context, ISiteStore store, string name, WaitFor what, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (!store.HasController || what == WaitFor.None) return;
        using var progress = context.Output.Progress("Waiting for status...");
        try
        {
            await context.Waiter.WaitAsync<SiteResource>(store.Namespace, name, s => Check(s, what), timeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (WaitTimeoutException e)
        {
            throw new SkupperException(
                $"Site \"{name}\" is not {Word(what)} yet: timed out after {GoDuration.Humanize(timeout)}" +
                (e.LastMessage is null ? "" : $"; last status: {e.LastMessage}"),
                hint: $"Check its status with \"{context.InvocationName} site status {name}\".");
        }
    }

    /// <summary>The line that ends a create or update: where the file went, what was done, or what was waited for.</summary>
    public static string Outcome(ISiteStore store, string name, string done, WaitFor waited) =>
        !store.HasController ? $"Site \"{name}\" is {done}: {store.Location(name)}"
        : waited == WaitFor.None ? $"Site \"{name}\" is {done}."
        : $"Site \"{name}\" is {Word(waited)}.";
}
