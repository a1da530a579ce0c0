using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Sdk.Services;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>The one YAML writer: its quoting rule (go-yaml's) and its two styles.</summary>
public class YamlTextTests
{
    /// <summary>A scalar and how it is written as a value and as a key; the same in both styles.</summary>
    [Theory]
    // YAML 1.1 booleans, in every case go-yaml's isOldBool quotes
    [InlineData("y", "\"y\"")]
    [InlineData("Y", "\"Y\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("Yes", "\"Yes\"")]
    [InlineData("ON", "\"ON\"")]
    [InlineData("off", "\"off\"")]
    [InlineData("N", "\"N\"")]
    [InlineData("True", "\"True\"")]
    [InlineData("false", "\"false\"")]
    // nulls
    [InlineData("", "\"\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("NULL", "\"NULL\"")]
    // numbers: Go's ParseInt syntax, yamlStyleFloat, the .inf/.nan words, sexagesimal
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("0o17", "\"0o17\"")]
    [InlineData("0777", "\"0777\"")]
    [InlineData("-12", "\"-12\"")]
    [InlineData("1_000", "\"1_000\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData(".5", "\".5\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("-.Inf", "\"-.Inf\"")]
    [InlineData(".NaN", "\".NaN\"")]
    [InlineData("1:20", "\"1:20\"")]
    [InlineData("<<", "\"<<\"")]
    // plain YAML cannot hold these: the emitter quotes them
    [InlineData(" lead", "' lead'")]
    [InlineData("trail ", "'trail '")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("#x", "'#x'")]
    [InlineData("- x", "'- x'")]
    // strings a YAML reader takes as strings stay plain
    [InlineData("hello", "hello")]
    [InlineData("yesterday", "yesterday")]
    [InlineData("NaN", "NaN")]
    [InlineData("Infinity", "Infinity")]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("8080:80", "8080:80")]
    [InlineData("2024-05-01T10:20:30Z", "2024-05-01T10:20:30Z")]
    [InlineData("https://127.0.0.1:8443/x", "https://127.0.0.1:8443/x")]
    public void A_string_is_quoted_when_a_YAML_1_1_reader_would_take_it_for_something_else(string text, string expected)
    {
        foreach (var style in new[] { YamlStyle.Kubectl, YamlStyle.GoCli })
        {
            YamlText.Render(new JsonObject { ["v"] = text, ["z"] = 1 }, style)
                .ShouldBe(text == "" && style == YamlStyle.GoCli ? "z: 1\n" : $"v: {expected}\nz: 1\n", $"{style}: {text}");
            YamlText.Render(new JsonObject { [text] = 1 }, style).ShouldBe($"{expected}: 1\n", $"{style} key: {text}");
        }
    }

    [Fact]
    public void Kubectl_style_keeps_the_order_and_every_value()
    {
        var node = JsonNode.Parse("""{"kind":"X","a":null,"b":"","c":0,"d":false,"e":{},"f":[],"g":["x",null],"h":"l1\nl2\n"}""");
        YamlText.Render(node, YamlStyle.Kubectl).ShouldBe(
            "kind: X\na: null\nb: \"\"\nc: 0\nd: false\ne: {}\nf: []\ng:\n- x\n- null\nh: |\n  l1\n  l2\n");
    }

    [Fact]
    public void Go_cli_style_sorts_keys_and_leaves_zero_values_out_of_maps_but_not_lists()
    {
        var node = JsonNode.Parse("""{"kind":"X","a":null,"b":"","c":0,"d":false,"e":{"z":{}},"f":[],"g":["",null],"h":true,"i":2}""");
        YamlText.Render(node, YamlStyle.GoCli).ShouldBe("e: {}\ng:\n- \"\"\n- null\nh: true\ni: 2\nkind: X\n");
    }

    [Fact]
    public void The_serializer_form_sorts_keys_and_keeps_nulls_and_empty_maps() =>
        YamlText.Serialized(JsonNode.Parse("""{"status":{},"metadata":{"name":"a","creationTimestamp":null},"kind":"Link"}"""))
            .ShouldBe("kind: Link\nmetadata:\n  creationTimestamp: null\n  name: a\nstatus: {}\n");
}
