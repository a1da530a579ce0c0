using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Plugins.Site.Stores;

namespace Skupper.Plugins.Site;

/// <summary>Waiting for a site to be configured or ready, whichever store it is in.</summary>
internal static class SiteWaiting
{
    /// <summary>
    /// Until the site's condition (<c>Configured</c>, <c>Ready</c>) holds, when there is a controller to wait for
    /// and the user asked to wait (null is <c>--wait none</c>).
    /// </summary>
    public static Task UntilAsync(SiteStore store, string name, string? condition, TimeSpan timeout, CommandSteps steps,
        CancellationToken cancellationToken) =>
        !store.HasController || condition is null
            ? Task.CompletedTask
            : steps.UntilAsync<SiteResource>("Site", name, condition, timeout, "site status", cancellationToken);
}
