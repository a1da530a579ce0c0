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
}
