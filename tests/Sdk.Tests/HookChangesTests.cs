using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Skupper.Cli.Sdk.Tests;

/// <summary>
/// <see cref="HookChanges"/> reads what before-hooks left with the checks user input gets; each problem names the hook
/// that set the field (or the event, when none changed it) and never repeats a secret.
/// </summary>
public class HookChangesTests
{
    private static HookChanges Changes(string json, params string[] secrets) =>
        new(JsonNode.Parse(json)!.AsObject(), "x.create.before", secrets);

    [Fact]
    public void Values_of_the_right_type_are_read_and_absent_ones_are_null()
    {
        var changes = Changes("""
            {"name":"web-1","note":"hi","on":true,"window":"90m","count":3,"port":8080,"labels":{"a":"b"},"annotations":{"Note":"x"},
             "setBy":{"name":"/h/a.js"}}
            """);
        var labels = new Dictionary<string, string> { ["old"] = "gone" };
        var annotations = new Dictionary<string, string>();

        changes.Name("name").ShouldBe("web-1");
        changes.Text("note").ShouldBe("hi");
        changes.Boolean("on").ShouldBe(true);
        changes.Duration("window").ShouldBe(TimeSpan.FromMinutes(90));
        changes.Count("count").ShouldBe(3);
        changes.Integer("port", 1, 65535).ShouldBe(8080);
        changes.Labels("labels", labels);
        changes.Annotations("annotations", annotations);
        changes.Name("absent").ShouldBeNull();
        changes.Boolean("absent").ShouldBeNull();

        labels.ShouldBe(new Dictionary<string, string> { ["a"] = "b" });
        annotations.ShouldBe(new Dictionary<string, string> { ["Note"] = "x" });
        changes.SetBy("name").ShouldBe("/h/a.js");
        changes.SetBy("note").ShouldBeNull();
        changes.Problems.ShouldBeEmpty();
        Should.NotThrow(changes.ThrowIfAny);
    }

    [Fact]
    public void Every_wrong_value_is_a_problem_naming_the_hook_that_set_it_and_all_are_thrown_together()
    {
        var changes = Changes("""
            {"name":"Web_1","note":3,"on":"yes","port":70000,"labels":{"team":"a b"},"setBy":{"name":"/h/naming.js","port":"/h/ports.js"}}
            """);

        changes.Name("name").ShouldBeNull();
        changes.Text("note").ShouldBeNull();
        changes.Boolean("on").ShouldBeNull();
        changes.Integer("port", 1, 65535).ShouldBeNull();
        changes.Labels("labels", new Dictionary<string, string>());

        var e = Should.Throw<SkupperException>(changes.ThrowIfAny);
        e.ExitCode.ShouldBe(ExitCodes.Failure);
        e.Message.Split(Environment.NewLine).ShouldBe(
        [
            "hook /h/naming.js (x.create.before) set name: \"Web_1\" is not a valid name: a lowercase RFC 1123 subdomain must consist of " +
            "lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')",
            "hook x.create.before set note to a number; it must be a string",
            "hook x.create.before set on to a string; it must be true or false",
            "hook /h/ports.js (x.create.before) set port to a number that is not a whole number from 1 to 65535",
            "hook x.create.before set labels[\"team\"] to a string that is not a valid label value " +
            "(a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', " +
            "and must start and end with an alphanumeric character " +
            "(e.g. 'MyValue', or 'my_value', or '12345'))",
        ]);
    }

    [Fact]
    public void A_secret_never_shows_in_a_message_and_a_hook_path_is_printable()
    {
        var changes = Changes("""{"labels":{"tok-s3cret!":"x"},"setBy":{"labels":"/h/bad\u001bname.js"}}""", "s3cret");

        changes.Labels("labels", new Dictionary<string, string>());

        changes.Problems.ShouldHaveSingleItem()
            .ShouldStartWith("hook /h/bad\\x1bname.js (x.create.before) set labels key \"tok-[redacted]!\": ");
    }
}
