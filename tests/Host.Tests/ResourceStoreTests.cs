using System.Text.Json.Nodes;
using Shouldly;
using Skupper.Cli.Host.Cli;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// The SDK's ResourceStore, each operation on both implementations: in the sandbox cluster through the host's own
/// connection, and as files under a data home of the test's own, where the Go CLI keeps them.
/// </summary>
public sealed class ResourceStoreTests : OwnSandboxTest
{
    public static TheoryData<string> Stores => new() { "cluster", "files" };

    private string DataHome => Path.Combine(Home.Root, "data");

    private static ConsoleOutput Output => new(TextWriter.Null, TextWriter.Null, false, false);

    private ResourceStore<Listener> Store(string store, SandboxServer? server = null, string @namespace = "west")
    {
        if (store == "files") return new FileResourceStore<Listener>(new NamespaceHome(DataHome, @namespace), Output);
        var access = CommandClusterAccess.Create(Home, "--kubeconfig", (server ?? Server).KubeconfigPath, "-n", @namespace);
        return new KubernetesResourceStore<Listener>(access);
    }

    private static Listener NewListener(string name, int port = 8080) => new()
    {
        Metadata = new() { Name = name },
        Spec = new ListenerSpec { RoutingKey = name, Port = port, Host = "0.0.0.0", TlsCredentials = "db-tls" },
    };

    private string InputFile(string name) => Path.Combine(DataHome, "namespaces", "west", "input", "resources", $"Listener-{name}.yaml");

