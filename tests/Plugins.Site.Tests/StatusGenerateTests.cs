using System.Text.Json.Nodes;
using k8s;
using Shouldly;
using Xunit;

namespace Skupper.Plugins.Site.Tests;

public sealed class StatusTests(FastSandbox fixture) : SiteTestBase(fixture.Server), IClassFixture<FastSandbox>
{
    [Fact]
    public async Task Plain_status_through_kubectl_is_a_table()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns, linkAccess: "default");

        var r = await Kubectl(home, "skupper", "site", "status", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("NAME  STATUS  MESSAGE  LINK ACCESS  SITES IN NETWORK\n" +
                       "west  Ready   OK       default      1\n");
    }

    [Fact]
    public async Task Json_status_parses_back_to_the_site_with_its_status()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns, linkAccess: "default");

        var r = await Skupper(home, "site", "status", "west", "-o", "json", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        var site = JsonNode.Parse(r.Out)!.AsObject();
        site.Select(p => p.Key).ShouldBe(["apiVersion", "kind", "metadata", "spec", "status"]);
        Str(site["kind"]).ShouldBe("Site");
        Str(site["metadata"]!["name"]).ShouldBe("west");
        Str(site["metadata"]!["namespace"]).ShouldBe(ns);
        Str(site["spec"]!["linkAccess"]).ShouldBe("default");
        Str(site["status"]!["status"]).ShouldBe("Ready");
        site["status"]!["sitesInNetwork"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Yaml_status_parses_back_to_the_site_with_its_status()
    {
        var ns = NewNamespace();
        var home = NewHome();
        await ReadySiteAsync(ns, linkAccess: "default");

        var r = await Skupper(home, "site", "status", "-o", "yaml", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldEndWith("\n");
        var site = KubernetesYaml.Deserialize<Cli.Sdk.Models.Site>(r.Out);
        site.Name.ShouldBe("west");
        site.Spec.LinkAccess.ShouldBe("default");
        site.Status!.Status.ShouldBe("Ready");
        site.Status.IsReady.ShouldBeTrue();
        site.Status.Endpoints!.Select(e => e.Port).ShouldContain("55671");
        r.Out.ShouldNotContain("commonStatus");
        r.Out.ShouldNotContain("linkAccessEnabled");
    }

    [Fact]
    public async Task No_site_is_said_plainly_and_is_an_error_for_structured_output()
    {
        var ns = NewNamespace();
        var home = NewHome();

        var plain = await Skupper(home, "site", "status", "-n", ns);
        plain.ExitCode.ShouldBe(0, plain.ToString());
        plain.Out.ShouldBe($"There is no existing Skupper site resource in namespace \"{ns}\"\n");

        var json = await Skupper(home, "site", "status", "-o", "json", "-n", ns);
        json.ExitCode.ShouldBe(1, json.ToString());
        json.Out.ShouldBeEmpty();
        json.Err.ShouldBe($"Error: There is no existing Skupper site resource in namespace \"{ns}\"\n");

        var named = await Skupper(home, "site", "status", "west", "-n", ns);
        named.ExitCode.ShouldBe(1, named.ToString());
        named.Err.ShouldBe($"Error: No site resource exists in namespace \"{ns}\"\n");
    }

    [Fact]
    public async Task Unknown_output_format_lists_the_choices()
    {
        var home = NewHome();
        var r = await Skupper(home, "site", "status", "-o", "table", "-n", NewNamespace());
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe("Error: invalid value \"table\" for --output: choose json or yaml\n");
    }
}

public sealed class GenerateTests(FastSandbox fixture) : SiteTestBase(fixture.Server), IClassFixture<FastSandbox>
{
    [Fact]
    public async Task Generate_prints_yaml_without_any_kubeconfig()
    {
        var home = NewHome(kubeconfig: false);

        var r = await Skupper(home, "site", "generate", "west", "--enable-link-access");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBeEmpty();
        r.Out.ShouldBe("""
            apiVersion: skupper.io/v2alpha1
            kind: Site
            metadata:
              name: west
            spec:
              linkAccess: default

            """);
    }

    [Fact]
    public async Task Generate_writes_the_namespace_given_with_n_and_refuses_one_that_is_not_a_name()
    {
        var home = NewHome(kubeconfig: false);

        var r = await Skupper(home, "site", "generate", "west", "-n", "west-ns", "-o", "json");

        r.ExitCode.ShouldBe(0, r.ToString());
        JsonNode.Parse(r.Out)!["metadata"]!.ToJsonString().ShouldBe("""{"name":"west","namespace":"west-ns"}""");

        r = await Skupper(home, "site", "generate", "west", "-n", "West_NS");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Out.ShouldBeEmpty();
        r.Err.ShouldStartWith("Error: invalid namespace: \"West_NS\" is not a valid name");
    }

    [Fact]
    public async Task Generate_json_with_ha_and_type()
    {
        var home = NewHome(kubeconfig: false);

        var r = await Skupper(home, "site", "generate", "east", "-o", "json", "--enable-ha", "--enable-link-access", "--link-access-type", "route");

        r.ExitCode.ShouldBe(0, r.ToString());
        var site = JsonNode.Parse(r.Out)!;
        Str(site["metadata"]!["name"]).ShouldBe("east");
        Str(site["spec"]!["linkAccess"]).ShouldBe("route");
        site["spec"]!["ha"]!.GetValue<bool>().ShouldBeTrue();
        site["status"].ShouldBeNull();
    }

    [Fact]
    public async Task Generated_yaml_applied_with_kubectl_creates_a_site_that_becomes_ready()
    {
        var ns = NewNamespace();
        var home = NewHome();
        var yaml = await Skupper(home, "site", "generate", "west", "--enable-link-access");
        yaml.ExitCode.ShouldBe(0, yaml.ToString());

        var apply = await Cli.TestSupport.ProcessRunner.Run("kubectl", ["apply", "-n", ns, "-f", "-"], home, stdin: yaml.Out);

        apply.ExitCode.ShouldBe(0, apply.ToString());
        apply.Out.ShouldContain("site.skupper.io/west created");
        await Server.WaitForStatusAsync("sites", ns, "west");
        Str(Site(ns, "west")!["spec"]!["linkAccess"]).ShouldBe("default");
    }

    [Fact]
    public async Task Bad_input_is_reported_all_at_once()
    {
        var home = NewHome(kubeconfig: false);

        var r = await Skupper(home, "site", "generate", "West_1", "--link-access-type", "nodeport", "-o", "xml");

        r.ExitCode.ShouldBe(2, r.ToString());
        r.Out.ShouldBeEmpty();
        r.Err.ShouldBe(
            "Error: invalid site name: \"West_1\" is not a valid name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')\n" +
            "Error: invalid value \"nodeport\" for --link-access-type: choose default, route or loadbalancer\n" +
            "Error: --link-access-type needs link access: add --enable-link-access\n" +
            "Error: invalid value \"xml\" for --output: choose yaml or json\n");
    }
}
