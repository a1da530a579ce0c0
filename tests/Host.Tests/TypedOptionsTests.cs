using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// The SDK's typed options, repeatable options and <c>-o json|yaml|name</c> as a user meets them in a third-party
/// command: the dummy fixture's <c>show</c>, installed as a plugin and run against the sandbox.
/// </summary>
public sealed class TypedOptionsTests(InstantSandbox fixture) : SandboxTestBase(fixture.Server), IClassFixture<InstantSandbox>
{
    private TestHome PluginHome()
    {
        var home = NewHome();
        var plugins = Path.Combine(home.Root, "plugins");
        PluginWorkspace.InstallFixture("dummy", plugins, "dummy");
        home.Variables["SKUPPER_PLUGIN_PATH"] = plugins;
        return home;
    }

    private static Task<RunResult> Show(TestHome home, params string[] args) => Skupper(home, ["dummy", "show", .. args]);

    [Fact]
    public async Task Help_shows_each_default_once_and_the_required_argument()
    {
        var r = await Show(PluginHome(), "--help");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("Usage: kubectl skupper dummy show <name> [options]");
        foreach (var shown in new[] { "(default 90s)", "(default 3)", "(default \"site\")" })
            Regex.Count(r.Out, Regex.Escape(shown)).ShouldBe(1, $"{shown} in\n{r.Out}");
        Regex.Count(r.Out, "90s").ShouldBe(1, r.Out); // written once, by the parser
        r.Out.ShouldContain("--label <LABEL>");
        r.Out.ShouldContain("-o|--output <FORMAT>");
    }

    [Fact]
    public async Task Repeated_labels_a_comma_list_and_annotations_all_reach_the_command()
    {
        var home = PluginHome();
        var ns = await SiteAsync("west");
        var r = await Show(home, "west", "-n", ns, "--label", "app=db", "--label", "tier=web,env=prod", "--label", "app=api",
            "--annotation", "note=hello, world", "--annotation", "example.com/Owner=Ops Team", "-o", "json");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBeEmpty();
        var metadata = JsonNode.Parse(r.Out)!["metadata"]!;
        metadata["labels"]!.ToJsonString().ShouldBe("""{"app":"api","tier":"web","env":"prod"}""");
        metadata["annotations"]!.ToJsonString().ShouldBe("""{"note":"hello, world","example.com/Owner":"Ops Team"}""");
    }

    [Fact]
    public async Task One_resource_prints_byte_for_byte_as_the_bundled_status_prints_it()
    {
        var home = PluginHome();
        var ns = await SiteAsync("west", linkAccess: true);
        foreach (var format in new[] { "yaml", "json" })
        {
            var bundled = await Skupper(home, "site", "status", "west", "-n", ns, "-o", format);
            bundled.ExitCode.ShouldBe(0, bundled.ToString());
            var r = await Show(home, "west", "-n", ns, "-o", format);
            r.ExitCode.ShouldBe(0, r.ToString());
            r.Out.ShouldBe(bundled.Out);
        }
    }

