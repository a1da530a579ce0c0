namespace Skupper.Sandbox.Tests;

/// <summary>
/// The real kubectl against the sandbox's ConfigMaps and Deployments: what kube-apiserver answers (see BuiltInKinds.cs
/// and the README), seen through kubectl's own wording.
/// </summary>
public sealed class BuiltInKindsKubectlTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxServer _server;
    private readonly Kubectl _kubectl;
    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-files-").FullName;

    public BuiltInKindsKubectlTests(SandboxFixture fixture)
    {
        _server = fixture.Server;
        _kubectl = new Kubectl(_server);
    }

    public void Dispose()
    {
        _kubectl.Dispose();
        Directory.Delete(_dir, true);
    }

    // kubectl's generators (create configmap, create deployment) send protobuf, which the sandbox does not speak: files.
    private string File(string name, string yaml)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task Configmaps_are_created_listed_refused_twice_and_missing_as_on_a_real_cluster()
    {
        var app = File("app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: b\n  c: d\n");
        (await _kubectl.OkAsync("create", "-f", app, "-n", "west")).ShouldContain("configmap/app created");

        var again = await _kubectl.RunAsync("create", "-f", app, "-n", "west");
        again.ExitCode.ShouldBe(1, again.ToString());
        again.Stderr.ShouldContain($"Error from server (AlreadyExists): error when creating \"{app}\": " +
                                   "configmaps \"app\" already exists");

        (await _kubectl.OkAsync("get", "cm", "-n", "west")).ShouldMatch(@"NAME\s+DATA\s+AGE\napp\s+2\s+\d+s\n");
        (await _kubectl.OkAsync("get", "configmap", "app", "-n", "west", "-o", "jsonpath={.metadata.resourceVersion} {.data.a}"))
            .ShouldBe($"{_server.Get("", "v1", "configmaps", "west", "app")!["metadata"]!["resourceVersion"]} b");

        var missing = await _kubectl.RunAsync("get", "configmap", "missing", "-n", "west");
        missing.ExitCode.ShouldBe(1, missing.ToString());
        missing.Stderr.ShouldContain("Error from server (NotFound): configmaps \"missing\" not found");
    }

    [Fact]
    public async Task A_bad_configmap_key_and_a_change_to_an_immutable_configmap_are_refused_with_the_api_server_message()
    {
        var bad = File("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n  \"a b\": x\n");
        var r = await _kubectl.RunAsync("create", "-f", bad, "-n", "west");
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Stderr.ShouldContain("The ConfigMap \"bad\" is invalid: data[a b]: Invalid value: \"a b\": a valid config key must consist of " +
                               "alphanumeric characters, '-', '_' or '.'");

        var frozen = File("frozen.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\nimmutable: true\ndata:\n  a: b\n");
        (await _kubectl.OkAsync("create", "-f", frozen, "-n", "west")).ShouldContain("configmap/frozen created");
        r = await _kubectl.RunAsync("patch", "configmap", "frozen", "-n", "west", "--type", "merge", "-p", """{"data":{"a":"c"}}""");
        r.ExitCode.ShouldBe(1, r.ToString());
        r.Stderr.ShouldContain("The ConfigMap \"frozen\" is invalid: data: Forbidden: field is immutable when `immutable` is set");
        (await _kubectl.OkAsync("label", "configmap", "frozen", "team=blue", "-n", "west")).ShouldContain("configmap/frozen labeled");
    }

    [Fact]
    public async Task A_deployment_is_defaulted_and_its_generation_follows_its_spec_and_annotations()
    {
        var web = File("web.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n" +
                                   "      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n" +
                                   "      containers:\n      - name: web\n        image: nginx:1.27\n");
        (await _kubectl.OkAsync("create", "-f", web, "-n", "west")).ShouldContain("deployment.apps/web created");
        async Task<string> Fields() => await _kubectl.OkAsync("get", "deployment", "web", "-n", "west", "-o",
            "jsonpath={.metadata.generation} {.spec.replicas} {.spec.strategy.rollingUpdate.maxSurge} {.spec.progressDeadlineSeconds}");

        (await Fields()).ShouldBe("1 1 25% 600");
        await _kubectl.OkAsync("patch", "deployment", "web", "-n", "west", "--type", "merge", "-p", """{"spec":{"replicas":3}}""");
        (await Fields()).ShouldBe("2 3 25% 600");
        await _kubectl.OkAsync("annotate", "deployment", "web", "note=x", "-n", "west");
        (await Fields()).ShouldBe("3 3 25% 600");
        await _kubectl.OkAsync("label", "deployment", "web", "team=blue", "-n", "west");
        (await Fields()).ShouldBe("3 3 25% 600"); // labels are not copied to replica sets: no new generation
    }
}
