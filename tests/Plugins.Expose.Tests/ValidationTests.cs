using Skupper.Cli.Sdk;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Expose.Tests;

/// <summary>Bad input: one line per problem, all together, exit 2 (1 for an unmet precondition), nothing created. In-process.</summary>
public sealed class ValidationTests(InstantSandbox fixture) : SandboxTestBase(fixture.Server), IClassFixture<InstantSandbox>
{
    private const string NameRule = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')";

    [Theory]
    [InlineData("0", "Error: invalid value \"0\" for port: it must be from 1 to 65535\n")]
    [InlineData("70000", "Error: invalid value \"70000\" for port: it must be from 1 to 65535\n")]
    [InlineData("x", "Error: invalid value \"x\" for port: it must be a whole number\n")]
    public async Task A_bad_port_is_refused(string port, string error)
    {
        var ns = await SiteAsync("west");
        var r = await InProcess.KubectlSkupper(NewHome(), "listener", "create", "db", port, "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe(error);
        List("listeners", ns).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("fe80::1%eth0", true)]
    [InlineData("fe80::1%2", true)]
    [InlineData("fe80::1%\u001b[2J", false)]
    [InlineData("fe80::1%a b", false)]
    [InlineData("fe80::1%an-interface-name-too-long", false)]
    public async Task An_IPv6_host_may_name_an_interface_as_its_scope_and_nothing_else(string host, bool valid)
    {
        // Issue 35, item 13: any text after the % was accepted, stored and shown raw.
        var ns = await SiteAsync("west");
        var r = await InProcess.KubectlSkupper(NewHome(), "connector", "create", "db", "5432", "--host", host, "--wait", "none", "-n", ns);
        if (valid)
        {
            r.ExitCode.ShouldBe(0, r.ToString());
            return;
        }
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe($"Error: invalid value \"{Printable.Escape(host)}\" for --host: use a host name such as backend.example.com " +
                       "or an IP address (an IPv6 scope after % is an interface, such as fe80::1%eth0)\n");
        List("connectors", ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_problem_is_reported_together()
    {
        var ns = await SiteAsync("west");
        var r = await InProcess.KubectlSkupper(NewHome(), "connector", "create", "Backend", "8080", "--routing-key", "be_1",
            "--selector", "app backend", "--host", "db", "--connector-type", "udp", "--wait", "soon", "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe(
            $"Error: invalid connector name: \"Backend\" is not a valid name: {NameRule}\n" +
            $"Error: invalid value \"be_1\" for --routing-key: \"be_1\" is not a valid name: {NameRule}\n" +
            "Error: invalid value \"app backend\" for --selector: use label=value, comma-separated, such as app=backend\n" +
            "Error: --host and --selector cannot both be given: a connector targets one or the other\n" +
            "Error: invalid value \"udp\" for --connector-type: choose tcp\n" +
            "Error: invalid value \"soon\" for --wait: choose none, configured or ready\n");
        List("connectors", ns).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_name_taken_is_an_unmet_precondition()
    {
        var home = NewHome();
        var ns = await SiteAsync("west");
        (await InProcess.KubectlSkupper(home, "listener", "create", "db", "5432", "--wait", "none", "-n", ns)).ExitCode.ShouldBe(0);
        var r = await InProcess.KubectlSkupper(home, "listener", "create", "db", "5433", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: There is already a listener \"db\" in namespace \"{ns}\"; change it with \"kubectl skupper listener update db\"\n");
        Get("listeners", ns, "db")!["spec"]!["port"]!.GetValue<int>().ShouldBe(5432);
    }

    [Fact]
    public async Task Missing_arguments_and_an_empty_update_are_usage_errors()
    {
        var ns = await SiteAsync("west");
        var home = NewHome();
        var create = await InProcess.KubectlSkupper(home, "listener", "create", "-n", ns);
        create.ExitCode.ShouldBe(2);
        create.Err.ShouldBe("Error: a listener name is required: kubectl skupper listener create <name> <port>\n" +
                            "Error: a listener port is required: kubectl skupper listener create <name> <port>\n");
        var update = await InProcess.KubectlSkupper(home, "listener", "update", "db", "-n", ns);
        update.ExitCode.ShouldBe(2);
        update.Err.ShouldBe($"Error: nothing to change: give --routing-key, --host, --port, --tls-credentials or --type\n" +
                            $"Error: No listener named \"db\" exists in namespace \"{ns}\"\n");
    }
}