    [Fact]
    public async Task Several_resources_print_as_the_bundled_list_and_one_name_a_line()
    {
        var home = PluginHome();
        var ns = await SiteAsync("west");
        Server.PutSkupper("sites", ns, new JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Site", ["metadata"] = new JsonObject { ["name"] = "west2" },
            ["spec"] = new JsonObject(),
        });
        await Server.WaitForStatusAsync("sites", ns, "west2");
        foreach (var format in new[] { "json", "yaml" })
        {
            var bundled = await Skupper(home, "site", "status", "-n", ns, "-o", format);
            bundled.ExitCode.ShouldBe(0, bundled.ToString());
            bundled.Out.ShouldContain("List", Case.Sensitive, bundled.Out);
            var r = await Show(home, "west", "--also", "west2", "-n", ns, "-o", format);
            r.ExitCode.ShouldBe(0, r.ToString());
            r.Out.ShouldBe(bundled.Out);
        }
        var names = await Show(home, "west", "--also", "west2", "-n", ns, "-o", "name");
        names.ExitCode.ShouldBe(0, names.ToString());
        names.Out.ShouldBe("site.skupper.io/west\nsite.skupper.io/west2\n");
    }

    [Fact]
    public async Task Name_is_kubectls_for_any_kind_and_a_slice_repeats()
    {
        var home = PluginHome();
        var ns = await SiteAsync("west");
        foreach (var name in new[] { "web", "db", "cache" })
        {
            Server.Put("", "v1", "services", ns, Object("v1", "Service", name));
            Server.Put("apps", "v1", "deployments", ns, Object("apps/v1", "Deployment", name));
        }
        var services = await Show(home, "web", "--kind", "service", "--also", "db", "--also", "cache", "-n", ns, "-o", "name");
        services.ExitCode.ShouldBe(0, services.ToString());
        services.Out.ShouldBe("service/web\nservice/db\nservice/cache\n");
        var deployments = await Show(home, "web", "--kind", "deployment", "--also", "db,cache", "--limit", "2", "-n", ns, "-o", "name");
        deployments.ExitCode.ShouldBe(0, deployments.ToString());
        deployments.Out.ShouldBe("deployment.apps/web\ndeployment.apps/db\n");
    }

    [Fact]
    public async Task Export_leaves_out_what_the_server_manages_and_the_clis_create_label_and_kubectl_creates_it_elsewhere()
    {
        var home = PluginHome();
        var ns = await SiteAsync("west");
        var create = await Skupper(home, "listener", "create", "db", "5432", "-n", ns);
        create.ExitCode.ShouldBe(0, create.ToString());

        var full = await Show(home, "db", "--kind", "listener", "-n", ns, "-o", "yaml");
        full.ExitCode.ShouldBe(0, full.ToString());
        foreach (var managed in new[] { "kubectl-skupper/create-request:", "uid:", "resourceVersion:", "creationTimestamp:", "status:" })
            full.Out.ShouldContain(managed, Case.Sensitive, full.Out);

        var exported = await Show(home, "db", "--kind", "listener", "-n", ns, "-o", "yaml", "--export");
        exported.ExitCode.ShouldBe(0, exported.ToString());
        exported.Out.ShouldBe($"""
            apiVersion: skupper.io/v2alpha1
            kind: Listener
            metadata:
              name: db
            spec:
              routingKey: db
              host: db
              port: 5432

            """.Replace("\r", ""));

        var other = await SiteAsync("east");
        var file = Path.Combine(home.Root, "db.yaml");
        File.WriteAllText(file, exported.Out);
        var applied = await Kubectl(home, "create", "-f", file, "-n", other);
        applied.ExitCode.ShouldBe(0, applied.ToString());
        JsonNode.DeepEquals(Get("listeners", other, "db")!["spec"], JsonNode.Parse("""{"routingKey":"db","host":"db","port":5432}"""))
            .ShouldBeTrue(Get("listeners", other, "db")!.ToJsonString());
    }

    [Fact]
    public async Task Every_bad_input_is_reported_in_one_run_and_nothing_is_printed()
    {
        var home = PluginHome();
        var ns = await SiteAsync("west");
        var r = await Show(home, "West_1", "-n", ns, "--also", "ok,No_Good", "--label", "bad key=x", "--label", "env=a b",
            "--annotation", "noequals", "--timeout", "5s", "--limit", "11", "--kind", "secret", "--export=maybe", "-o", "table");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Out.ShouldBeEmpty();
        const string dns = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
                           "and must start and end with an alphanumeric character (e.g. 'example.com')";
        r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            $"Error: invalid value \"West_1\" for name: \"West_1\" is not a valid name: {dns}",
            $"Error: invalid value \"No_Good\" for --also: \"No_Good\" is not a valid name: {dns}",
            "Error: invalid value \"secret\" for --kind: choose site, listener, service or deployment",
            "Error: invalid value \"bad key=x\" for --label: key \"bad key\": name part must consist of alphanumeric characters, " +
            "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')",
            "Error: invalid value \"env=a b\" for --label: value \"a b\": a valid label must be an empty string or consist of " +
            "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
            "(e.g. 'MyValue', or 'my_value', or '12345')",
            "Error: invalid value \"noequals\" for --annotation: it must be formatted as key=value, such as app=backend",
            "Error: invalid value \"5s\" for --timeout: it must be at least 10s",
            "Error: invalid value \"11\" for --limit: it must be from 1 to 10",
            "Error: invalid value \"maybe\" for --export: use true or false",
            "Error: invalid value \"table\" for --output: choose json, yaml or name",
        ]);
    }

    [Fact]
    public async Task A_missing_required_argument_is_one_usage_line_naming_it()
    {
        var r = await Show(PluginHome(), "-n", "default");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Out.ShouldBeEmpty();
        r.Err.ShouldBe("Error: the argument <name> is required: the name of the resource to show\n");
    }

    [Fact]
    public async Task A_single_valued_option_given_twice_keeps_the_last_value_as_cobra_does()
    {
        var r = await Show(PluginHome(), "west", "--timeout", "20s", "--timeout", "5s");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Out.ShouldBeEmpty();
        r.Err.ShouldBe("Error: invalid value \"5s\" for --timeout: it must be at least 10s\n");
    }

    [Fact]
    public async Task A_tab_press_offers_the_choices_and_the_output_formats()
    {
        var home = PluginHome();
        (await Candidates(home, "dummy", "show", "west", "--kind", "")).ShouldBe(["site", "listener", "service", "deployment"]);
        (await Candidates(home, "dummy", "show", "west", "-o", "")).ShouldBe(["json", "yaml", "name"]);
    }

    private static async Task<List<string>> Candidates(TestHome home, params string[] words)
    {
        var r = await Skupper(home, ["__complete", .. words]);
        r.ExitCode.ShouldBe(0, r.ToString());
        return r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith(':'))
            .Select(l => l.Split('\t')[0]).ToList();
    }

    private static JsonObject Object(string apiVersion, string kind, string name) => new()
    {
        ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject(),
    };
}
