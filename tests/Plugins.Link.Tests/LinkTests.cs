using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Link.Tests;

/// <summary>The link group on Kubernetes (links made by token redeem, the real way) and on the Link files of the other platforms.</summary>
public sealed class LinkTests(InstantSandbox fixture) : SandboxTestBase(fixture.Server), IClassFixture<InstantSandbox>
{
    private async Task<(TestHome Home, string Ns, string Link)> LinkedAsync()
    {
        var home = NewHome();
        var west = await SiteAsync("west", linkAccess: true);
        var east = await SiteAsync("east");
        await LinkAsync(home, from: east, to: west);
        return (home, east, List("links", east).Single()["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_update_and_delete_a_link_made_by_token_redeem()
    {
        var (home, ns, link) = await LinkedAsync();

        (await Skupper(home, "link", "status", "-n", ns)).Out.ShouldBe(
            $"NAME{new string(' ', link.Length - 2)}STATUS  COST  MESSAGE\n" +
            $"{link}  Ready   1     OK\n");

        var update = await Skupper(home, "link", "update", link, "--cost", "10", "-n", ns);
        update.ExitCode.ShouldBe(0, update.ToString());
        update.Out.ShouldBe($"Link \"{link}\" is ready.\n");
        update.Err.ShouldBe("Waiting for status...\n");
        Get("links", ns, link)!["spec"]!["cost"]!.GetValue<int>().ShouldBe(10);

        (await Skupper(home, "link", "status", link, "-n", ns)).Out.ShouldBe(
            $"Name:     {link}\nStatus:   Ready\nMessage:  OK\nCost:     10\n");

        var delete = await Skupper(home, "link", "delete", link, "-n", ns);
        delete.ExitCode.ShouldBe(0, delete.ToString());
        delete.Out.ShouldBe($"Link \"{link}\" is deleted.\n");
        delete.Err.ShouldBe("Waiting for deletion...\n");
        List("links", ns).ShouldBeEmpty();
        (await Skupper(home, "link", "status", "-n", ns)).Out.ShouldBe($"There are no link resources in namespace \"{ns}\"\n");
    }

    private const string Held = "example.com/held";

    [Fact]
    public async Task Delete_waits_until_the_finalizers_are_cleared_and_the_link_is_gone()
    {
        var (home, ns, link) = await LinkedAsync();
        Server.AddFinalizer("links", ns, link, Held);
        try
        {
            var run = Skupper(home, "link", "delete", link, "-n", ns, "--timeout", "120s");
            // The delete's own watch: one after its DELETE (the setup's token redeem watched links in this namespace too).
            var waiting = Server.Requests.WaitForAsync(log => log
                    .SkipWhile(e => !(e.Method == "DELETE" && e.Path.EndsWith($"/namespaces/{ns}/links/{link}", StringComparison.Ordinal)))
                    .Any(e => e.IsWatch && e.Path.EndsWith($"/namespaces/{ns}/links", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(60), "the wait's watch on the link");
            if (await Task.WhenAny(run, waiting) == run)
                throw new ShouldAssertException($"link delete ended while the link was still there (Terminating): {await run}");
            await waiting;
            Get("links", ns, link)!["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
            run.IsCompleted.ShouldBeFalse();

            Server.RemoveFinalizer("links", ns, link, Held);
            var r = await run;

            r.ExitCode.ShouldBe(0, r.ToString());
            r.Err.ShouldBe("Waiting for deletion...\n");
            r.Out.ShouldBe($"Link \"{link}\" is deleted.\n");
            Get("links", ns, link).ShouldBeNull();
        }
        finally
        {
            if (Get("links", ns, link) != null) Server.RemoveFinalizer("links", ns, link, Held);
        }
    }

    [Fact]
    public async Task Delete_times_out_naming_the_link_that_is_still_there()
    {
        var (home, ns, link) = await LinkedAsync();
        Server.AddFinalizer("links", ns, link, Held);
        try
        {
            var r = await Skupper(home, "link", "delete", link, "-n", ns, "--timeout", "10s");

            r.ExitCode.ShouldBe(1, r.ToString());
            r.Err.ShouldBe($"Waiting for deletion...\nError: Link \"{link}\" is not deleted yet: it still exists after 10 seconds\n" +
                           $"Check it with \"kubectl skupper link status {link}\".\n");
            r.Out.ShouldBeEmpty();
            Get("links", ns, link)!["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
        }
        finally
        {
            Server.RemoveFinalizer("links", ns, link, Held);
        }
        Get("links", ns, link).ShouldBeNull();
    }

    [Fact]
    public async Task Bad_input_is_refused_together_and_nothing_changes()
    {
        var (home, ns, link) = await LinkedAsync();
        var r = await InProcess.KubectlSkupper(home, "link", "update", link, "--cost", "0", "--wait", "soon", "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe("Error: invalid value \"0\" for --cost: it must be at least 1\n" +
                       "Error: invalid value \"soon\" for --wait: choose none, configured or ready\n");
        Get("links", ns, link)!["spec"]!["cost"]!.GetValue<int>().ShouldBe(1); // as redeemed

        r = await InProcess.KubectlSkupper(home, "link", "update", link, "--tls-credentials", "missing", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: the Secret \"missing\" named by --tls-credentials does not exist in namespace \"{ns}\"\n");
        Get("links", ns, link)!["spec"]!["tlsCredentials"]!.GetValue<string>().ShouldBe(link); // as redeemed

        r = await InProcess.KubectlSkupper(home, "link", "update", link, "-n", ns);
        r.ExitCode.ShouldBe(2);
        r.Err.ShouldBe("Error: nothing to change: give --cost or --tls-credentials\n");

        r = await InProcess.KubectlSkupper(home, "link", "delete", "-n", ns);
        r.ExitCode.ShouldBe(2);
        r.Err.ShouldBe("Error: a link name is required: kubectl skupper link delete <name>\n");

        r = await InProcess.KubectlSkupper(home, "link", "delete", "nope", "-n", ns);
        r.ExitCode.ShouldBe(1);
        r.Err.ShouldBe($"Error: No link named \"nope\" exists in namespace \"{ns}\"\n");
        List("links", ns).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_timeout_under_10s_is_refused_by_update_delete_and_generate_and_nothing_changes()
    {
        // The Go CLI's NewTimeoutInSecondsValidator (link/kube/link_{update,delete,generate}.go), through the built CLI.
        var (home, ns, link) = await LinkedAsync();
        foreach (var args in new[] { new[] { "link", "update", link, "--cost", "2" }, ["link", "delete", link], ["link", "generate"] })
        {
            var r = await Skupper(home, [.. args, "--timeout", "5s", "-n", ns]);
            r.ExitCode.ShouldBe(2, r.ToString());
            r.Err.ShouldStartWith("Error: invalid value \"5s\" for --timeout: it must be at least 10s\n", Case.Sensitive, string.Join(' ', args));
            r.Out.ShouldBeEmpty();
        }
        Get("links", ns, link)!["spec"]!["cost"]!.GetValue<int>().ShouldBe(1);
        List("certificates", ns).ShouldNotContain(c => c["metadata"]!["name"]!.GetValue<string>().StartsWith("link-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_podman_the_link_files_are_read_changed_and_removed()
    {
        var home = NewHome();
        var folder = Path.Combine(home.SkupperData, "namespaces", "default", "input", "resources");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "Link-west-abc12.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: skupper.io/v2alpha1
            kind: Link
            metadata:
              name: west-abc12
            spec:
              endpoints:
              - name: inter-router
                host: 10.0.0.1
                port: "55671"
              tlsCredentials: west-abc12

            """);

        (await Skupper(home, "link", "status", "--platform", "podman")).Out.ShouldBe(
            "NAME        STATUS   COST  MESSAGE\n" +
            "west-abc12  Pending  1     -\n");

        var update = await Skupper(home, "link", "update", "west-abc12", "--cost", "5", "--platform", "podman");
        update.ExitCode.ShouldBe(0, update.ToString());
        update.Out.ShouldBe($"Link \"west-abc12\" is updated: {file}\n");
        var text = await File.ReadAllTextAsync(file);
        text.ShouldContain("  cost: 5\n");
        text.ShouldContain("  - name: inter-router\n"); // the rest of the spec is kept

        var delete = await Skupper(home, "link", "delete", "west-abc12", "--platform", "podman");
        delete.ExitCode.ShouldBe(0, delete.ToString());
        delete.Out.ShouldBe("Link \"west-abc12\" is deleted.\n");
        File.Exists(file).ShouldBeFalse();
    }
}
