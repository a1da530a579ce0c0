using System.Text.Json.Nodes;
using k8s.Models;
using Shouldly;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using Xunit;

namespace Skupper.Cli.Sdk.Tests.Options;

/// <summary>
/// <c>-o json|yaml|name</c> as <see cref="OutputOptions"/> declares, checks and prints it. The JSON and YAML text
/// itself is the host's (the end-to-end tests compare it with the bundled commands'); here the output records what
/// it is handed.
/// </summary>
public class OutputOptionsTests
{
    private readonly TestDeclaration _command = new();
    private readonly Problems _problems = new();
    private readonly RecordingOutput _output = new();

    [Fact]
    public void Output_is_declared_with_its_formats_for_completion_and_absent_reads_as_none()
    {
        var output = new OutputOptions(_command);
        var declared = _command.Declared["output"];
        declared.Values!.Choices.ShouldBe(["json", "yaml", "name"]);
        declared.Description.ShouldBe("Print the result in a structured format: json, yaml or name.");
        output.Read(_problems).ShouldBeNull();
        output.IsGiven.ShouldBeFalse();
    }

    [Fact]
    public void A_default_format_is_shown_once_and_read_without_o()
    {
        var output = new OutputOptions(_command, defaultFormat: "yaml", description: "Select the output format.");
        _command.Declared["output"].Description.ShouldBe("Select the output format. (default \"yaml\")");
        output.Read(_problems)!.Name.ShouldBe("yaml");
    }

    [Fact]
    public void A_format_not_offered_is_a_usage_problem_naming_the_formats()
    {
        var output = new OutputOptions(_command);
        _command.Give("output", "table");
        output.Read(_problems).ShouldBeNull();
        Should.Throw<SkupperException>(_problems.ThrowIfAny).Message
            .ShouldBe("invalid value \"table\" for --output: choose json, yaml or name");
    }

    [Theory]
    [InlineData("skupper.io/v2alpha1", "Site", "west", "site.skupper.io/west")]
    [InlineData("v1", "ConfigMap", "settings", "configmap/settings")]
    [InlineData("apps/v1", "Deployment", "web", "deployment.apps/web")]
    [InlineData("skupper.io/v2alpha1", "AccessGrant", "", "accessgrant.skupper.io/<unknown>")]
    public void Name_is_kubectls_kind_dot_group_slash_name(string apiVersion, string kind, string name, string expected) =>
        OutputFormat.NameOf(Resource(apiVersion, kind, name)).ShouldBe(expected);

