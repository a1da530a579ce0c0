using k8s;
using k8s.Models;
using Shouldly;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>The one writer behind `-o json|yaml`, token files and generated resources.</summary>
public class ResourceTextTests
{
    private static AccessToken Token() => new()
    {
        Metadata = new V1ObjectMeta { Name = "west-6bfn6" },
        Spec = new AccessTokenSpec { Url = "https://127.0.0.1:8443/x", Code = "true", Ca = "-----BEGIN-----\nabc\n-----END-----\n", LinkCost = 1 },
    };

    [Fact]
    public void Yaml_is_in_kubectl_order_with_the_ca_as_a_literal_block_and_no_helpers() =>
        ResourceText.Render(Token(), "yaml").ShouldBe("""
            apiVersion: skupper.io/v2alpha1
            kind: AccessToken
            metadata:
              name: west-6bfn6
            spec:
              url: https://127.0.0.1:8443/x
              code: "true"
              ca: |
                -----BEGIN-----
                abc
                -----END-----
              linkCost: 1

            """.Replace("\r", ""));

    [Fact]
    public void Json_has_no_computed_properties_and_no_nulls()
    {
        var json = ResourceText.Render(new Site { Metadata = { Name = "west" }, Spec = { LinkAccess = "default" } }, "json");
        json.ShouldStartWith("{\n  \"apiVersion\": \"skupper.io/v2alpha1\",\n  \"kind\": \"Site\",");
        json.ShouldNotContain("linkAccessEnabled");
        json.ShouldNotContain("commonStatus");
        json.ShouldNotContain("\"name\": \"west\",\n  \"spec\""); // name stays inside metadata
        json.ShouldNotContain("null");
    }

    [Fact]
    public void Empty_spec_and_status_are_left_out() =>
        ResourceText.Render(new Site { Metadata = { Name = "west" } }, "yaml")
            .ShouldBe("apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: west\n");

    [Fact]
    public void Unknown_format_is_a_usage_error() =>
        Should.Throw<SkupperException>(() => ResourceText.Render(Token(), "xml")).ExitCode.ShouldBe(ExitCodes.Usage);

    [Fact]
    public void A_List_writes_each_item_as_the_item_writes_alone()
    {
        // status lists several listeners, connectors or sites this way; each item keeps its kind's fields and order
        var site = new Site { Metadata = { Name = "west" }, Spec = { LinkAccess = "default" } };
        site.Status = new SiteStatus { Status = "Ready", DefaultIssuer = "skupper-site-ca", Conditions = [new V1Condition { Type = "Ready", Status = "True", Reason = "Ready", Message = "", LastTransitionTime = new DateTime(2024, 5, 1, 10, 20, 31, DateTimeKind.Utc) }] };
        var listener = new Listener { Metadata = { Name = "db" }, Spec = { RoutingKey = "db", Host = "db", Port = 5432 } };
        var connector = new Connector { Metadata = { Name = "db" }, Spec = { RoutingKey = "db", Port = 5432, Selector = "app=db" } };
        var list = System.Text.Json.Nodes.JsonNode.Parse(ResourceText.Render(
            new Dictionary<string, object> { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new List<SkupperResource> { site, listener, connector } }, "json"))!;
        list["items"]!.AsArray().Select(i => i!.ToJsonString()).ShouldBe(new SkupperResource[] { site, listener, connector }
            .Select(r => System.Text.Json.Nodes.JsonNode.Parse(ResourceText.Render(r, "json"))!.ToJsonString()));
    }

    /// <summary>What a plugin's file store read with KubernetesYaml before Parse, read the same way by Parse.</summary>
    private static void ReadsAsKubernetesYamlDid<T>(string text) where T : SkupperResource
    {
        var before = KubernetesYaml.Deserialize<T>(text);
        var now = ResourceText.Parse<T>(text);
        (now is null ? "null" : KubernetesJson.Serialize(now)).ShouldBe(before is null ? "null" : KubernetesJson.Serialize(before), text);
    }

