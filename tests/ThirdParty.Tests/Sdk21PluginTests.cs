using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.ThirdParty.Tests;

/// <summary>
/// What SDK 2.1 added, used by a plugin built outside the solution against the packed SDK (tests/Fixtures/ThirdParty/
/// Sdk21Plugin, "notes"), run through the real kubectl against the sandbox: a repeatable label option, an annotation
/// map, a required name argument, a ConfigMap through <c>Resources(ResourceKinds.ConfigMap)</c>, <c>OutputOptions</c>
/// with <c>-o name</c> and the export form, and words after <c>--</c>.
/// </summary>
[Collection(ThirdPartyCollection.Name)]
public sealed class Sdk21PluginTests(BuiltPlugins built, ControllerOffSandbox sandbox) : IClassFixture<ControllerOffSandbox>, IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private async Task<string> InstallAsync()
    {
        _home.Variables["KUBECONFIG"] = sandbox.Server.KubeconfigPath;
        var folder = BuiltPlugins.Install(await built.Sdk21Plugin, _home.UserPlugins, "notes");
        var ns = $"notes-{Guid.NewGuid().ToString("N")[..8]}";
        sandbox.Server.Put("", "v1", "namespaces", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        return ns;
    }

    private Task<RunResult> Notes(params string[] args) => Kubectl(_home, ["skupper", "notes", .. args]);

    [Fact]
    public async Task A_note_is_saved_as_a_ConfigMap_with_repeated_labels_annotations_and_words_after_double_dash()
    {
        var ns = await InstallAsync();

        var r = await Notes("save", "standup", "--label", "team=blue", "--label", "tier=web,env=test", "--annotation", "owner=Ann, Bo",
            "--case", "upper", "-o", "name", "-n", ns, "--", "-42", "tasks", "--left");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("");
        r.Out.ShouldBe("configmap/standup\n");

        var saved = sandbox.Server.Get("", "v1", "configmaps", ns, "standup").ShouldNotBeNull();
        saved["data"]!["text"]!.GetValue<string>().ShouldBe("-42 TASKS --LEFT");
        var metadata = saved["metadata"]!;
        var labels = metadata["labels"]!.AsObject();
        (labels["team"]?.GetValue<string>(), labels["tier"]?.GetValue<string>(), labels["env"]?.GetValue<string>()).ShouldBe(("blue", "web", "test"));
        metadata["annotations"]!["owner"]!.GetValue<string>().ShouldBe("Ann, Bo");

        // kubectl sees what the plugin wrote.
        var k = await Kubectl(_home, "get", "configmap", "standup", "-n", ns, "-o", "jsonpath={.data.text}|{.metadata.labels.team}");
        k.ExitCode.ShouldBe(0, k.ToString());
        k.Out.ShouldBe("-42 TASKS --LEFT|blue");
    }

    [Fact]
    public async Task Notes_are_shown_as_one_resource_a_List_names_or_an_export_kubectl_can_create()
    {
        var ns = await InstallAsync();
        (await Notes("save", "a", "-n", ns, "--", "first")).ExitCode.ShouldBe(0);
        (await Notes("save", "b", "--label", "k=v", "-n", ns, "--", "second")).ExitCode.ShouldBe(0);

        var r = await Notes("show", "-o", "name", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("configmap/a\nconfigmap/b\n");

        r = await Notes("show", "-o", "json", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        var list = JsonNode.Parse(r.Out)!.AsObject();
        list["kind"]!.GetValue<string>().ShouldBe("List");
        list["items"]!.AsArray().Select(i => i!["data"]!["text"]!.GetValue<string>()).ShouldBe(["first", "second"]);

        r = await Notes("show", "b", "-o", "yaml", "--export", "-n", ns);
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldNotContain("uid:");
        r.Out.ShouldNotContain("resourceVersion:");
        r.Out.ShouldNotContain("create-request");
        r.Out.ShouldContain("k: v");
        var export = Path.Combine(_home.Root, "b.yaml");
        File.WriteAllText(export, r.Out);
        var other = await InstallAsync();
        var k = await Kubectl(_home, "create", "-f", export, "-n", other);
        k.ExitCode.ShouldBe(0, k.ToString());
        sandbox.Server.Get("", "v1", "configmaps", other, "b").ShouldNotBeNull()["data"]!["text"]!.GetValue<string>().ShouldBe("second");
    }

    [Fact]
    public async Task Bad_values_are_usage_errors_found_in_one_run_and_nothing_is_created()
    {
        var ns = await InstallAsync();

        var r = await Notes("save", "Bad_Name", "--label", "-x=y", "--case", "lower", "-o", "table", "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Out.ShouldBe("");
        var errors = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("Error: ", StringComparison.Ordinal)).ToList();
        errors.Count.ShouldBe(4, r.Err);
        errors.ShouldContain(e => e.Contains("Bad_Name", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("Error: invalid value \"-x=y\" for --label", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("Error: invalid value \"lower\" for --case", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("Error: invalid value \"table\" for --output", StringComparison.Ordinal));

        r = await Notes("save", "-n", ns);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldContain("the argument <name> is required");

        sandbox.Server.List("", "v1", "configmaps", ns).ShouldBeEmpty();

        // A note that is not there: one line naming it, nothing about Skupper being missing.
        r = await Notes("show", "gone", "-n", ns);
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: note \"gone\" not found in namespace \"{ns}\"\n");
    }
}
