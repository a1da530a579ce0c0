using System.Net;
using System.Net.Sockets;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// Completion of option values through the real kubectl, as a tab press runs it: kubectl hands the
/// words after <c>kubectl skupper</c> to <c>kubectl_complete-skupper</c> on PATH, which asks the host.
/// Contexts come from the kubeconfig, namespaces from the cluster; a cluster that cannot answer
/// gives no candidates and never an error.
/// </summary>
public sealed class CompletionValueTests : IAsyncLifetime, IDisposable
{
    private readonly TestHome _home = new();
    private SandboxServer _server = null!;
    private string _bin = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxOptions { Namespaces = ["west", "east", "north"] });
        _home.Variables["KUBECONFIG"] = _server.KubeconfigPath;
        // The completion helper as the krew caveat installs it: a copy on PATH, next to nothing.
        _bin = Path.Combine(_home.Root, "bin");
        Directory.CreateDirectory(_bin);
        var helper = Path.Combine(_bin, "kubectl_complete-skupper");
        File.Copy(Path.Combine(RepoRoot(), "packaging", "krew", "kubectl_complete-skupper"), helper);
        File.SetUnixFileMode(helper, (UnixFileMode)0b111_101_101);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _home.Dispose();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(ProcessRunner.HostDir);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SkupperPlugin.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + ProcessRunner.HostDir);
    }

    /// <summary>kubectl __complete skupper WORDS…: what bash and zsh show for a tab press.</summary>
    private async Task<(List<string> Candidates, string Directive, RunResult Run)> Complete(params string[] words)
    {
        var r = await ProcessRunner.Run("kubectl", ["__complete", "skupper", .. words], _home,
            pathPrefix: _bin + ":" + ProcessRunner.HostDir);
        r.ExitCode.ShouldBe(0, r.ToString());
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.ShouldNotBeEmpty(r.ToString());
        return (lines[..^1].Select(l => l.Split('\t')[0]).ToList(), lines[^1], r);
    }

    [Fact]
    public async Task Context_values_are_the_kubeconfigs_contexts()
    {
        var (all, directive, _) = await Complete("site", "status", "--context", "");
        all.ShouldBe(["east", "north", "west", "west-cert"]);
        directive.ShouldBe(":4");

        (await Complete("token", "issue", "-c", "w")).Candidates.ShouldBe(["west", "west-cert"]);
        (await Complete("token", "issue", "--context=w")).Candidates.ShouldBe(["west", "west-cert"]);
    }

    [Fact]
    public async Task Context_values_follow_the_kubeconfig_flag()
    {
        var other = Path.Combine(_home.Root, "other-kubeconfig");
        File.WriteAllText(other, "apiVersion: v1\nkind: Config\ncontexts:\n- name: prod\n  context: {cluster: c, user: u}\nclusters: []\nusers: []\n");
        (await Complete("--kubeconfig", other, "site", "status", "--context", "")).Candidates.ShouldBe(["prod"]);
    }

    [Fact]
    public async Task Namespace_values_are_the_clusters_namespaces()
    {
        var (all, directive, _) = await Complete("site", "status", "-n", "");
        all.ShouldContain("west");
        all.ShouldContain("east");
        all.ShouldContain("north");
        directive.ShouldBe(":4");
        (await Complete("site", "status", "--namespace", "no")).Candidates.ShouldBe(["north"]);
        (await Complete("site", "status", "--namespace=no")).Candidates.ShouldBe(["north"]);
        (await Complete("site", "status", "-n=no")).Candidates.ShouldBe(["north"]);
        _server.Requests.Entries.ShouldContain(e => e.Path == "/api/v1/namespaces");
    }

    [Fact]
    public async Task Namespace_values_use_the_context_given_before_them()
    {
        // west-cert is the client-certificate user: the list is made as that identity.
        await Complete("--context", "west-cert", "site", "status", "-n", "");
        _server.Requests.Entries.Last(e => e.Path == "/api/v1/namespaces").User.ShouldBe(KubeconfigWriter.CertUser);
    }

    [Fact]
    public async Task A_cluster_that_refuses_or_never_answers_gives_no_candidates_and_no_error()
    {
        // Refused: a port nobody listens on.
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var refusedPort = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var (refused, directive, run) = await Complete("-s", $"https://127.0.0.1:{refusedPort}", "--insecure-skip-tls-verify", "site", "status", "-n", "");
        refused.ShouldBeEmpty();
        directive.ShouldBe(":4");
        run.Err.ShouldNotContain("Error");

        // Silent: accepts the connection and never says a word; the tab press gives up on its own budget.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptTcpClientAsync();
        var (none, _, quiet) = await Complete("-s", $"https://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}",
            "--insecure-skip-tls-verify", "site", "status", "-n", "");
        none.ShouldBeEmpty();
        quiet.Err.ShouldNotContain("Error");
        (await accepted).Dispose();
    }

    [Theory]
    [InlineData("site create --wait ", "none configured ready")]
    [InlineData("site update --wait c", "configured")]
    [InlineData("site create --link-access-type ", "default route loadbalancer")]
    [InlineData("site status -o ", "json yaml")]
    [InlineData("site generate --output y", "yaml")]
    [InlineData("version -o ", "json yaml")]
    [InlineData("plugin list -o j", "json")]
    // cobra's "--flag=<TAB>": the same values, alone (the shell keeps "--flag=" in front).
    [InlineData("site status --output=", "json yaml")]
    [InlineData("site generate --output=y", "yaml")]
    [InlineData("site status -o=j", "json")]
    [InlineData("site create --wait=c", "configured")]
    [InlineData("version --platform=p", "podman")]
    [InlineData("site create --enable-ha=", "")]
    [InlineData("site create --nope=", "")]
    public async Task Choices_come_from_the_commands_declarations(string line, string expected)
    {
        var words = line.Split(' ');
        var (candidates, directive, run) = await Complete(words);
        string.Join(" ", candidates).ShouldBe(expected, run.ToString());
        directive.ShouldBe(":4");
    }

    [Fact]
    public async Task Grant_and_site_names_come_from_the_namespace()
    {
        foreach (var (plural, name) in new[] { ("accessgrants", "west-1"), ("accessgrants", "west-2"), ("sites", "west") })
            _server.PutSkupper(plural, "west", new System.Text.Json.Nodes.JsonObject
            {
                ["apiVersion"] = "skupper.io/v2alpha1",
                ["kind"] = plural == "sites" ? "Site" : "AccessGrant",
                ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name, ["namespace"] = "west" },
            });

        (await Complete("token", "issue", "t.yaml", "-n", "west", "--grant", "")).Candidates.ShouldBe(["west-1", "west-2"]);
        (await Complete("token", "status", "-n", "west", "")).Candidates.ShouldBe(["west-1", "west-2"]);
        (await Complete("-n", "west", "token", "revoke", "west-")).Candidates.ShouldBe(["west-1", "west-2"]);
        (await Complete("-n", "west", "site", "status", "")).Candidates.ShouldBe(["west"]);
        (await Complete("site", "delete", "-n", "east", "")).Candidates.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_file_argument_lets_the_shell_complete_file_names()
    {
        (await Complete("token", "issue", "")).Directive.ShouldBe(":0");
        (await Complete("token", "redeem", "")).Directive.ShouldBe(":0");
        // A site name is not a file: the shell must not offer files instead.
        (await Complete("site", "create", "")).Directive.ShouldBe(":4");
    }

    [Fact]
    public async Task The_options_command_is_offered_with_the_other_commands()
    {
        var (all, directive, run) = await Complete("");
        all.ShouldContain("options");
        run.Out.ShouldContain("options\tPrint the list of global command-line options (applies to all commands).\n");
        directive.ShouldBe(":4");
        (await Complete("opt")).Candidates.ShouldBe(["options"]);
    }
}
