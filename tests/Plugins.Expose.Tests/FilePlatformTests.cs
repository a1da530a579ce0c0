using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Expose.Tests;

/// <summary>On Docker, Podman and Linux: the files the Go CLI writes, under a private data home.</summary>
public sealed class FilePlatformTests(InstantSandbox fixture) : SandboxTestBase(fixture.Server), IClassFixture<InstantSandbox>
{
    [Fact]
    public async Task Create_update_status_and_delete_work_on_the_files()
    {
        var home = NewHome();
        var file = Path.Combine(home.SkupperData, "namespaces", "default", "input", "resources", "Connector-backend.yaml");

        var create = await ProcessRunner.KubectlSkupper(home, "connector", "create", "backend", "8080", "--platform", "podman");
        create.ExitCode.ShouldBe(0, create.ToString());
        create.Out.ShouldBe($"Connector \"backend\" is created: {file}\n");
        (await File.ReadAllTextAsync(file)).ShouldBe("""
            apiVersion: skupper.io/v2alpha1
            kind: Connector
            metadata:
              name: backend
              namespace: default
            spec:
              routingKey: backend
              port: 8080
              host: localhost

            """);

        var update = await ProcessRunner.KubectlSkupper(home, "connector", "update", "backend", "--port", "9090", "--platform", "podman");
        update.ExitCode.ShouldBe(0, update.ToString());
        update.Out.ShouldBe($"Connector \"backend\" is updated: {file}\n");
        (await File.ReadAllTextAsync(file)).ShouldContain("  port: 9090\n");

        (await ProcessRunner.KubectlSkupper(home, "connector", "status", "--platform", "podman")).Out.ShouldBe(
            "NAME     STATUS   ROUTING-KEY  SELECTOR  HOST       PORT  LISTENERS  MESSAGE\n" +
            "backend  Pending  backend      <none>    localhost  9090  false      -\n");

        var delete = await ProcessRunner.KubectlSkupper(home, "connector", "delete", "backend", "--platform", "podman");
        delete.ExitCode.ShouldBe(0, delete.ToString());
        delete.Out.ShouldBe("Connector \"backend\" is deleted.\n");
        File.Exists(file).ShouldBeFalse();
    }

    [Fact]
    public async Task Status_as_yaml_lists_every_listener_with_what_its_file_holds()
    {
        var home = NewHome();
        (await InProcess.KubectlSkupper(home, "listener", "create", "db", "5432", "--platform", "podman")).ExitCode.ShouldBe(0);
        (await InProcess.KubectlSkupper(home, "listener", "create", "web", "8080", "--routing-key", "www", "--platform", "podman")).ExitCode.ShouldBe(0);

        var r = await InProcess.KubectlSkupper(home, "listener", "status", "-o", "yaml", "--platform", "podman");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: skupper.io/v2alpha1
              kind: Listener
              metadata:
                name: db
                namespace: default
              spec:
                routingKey: db
                host: 0.0.0.0
                port: 5432
            - apiVersion: skupper.io/v2alpha1
              kind: Listener
              metadata:
                name: web
                namespace: default
              spec:
                routingKey: www
                host: 0.0.0.0
                port: 8080

            """);
    }

    [Fact]
    public async Task Kubernetes_only_options_are_refused_elsewhere()
    {
        var home = NewHome();
        var r = await InProcess.KubectlSkupper(home, "connector", "create", "backend", "8080", "--selector", "app=x", "--wait", "ready", "--platform", "linux");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe("Error: --selector is supported on Kubernetes only, not on platform \"linux\"\n" +
                       "Error: --wait is supported on Kubernetes only, not on platform \"linux\"\n");
        Directory.Exists(Path.Combine(home.SkupperData, "namespaces")).ShouldBeFalse();
    }
}