    [Theory, MemberData(nameof(Stores))]
    public async Task Create_then_get_gives_the_resource_and_get_of_another_name_gives_null(string kind)
    {
        var store = Store(kind);
        await store.CreateAsync(NewListener("db"), CancellationToken.None);

        var got = await store.GetAsync("db", CancellationToken.None);
        got.ShouldNotBeNull();
        got.Spec.Port.ShouldBe(8080);
        got.Spec.TlsCredentials.ShouldBe("db-tls");
        got.Metadata.NamespaceProperty.ShouldBe("west");
        (await store.GetAsync("web", CancellationToken.None)).ShouldBeNull();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Create_refuses_a_name_that_exists_and_keeps_the_first(string kind)
    {
        var store = Store(kind);
        await store.CreateAsync(NewListener("db"), CancellationToken.None);

        var e = await Should.ThrowAsync<SkupperException>(() => store.CreateAsync(NewListener("db", 9090), CancellationToken.None));

        e.Message.ShouldContain("already exists");
        (await store.GetAsync("db", CancellationToken.None))!.Spec.Port.ShouldBe(8080);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task List_gives_every_resource_by_name_and_nothing_in_an_empty_namespace(string kind)
    {
        var store = Store(kind);
        (await store.ListAsync(CancellationToken.None)).ShouldBeEmpty();
        foreach (var name in new[] { "web", "db", "cache" }) await store.CreateAsync(NewListener(name), CancellationToken.None);

        (await store.ListAsync(CancellationToken.None)).Select(l => l.Name).ShouldBe(["cache", "db", "web"]);
        (await Store(kind, @namespace: "east").ListAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Patch_changes_what_it_names_removes_what_it_nulls_and_keeps_the_rest(string kind)
    {
        var store = Store(kind);
        await store.CreateAsync(NewListener("db"), CancellationToken.None);

        var patch = new JsonObject { ["spec"] = new JsonObject { ["port"] = 9090, ["tlsCredentials"] = null } };
        var patched = await store.PatchAsync("db", patch, CancellationToken.None);

        foreach (var listener in new[] { patched, (await store.GetAsync("db", CancellationToken.None))! })
        {
            listener.Spec.Port.ShouldBe(9090);
            listener.Spec.TlsCredentials.ShouldBeNull();
            listener.Spec.Host.ShouldBe("0.0.0.0");
            listener.Spec.RoutingKey.ShouldBe("db");
        }
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Patch_of_a_name_that_does_not_exist_is_an_error_and_creates_nothing(string kind)
    {
        var store = Store(kind);

        var e = await Should.ThrowAsync<SkupperException>(() =>
            store.PatchAsync("db", new JsonObject { ["spec"] = new JsonObject { ["port"] = 1 } }, CancellationToken.None));

        e.Message.ShouldContain("\"db\"");
        (await store.ListAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Delete_removes_it_and_says_false_when_there_was_nothing(string kind)
    {
        var store = Store(kind);
        await store.CreateAsync(NewListener("db"), CancellationToken.None);

        (await store.DeleteAsync("db", CancellationToken.None)).ShouldBeTrue();
        (await store.GetAsync("db", CancellationToken.None)).ShouldBeNull();
        (await store.DeleteAsync("db", CancellationToken.None)).ShouldBeFalse();
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Location_namespace_and_controller_say_where_the_resource_is(string kind)
    {
        var store = Store(kind);
        await store.CreateAsync(NewListener("db"), CancellationToken.None);

        store.Namespace.ShouldBe("west");
        store.HasController.ShouldBe(kind == "cluster");
        store.Location("db").ShouldBe(kind == "cluster" ? null : InputFile("db"));
        File.Exists(InputFile("db")).ShouldBe(kind == "files");
        store.Outcome("db", "created").ShouldBe(kind == "cluster"
            ? "Listener \"db\" is created."
            : $"Listener \"db\" is created: {InputFile("db")}");
    }

    [Fact]
    public async Task The_cluster_store_is_unavailable_without_Skupper()
    {
        var bare = await StartAsync(new SandboxOptions { InstallSkupper = false }.WithDelay(TimeSpan.Zero));

        await Should.ThrowAsync<SkupperException>(() => Store("cluster", bare).CheckAvailableAsync(CancellationToken.None));
        await Store("cluster").CheckAvailableAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_file_store_is_unavailable_for_a_namespace_that_cannot_be_a_folder()
    {
        var e = await Should.ThrowAsync<SkupperException>(() =>
            Store("files", @namespace: "../etc").CheckAvailableAsync(CancellationToken.None));

        e.Message.ShouldStartWith("invalid namespace: \"../etc\" is not a valid name");
        e.ExitCode.ShouldBe(ExitCodes.Usage);
        await Store("files").CheckAvailableAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Files_show_the_status_of_the_running_site_and_never_write_one()
    {
        var store = Store("files");
        await store.CreateAsync(NewListener("db"), CancellationToken.None);
        var runtime = Path.Combine(DataHome, "namespaces", "west", "runtime", "resources");
        Directory.CreateDirectory(runtime);
        await File.WriteAllTextAsync(Path.Combine(runtime, "Listener-db.yaml"),
            "apiVersion: skupper.io/v2alpha1\nkind: Listener\nmetadata:\n  name: db\nspec:\n  port: 8080\n" +
            "status:\n  status: Ready\n  message: OK\n  hasMatchingConnector: true\n");

        var got = (await store.GetAsync("db", CancellationToken.None))!;
        got.Status!.Status.ShouldBe("Ready");
        got.Status.HasMatchingConnector.ShouldBe(true);
        (await store.ListAsync(CancellationToken.None)).Single().Status!.Status.ShouldBe("Ready");

        await store.PatchAsync("db", new JsonObject { ["spec"] = new JsonObject { ["port"] = 9090 } }, CancellationToken.None);
        var text = await File.ReadAllTextAsync(InputFile("db"));
        text.ShouldNotContain("status");
        text.ShouldContain("port: 9090");
    }

    [Fact]
    public async Task A_file_that_is_not_a_resource_of_the_kind_is_an_error_naming_it_and_is_never_overwritten()
    {
        var store = Store("files");
        Directory.CreateDirectory(Path.GetDirectoryName(InputFile("db"))!);
        await File.WriteAllTextAsync(InputFile("db"), "apiVersion: skupper.io/v2alpha1\nkind: Connector\nmetadata:\n  name: db\n");

        var get = await Should.ThrowAsync<SkupperException>(() => store.GetAsync("db", CancellationToken.None));
        var patch = await Should.ThrowAsync<SkupperException>(() =>
            store.PatchAsync("db", new JsonObject { ["spec"] = new JsonObject { ["port"] = 1 } }, CancellationToken.None));

        foreach (var e in new[] { get, patch })
            e.Message.ShouldBe($"the listener file {InputFile("db")} is not a valid Listener resource: " +
                               "its kind is \"Connector\", not \"Listener\"; fix or remove it");
        (await File.ReadAllTextAsync(InputFile("db"))).ShouldContain("kind: Connector");
    }
}
