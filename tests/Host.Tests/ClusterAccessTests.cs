using System.Text;
using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.Host.Cli;
using Skupper.Cli.Host.Services;
using Skupper.Sandbox;
using Skupper.Cli.Sdk;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>The raw-object helpers of IClusterAccess, through the host's own connection, against the sandbox.</summary>
public sealed class ClusterAccessTests : IAsyncLifetime, IDisposable
{
    private readonly TestHome _home = new();
    private SandboxServer _server = null!;

    public async Task InitializeAsync() => _server = await SandboxServer.StartAsync(new SandboxOptions().WithDelay(TimeSpan.Zero));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _home.Dispose();

    private ClusterAccess Access() => CommandClusterAccess.Create(_home, "--kubeconfig", _server.KubeconfigPath, "-n", "west");

    private static JsonObject Connector(string name) => new()
    {
        ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Connector",
        ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject { ["routingKey"] = name, ["port"] = 8080 },
    };

    [Fact]
    public async Task A_secret_reads_with_its_data_as_bytes_and_a_missing_one_is_null()
    {
        _server.Put("", "v1", "secrets", "west", new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "link-west" }, ["type"] = "kubernetes.io/tls",
            ["data"] = new JsonObject { ["tls.crt"] = Convert.ToBase64String(Encoding.ASCII.GetBytes("crt")), ["tls.key"] = "AAH+/w==" },
        });
        using var access = Access();

        var secret = (await access.GetSecretAsync("link-west", CancellationToken.None))!;

        secret.Metadata.Name.ShouldBe("link-west");
        secret.Type.ShouldBe("kubernetes.io/tls");
        Encoding.ASCII.GetString(secret.Data["tls.crt"]).ShouldBe("crt");
        secret.Data["tls.key"].ShouldBe(new byte[] { 0, 1, 254, 255 });
        (await access.GetSecretAsync("none", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Objects_list_and_delete_and_a_resource_the_cluster_does_not_serve_lists_as_null()
    {
        _server.PutSkupper("connectors", "west", Connector("a"));
        _server.PutSkupper("connectors", "west", Connector("b"));
        _server.PutSkupper("connectors", "east", Connector("other"));
        using var access = Access();

        var listed = (await access.ListObjectsAsync("skupper.io/v2alpha1", "connectors", CancellationToken.None))!;
        listed.Select(o => o["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ShouldBe(["a", "b"]);
        listed[0]["spec"]!["port"]!.GetValue<int>().ShouldBe(8080);
        (await access.ListObjectsAsync("skupper.io/v2alpha1", "widgets", CancellationToken.None)).ShouldBeNull();

        (await access.DeleteObjectAsync("skupper.io/v2alpha1", "connectors", "a", CancellationToken.None)).ShouldBeTrue();
        (await access.DeleteObjectAsync("skupper.io/v2alpha1", "connectors", "a", CancellationToken.None)).ShouldBeFalse();
        (await access.DeleteObjectAsync("skupper.io/v2alpha1", "widgets", "a", CancellationToken.None)).ShouldBeFalse();
        _server.List(SandboxServer.SkupperGroup, SandboxServer.SkupperVersion, "connectors", "west").Select(o => o["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["b"]);
    }

    [Fact]
    public async Task A_forbidden_list_or_delete_is_worded_as_the_host_words_it()
    {
        _server.PutSkupper("connectors", "west", Connector("a"));
        _server.Rbac.Deny("list", "connectors", "west");
        _server.Rbac.Deny("delete", "connectors", "west");
        using var access = Access();

        (await Should.ThrowAsync<SkupperException>(() => access.ListObjectsAsync("skupper.io/v2alpha1", "connectors", CancellationToken.None)))
            .Message.ShouldStartWith("forbidden: you are not allowed to list connectors.skupper.io in namespace \"west\" (");
        (await Should.ThrowAsync<SkupperException>(() => access.DeleteObjectAsync("skupper.io/v2alpha1", "connectors", "a", CancellationToken.None)))
            .Message.ShouldStartWith("forbidden: you are not allowed to delete connectors.skupper.io in namespace \"west\" (");
    }
}