    [Fact]
    public void Name_of_a_resource_without_a_kind_is_an_error_as_in_kubectl() =>
        Should.Throw<SkupperException>(() => OutputFormat.NameOf(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "west" } }))
            .Message.ShouldBe("missing kind for resource with name west");

    [Fact]
    public void Name_prints_one_line_a_resource_for_any_kind()
    {
        var format = Format("name");
        format.Write(_output, new Site { Metadata = new V1ObjectMeta { Name = "west" } });
        format.WriteList(_output, [Resource("v1", "ConfigMap", "a"), new Listener { Metadata = new V1ObjectMeta { Name = "db" } }]);
        _output.Out.ToString().ShouldBe("site.skupper.io/west\nconfigmap/a\nlistener.skupper.io/db\n");
    }

    [Fact]
    public void Several_resources_are_a_kubectl_list_and_items_without_a_kind_get_the_one_given()
    {
        var format = Format("json");
        var bare = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "b" }, ["data"] = new JsonObject { ["k"] = "v" } };
        format.WriteList(_output, [Resource("v1", "ConfigMap", "a"), bare], apiVersion: "v1", kind: "ConfigMap");
        var (value, name) = _output.Structured.ShouldHaveSingleItem();
        name.ShouldBe("json");
        var list = value.ShouldBeOfType<JsonObject>();
        list["apiVersion"]!.GetValue<string>().ShouldBe("v1");
        list["kind"]!.GetValue<string>().ShouldBe("List");
        var items = list["items"]!.AsArray();
        items.Select(i => OutputFormat.NameOf(i!.AsObject())).ShouldBe(["configmap/a", "configmap/b"]);
        items[1]!["data"]!["k"]!.GetValue<string>().ShouldBe("v");
        bare["kind"].ShouldBeNull(); // the caller's object is not changed
    }

    [Fact]
    public void No_resources_are_an_empty_list_or_no_names()
    {
        Format("yaml").WriteList(_output, []);
        _output.Structured.ShouldHaveSingleItem().Value["items"]!.AsArray().ShouldBeEmpty();
        Format("name").WriteList(_output, []);
        _output.Out.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void One_resource_is_printed_as_itself()
    {
        Format("yaml").Write(_output, Resource("skupper.io/v2alpha1", "Site", "west"));
        var (value, name) = _output.Structured.ShouldHaveSingleItem();
        name.ShouldBe("yaml");
        value["kind"]!.GetValue<string>().ShouldBe("Site");
    }

    [Fact]
    public void Export_leaves_out_what_the_server_manages_the_namespace_and_the_clis_create_label()
    {
        var resource = JsonNode.Parse("""
            {"apiVersion":"skupper.io/v2alpha1","kind":"Listener",
             "metadata":{"name":"db","namespace":"west","uid":"u-1","resourceVersion":"42","generation":2,
                         "creationTimestamp":"2026-01-01T00:00:00Z","managedFields":[{"manager":"x"}],"selfLink":"/x",
                         "labels":{"kubectl-skupper/create-request":"0a1b","app":"db"},"annotations":{"note":"kept"}},
             "spec":{"port":5432,"host":"db"},
             "status":{"status":"Ready"}}
            """)!.AsObject();
        OutputOptions.Export(resource).ToJsonString().ShouldBe(
            """{"apiVersion":"skupper.io/v2alpha1","kind":"Listener","metadata":""" +
            """{"name":"db","labels":{"app":"db"},"annotations":{"note":"kept"}},"spec":""" +
            """{"port":5432,"host":"db"}}""");
        resource["status"].ShouldNotBeNull(); // a copy
    }

    [Fact]
    public void Export_drops_labels_left_empty()
    {
        var resource = Resource("skupper.io/v2alpha1", "Site", "west");
        resource["metadata"]!["labels"] = new JsonObject { [OutputOptions.CreateRequestLabel] = "0a1b" };
        OutputOptions.Export(resource)["metadata"]!.ToJsonString().ShouldBe("""{"name":"west"}""");
    }

    [Fact]
    public void Writing_with_export_writes_the_export_form()
    {
        var resource = Resource("skupper.io/v2alpha1", "Site", "west");
        resource["metadata"]!["uid"] = "u-1";
        resource["status"] = new JsonObject { ["status"] = "Ready" };
        Format("json").Write(_output, resource, export: true);
        Format("json").WriteList(_output, [resource], export: true);
        const string exported = """{"apiVersion":"skupper.io/v2alpha1","kind":"Site","metadata":{"name":"west"}}""";
        _output.Structured[0].Value.ToJsonString().ShouldBe(exported);
        _output.Structured[1].Value["items"]![0]!.ToJsonString().ShouldBe(exported);
    }

    private static OutputFormat Format(string name)
    {
        var command = new TestDeclaration();
        var options = new OutputOptions(command);
        command.Give("output", name);
        return options.Read(new Problems())!;
    }

    private static JsonObject Resource(string apiVersion, string kind, string name) => new()
    {
        ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = name },
    };

    /// <summary>Records what is handed to the host's writer; renders models as JSON as the managed host does (KubernetesJson).</summary>
    private sealed class RecordingOutput : IOutput
    {
        public List<(JsonNode Value, string Format)> Structured { get; } = [];
        public TextWriter Out { get; } = new StringWriter();
        public TextWriter Error { get; } = new StringWriter();
        public bool IsTerminal => false;
        public bool OutIsTerminal => false;
        public void Warning(string message) => Error.WriteLine(message);
        public IDisposable Progress(string message) => new MemoryStream();
        public void WriteStructured(object value, string format) => Structured.Add((value.ShouldBeAssignableTo<JsonNode>()!, format));
        public string Render(object value, string format) => value is JsonNode n ? n.ToJsonString() : k8s.KubernetesJson.Serialize(value);
        public T? Parse<T>(string text) where T : SkupperResource => throw new NotSupportedException();
    }
}