    [Fact]
    public void Parse_reads_back_what_Render_writes_as_KubernetesYaml_did()
    {
        var site = new Site { Metadata = { Name = "west", NamespaceProperty = "west", Labels = new Dictionary<string, string> { ["version"] = "1.10" } }, Spec = { LinkAccess = "default", Ha = true, Settings = new Dictionary<string, string> { ["on"] = "yes" } } };
        site.Status = new SiteStatus
        {
            Status = "Ready", SitesInNetwork = 2, Endpoints = [new Endpoint { Name = "inter-router", Port = "55671" }],
            Conditions = [new V1Condition { Type = "Ready", Status = "True", Reason = "Ready", Message = "", LastTransitionTime = new DateTime(2024, 5, 1, 10, 20, 31, DateTimeKind.Utc) }],
        };
        var link = new Link { Metadata = { Name = "l1" }, Spec = { Cost = 2, TlsCredentials = "l1", Endpoints = [new Endpoint { Name = "edge", Host = "10.0.0.1", Port = "45671" }] } };
        var listener = new Listener { Metadata = { Name = "db" }, Spec = { RoutingKey = "db", Host = "db", Port = 5432, ExposePodsByName = false } };
        var connector = new Connector { Metadata = { Name = "db" }, Spec = { RoutingKey = "db", Port = 5432, Selector = "app=db", Host = "" } };
        foreach (var format in new[] { "yaml", "json" })
        {
            ReadsAsKubernetesYamlDid<Site>(ResourceText.Render(site, format));
            ReadsAsKubernetesYamlDid<Link>(ResourceText.Render(link, format));
            ReadsAsKubernetesYamlDid<Listener>(ResourceText.Render(listener, format));
            ReadsAsKubernetesYamlDid<Connector>(ResourceText.Render(connector, format));
            ReadsAsKubernetesYamlDid<AccessToken>(ResourceText.Render(Token(), format));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n")]
    [InlineData("apiVersion: skupper.io/v2alpha1\nkind: Listener  # from the Go CLI\nmetadata:\n  name: backend\n  namespace: west\nspec:\n  host: backend\n  port: 8080\n  routingKey: backend\n  tlsCredentials: \"\"\n")]
    [InlineData("{apiVersion: skupper.io/v2alpha1, kind: Listener, metadata: {name: b}, spec: {port: 80, host: '010', unknown: [1, 2]}}\n")]
    [InlineData("---\napiVersion: skupper.io/v2alpha1\nkind: Listener\nmetadata:\n  name: b\n  labels:\n    app: \"true\"\n    tier: 'null'\n  annotations: {}\nspec:\n  port: 80\n  host: ~\n")]
    public void Parse_reads_a_hand_written_file_as_KubernetesYaml_did(string text) => ReadsAsKubernetesYamlDid<Listener>(text);

    [Fact]
    public void A_token_handed_over_as_json_reads_as_KubernetesJson_read_it()
    {
        // token redeem hands over the token it read as JSON, every non-ASCII character escaped (a pair for an emoji)
        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "AccessToken",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "t\u00e9", ["labels"] = new System.Text.Json.Nodes.JsonObject { ["a"] = "\"<&>\"" } },
            ["spec"] = new System.Text.Json.Nodes.JsonObject { ["url"] = "https://h/x", ["code"] = "\ud83d\ude00\t\u0001", ["ca"] = "a\nb\n", ["linkCost"] = 2, ["unknown"] = new System.Text.Json.Nodes.JsonArray(1, "x") },
        }.ToJsonString();

        KubernetesJson.Serialize(ResourceText.Parse<AccessToken>(json)).ShouldBe(KubernetesJson.Serialize(KubernetesJson.Deserialize<AccessToken>(json)));
    }

    [Fact]
    public void A_yaml_syntax_error_reads_as_it_did()
    {
        const string text = "kind: [unclosed\n";
        Should.Throw<Exception>(() => ResourceText.Parse<Site>(text)).Message
            .ShouldBe(Should.Throw<Exception>(() => KubernetesYaml.Deserialize<Site>(text)).Message);
    }
}
