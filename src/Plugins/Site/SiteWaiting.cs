using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Plugins.Site.Stores;

namespace Skupper.Plugins.Site;

/// <summary>Waiting for a site to be configured or ready, and the line that ends a create or update.</summary>
internal static class SiteWaiting
{
    /// <summary>
    /// Until the site's condition (<c>Configured</c>, <c>Ready</c>) holds, when there is a controller to wait for
    /// and the user asked to wait (null is <c>--wait none</c>).
    /// </summary>
    public static Task UntilAsync(ISiteStore store, string name, string? condition, TimeSpan timeout, CommandSteps steps,
        CancellationToken cancellationToken) =>
        !store.HasController || condition is null
            ? Task.CompletedTask
            : steps.UntilAsync<SiteResource>("Site", name, condition, timeout, "site status", cancellationToken);

    /// <summary>The line that ends a create or update: where the file went, what was done, or what was waited for.</summary>
    public static string Outcome(ISiteStore store, string name, string done, string? condition) =>
        !store.HasController ? $"Site \"{name}\" is {done}: {store.Location(name)}"
        : condition is null ? $"Site \"{name}\" is {done}."
        : $"Site \"{name}\" is {condition.ToLowerInvariant()}.";
}
