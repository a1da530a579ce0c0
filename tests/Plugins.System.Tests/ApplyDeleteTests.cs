using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.System.Tests;

/// <summary>
/// <c>system apply</c> and <c>system delete</c>: the input resource files of the data home, as the Go CLI writes them
/// (<c>namespaces/&lt;ns&gt;/input/resources/&lt;Kind&gt;-&lt;name&gt;.yaml</c>), run as a user runs the CLI.
/// </summary>
public sealed class ApplyDeleteTests : IDisposable
{
    private readonly TestHome _home = new();

    private string Resources(string ns = "default") => Path.Combine(_home.SkupperData, "namespaces", ns, "input", "resources");

    private string[] Files() => Directory.Exists(_home.SkupperData)
        ? Directory.GetFiles(_home.SkupperData, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_home.SkupperData, f)).Order(StringComparer.Ordinal).ToArray()
        : [];

    private string Input(string text)
    {
        var path = Path.Combine(_home.Root, $"input-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private Task<RunResult> Skupper(params string[] args) => ProcessRunner.KubectlSkupper(_home, args);

    private const string SiteAndListener = """
        apiVersion: skupper.io/v2alpha1
        kind: Site
        metadata:
          name: west
          namespace: elsewhere
        spec:
          linkAccess: default
        ---
        # a listener for the database
        apiVersion: skupper.io/v2alpha1
        kind: Listener
        metadata:
          name: db
        spec:
          host: db
          port: 5432
          routingKey: db
        ...
        --- 
        apiVersion: skupper.io/v2alpha1
        kind: RouterAccess
        metadata:
          name: ra
        spec:
          roles:
          - name: inter-router
            port: 55671
        """;

    [Fact]
    public async Task Apply_writes_each_document_as_its_kind_and_name_in_the_namespace_and_delete_removes_them()
    {
        var file = Input(SiteAndListener);

        var r = await Skupper("system", "apply", "-f", file, "-n", "west", "--platform", "podman");

        r.ExitCode.ShouldBe(0, r.ToString());
        var folder = Resources("west");
        r.Out.ShouldBe(
            $"Site \"west\" is applied: {folder}/Site-west.yaml\n" +
            $"Listener \"db\" is applied: {folder}/Listener-db.yaml\n" +
            $"RouterAccess \"ra\" is applied: {folder}/RouterAccess-ra.yaml\n");
        r.Err.ShouldBeEmpty();
        Files().ShouldBe(["namespaces/west/input/resources/Listener-db.yaml", "namespaces/west/input/resources/RouterAccess-ra.yaml",
            "namespaces/west/input/resources/Site-west.yaml"]);
        (await File.ReadAllTextAsync(Path.Combine(folder, "Site-west.yaml"))).ShouldBe("""
            apiVersion: skupper.io/v2alpha1
            kind: Site
            metadata:
              name: west
              namespace: west
            spec:
              linkAccess: default

            """);
        // A kind the SDK has no model for is written whole.
        (await File.ReadAllTextAsync(Path.Combine(folder, "RouterAccess-ra.yaml"))).ShouldContain("""
            spec:
              roles:
              - name: inter-router
                port: 55671
            """);
        // site status reads what apply wrote.
        (await Skupper("site", "status", "-n", "west", "--platform", "podman")).Out.ShouldContain("west");

        var delete = await Skupper("system", "delete", "-f", file, "-n", "west", "--platform", "podman");
        delete.ExitCode.ShouldBe(0, delete.ToString());
        delete.Out.ShouldBe(
            $"Site \"west\" is deleted: {folder}/Site-west.yaml\n" +
            $"Listener \"db\" is deleted: {folder}/Listener-db.yaml\n" +
            $"RouterAccess \"ra\" is deleted: {folder}/RouterAccess-ra.yaml\n");
        Files().ShouldBeEmpty();
    }

    [Fact]
    public async Task Apply_reads_json_objects_from_standard_input_and_keeps_secrets_to_the_owner()
    {
        const string json = """
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "creds"}, "type": "kubernetes.io/tls", "data": {"ca.crt": "Y2E="}}
            {"apiVersion": "skupper.io/v2alpha1", "kind": "Connector", "metadata": {"name": "db"},
             "spec": {"host": "db", "port": 5432, "routingKey": "db"}}
            """;

        var r = await ProcessRunner.Run(ProcessRunner.HostExe, ["system", "apply", "-f", "-", "--platform", "linux"], _home, stdin: json);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe(
            $"Secret \"creds\" is applied: {Resources()}/Secret-creds.yaml\n" +
            $"Connector \"db\" is applied: {Resources()}/Connector-db.yaml\n");
        var secret = Path.Combine(Resources(), "Secret-creds.yaml");
        (await File.ReadAllTextAsync(secret)).ShouldBe("""
            apiVersion: v1
            kind: Secret
            metadata:
              name: creds
              namespace: default
            type: kubernetes.io/tls
            data:
              ca.crt: Y2E=

            """);
        File.GetUnixFileMode(secret).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Theory]
    [InlineData("kind: Site\nmetadata: [unclosed\n", "document 2 of {0} is not valid YAML or JSON: ")]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
        "document 2 of {0} is a apps/v1 Deployment, which these platforms do not use: give Site, Listener, Connector, MultiKeyListener, " +
        "Link, RouterAccess, AccessToken, SecuredAccess, Certificate (skupper.io/v2alpha1) and Secret (v1)")]
    [InlineData("apiVersion: skupper.io/v2alpha1\nkind: AccessGrant\nmetadata:\n  name: g\n",
        "document 2 of {0} is a skupper.io/v2alpha1 AccessGrant, which these platforms do not use: give Site, Listener, Connector, " +
        "MultiKeyListener, Link, RouterAccess, AccessToken, SecuredAccess, Certificate (skupper.io/v2alpha1) and Secret (v1)")]
    [InlineData("apiVersion: skupper.io/v2alpha1\nkind: Listener\nspec:\n  port: 80\n",
        "document 2 of {0} is a Listener without metadata.name")]
    [InlineData("apiVersion: skupper.io/v2alpha1\nkind: Listener\nmetadata:\n  name: ../x\n",
        "document 2 of {0} names a Listener \"../x\", which is not valid: ")]
    public async Task A_bad_document_is_one_error_line_and_nothing_is_written(string bad, string error)
    {
        var file = Input("apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: west\n---\n" + bad);

        var r = await Skupper("system", "apply", "-f", file, "--platform", "podman");

        r.ExitCode.ShouldBe(2, r.ToString());
        r.Out.ShouldBeEmpty();
        r.Err.ShouldStartWith("Error: " + string.Format(null, error, file));
        r.Err.TrimEnd('\n').Split('\n').Length.ShouldBe(1, r.Err);
        Files().ShouldBeEmpty();
    }

    [Fact]
    public async Task Delete_refuses_when_a_named_resource_is_not_there_and_deletes_nothing()
    {
        var site = Input("apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: west\n");
        (await Skupper("system", "apply", "-f", site, "--platform", "docker")).ExitCode.ShouldBe(0);
        var both = Input("apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: west\n---\n" +
                         "apiVersion: skupper.io/v2alpha1\nkind: Link\nmetadata:\n  name: nope\n");

        var r = await Skupper("system", "delete", "-f", both, "--platform", "docker");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: Link \"nope\" is not an input resource of namespace \"default\": no file {Resources()}/Link-nope.yaml\n");
        Files().ShouldBe(["namespaces/default/input/resources/Site-west.yaml"]);
    }

    [Fact]
    public async Task Without_a_file_apply_says_how_to_give_one()
    {
        var r = await Skupper("system", "apply", "--platform", "podman");

        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldStartWith(
            "Error: a file of resources must be given: kubectl skupper system apply -f FILE, or -f - for standard input\n");
    }

    [Theory]
    [InlineData("apply")]
    [InlineData("delete")]
    public async Task On_kubernetes_the_commands_refuse_in_the_go_cli_words(string verb)
    {
        var file = Input("apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: west\n");

        var r = await Skupper("system", verb, "-f", file);

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldStartWith("Error: This command does not support kubernetes platforms.\n");
        Files().ShouldBeEmpty();
    }

    public void Dispose() => _home.Dispose();
}
