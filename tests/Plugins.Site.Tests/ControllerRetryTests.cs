using Shouldly;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Plugins.Site.Tests;

/// <summary>A site in an Error the controller retries is waited out (issue 18); the tests own the site fault switch.</summary>
public sealed class ControllerRetryTests(RetryingSandbox fixture) : SiteTestBase(fixture.Server), IClassFixture<RetryingSandbox>
{
    [Fact]
    public async Task Site_create_waits_out_an_error_the_controller_retries_until_the_site_is_ready()
    {
        var ns = NewNamespace();
        var home = NewHome();
        var errors = new List<string>();
        using var watch = Server.Store.Subscribe(Server.Catalog.Sites, ns, Server.Store.ResourceVersion);
        Server.Controller.FailSiteReconciles = 2;
        try
        {
            var r = await Kubectl(home, "skupper", "site", "create", "west", "-n", ns, "--timeout", "60s");

            r.ExitCode.ShouldBe(0, r.ToString());
            r.Out.ShouldBe("Site \"west\" is ready.\n");
            r.Err.ShouldBe("Waiting for status...\n");
            Server.Controller.FailSiteReconciles.ShouldBe(0);
            // The site really was in Error on the way (what the command waited out).
            while (watch.Events.TryRead(out var e))
                if (Str(e.Object["status"]?["status"]) is "Error") errors.Add(Str(e.Object["status"]?["message"])!);
            errors.ShouldNotBeEmpty();
        }
        finally
        {
            Server.Controller.FailSiteReconciles = 0;
        }
    }

    [Fact]
    public async Task At_the_timeout_the_last_error_is_shown()
    {
        var ns = NewNamespace();
        var home = NewHome();
        Server.Controller.FailSiteReconciles = 1_000_000;
        try
        {
            var r = await Skupper(home, "site", "create", "west", "-n", ns, "--timeout", "10s");

            r.ExitCode.ShouldBe(1, r.ToString());
            r.Err.ShouldContain($"Error: Site \"west\" is not ready yet: timed out after 10 seconds; last status: {ControllerSettings.SiteFailureMessage}");
        }
        finally
        {
            Server.Controller.FailSiteReconciles = 0;
        }
    }
}
