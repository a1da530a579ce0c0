using Shouldly;
using Skupper.Cli.Host.Cli;
using Skupper.Cli.Host.Services;
using Skupper.Cli.Host.Services.Connection;
using Skupper.Cli.Sdk;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>Kubeconfig, context and namespace resolved as kubectl resolves them.</summary>
public class KubeconfigTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private string Kubeconfig(string name, string currentContext, params (string Context, string? Namespace)[] contexts)
    {
        var path = Path.Combine(_home.Root, name);
        var lines = new List<string>
        {
            "apiVersion: v1", "kind: Config", $"current-context: \"{currentContext}\"",
            "clusters:", $"- name: {name}-cluster", "  cluster:", $"    server: https://{name}.example:6443",
            "users:", $"- name: {name}-user", "  user:", "    token: abc",
            "contexts:",
        };
        foreach (var (context, ns) in contexts)
        {
            lines.Add($"- name: {context}");
            lines.Add("  context:");
            lines.Add($"    cluster: {name}-cluster");
            lines.Add($"    user: {name}-user");
            if (ns is not null) lines.Add($"    namespace: {ns}");
        }
        File.WriteAllLines(path, lines);
        return path;
    }

    private ClusterAccess Access(params string[] args) => CommandClusterAccess.Create(_home, args);

    [Fact]
    public void Kubeconfig_files_merge_first_one_wins()
    {
        var a = Kubeconfig("a", "ctx-a", ("ctx-a", "alpha"), ("shared", "from-a"));
        var b = Kubeconfig("b", "ctx-b", ("ctx-b", "beta"), ("shared", "from-b"));
        _home.Variables["KUBECONFIG"] = $"{a}:{Path.Combine(_home.Root, "missing")}:{b}";

        var access = Access();
        access.Context.ShouldBe("ctx-a");
        access.Namespace.ShouldBe("alpha");
        access.Server.ShouldBe("https://a.example:6443");

        Access("--context", "ctx-b").Namespace.ShouldBe("beta");
        Access("--context", "shared").Namespace.ShouldBe("from-a");
        Access("--context", "ctx-b", "-n", "gamma").Namespace.ShouldBe("gamma");
    }

    [Fact]
    public void Flag_beats_environment_beats_home()
    {
        Directory.CreateDirectory(Path.Combine(_home.Home, ".kube"));
        File.Copy(Kubeconfig("homecfg", "home-ctx", ("home-ctx", null)), Path.Combine(_home.Home, ".kube", "config"));
        Access().Context.ShouldBe("home-ctx");
        Access().Namespace.ShouldBe("default");

        _home.Variables["KUBECONFIG"] = Kubeconfig("env", "env-ctx", ("env-ctx", "env-ns"));
        Access().Context.ShouldBe("env-ctx");

        Access("--kubeconfig", Kubeconfig("flag", "flag-ctx", ("flag-ctx", "flag-ns"))).Namespace.ShouldBe("flag-ns");
    }

    [Fact]
    public void Missing_kubeconfig_is_a_usage_error_naming_the_file()
    {
        var missing = Path.Combine(_home.Root, "nope.yaml");
        var e = Should.Throw<SkupperException>(() => Access("--kubeconfig", missing).Namespace);
        e.ExitCode.ShouldBe(ExitCodes.Usage);
        e.Message.ShouldBe($"kubeconfig file \"{missing}\" (from --kubeconfig) does not exist");

        var none = Should.Throw<SkupperException>(() => Access().Namespace);
        none.ExitCode.ShouldBe(ExitCodes.Usage);
        none.Message.ShouldContain(".kube/config does not exist; use --kubeconfig or KUBECONFIG");
    }

    [Fact]
    public void Malformed_kubeconfig_is_named()
    {
        var bad = Path.Combine(_home.Root, "bad.yaml");
        File.WriteAllText(bad, "clusters: [ {{{ this is not yaml");
        _home.Variables["KUBECONFIG"] = bad;
        var e = Should.Throw<SkupperException>(() => Access().Namespace);
        e.ExitCode.ShouldBe(ExitCodes.Usage);
        e.Message.ShouldStartWith($"kubeconfig file \"{bad}\" is not valid:");
    }

    [Fact]
    public void Unknown_context_is_named_with_the_choices()
    {
        _home.Variables["KUBECONFIG"] = Kubeconfig("a", "ctx-a", ("ctx-a", null), ("ctx-b", null));
        var e = Should.Throw<SkupperException>(() => Access("--context", "nope").Namespace);
        e.ExitCode.ShouldBe(ExitCodes.Usage);
        e.Message.ShouldContain("context \"nope\" does not exist in kubeconfig file");
        e.Message.ShouldContain("(contexts: ctx-a, ctx-b)");
    }
}

/// <summary>The host's own kubeconfig reader: the fields kubectl uses, paths relative to the file.</summary>
public class KubeconfigReaderTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Reads_clusters_users_contexts_with_paths_relative_to_the_file()
    {
        var dir = Path.Combine(_home.Root, "conf");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "config");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: c
              cluster:
                server: https://k.example:6443
                certificate-authority: certs/ca.crt
                insecure-skip-tls-verify: true
            users:
            - name: u
              user:
                client-certificate: /abs/client.crt
                client-key: key.pem
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./bin/login
                  args: [--quiet]
                  env:
                  - name: MODE
                    value: fast
            contexts:
            - name: dev
              context: {cluster: c, user: u, namespace: team}
            """);
        var config = Kubeconfig.Read(path);
        config.CurrentContext.ShouldBe("dev");
        var cluster = config.Clusters["c"];
        cluster.Server.ShouldBe("https://k.example:6443");
        cluster.CertificateAuthority.ShouldBe(Path.Combine(dir, "certs/ca.crt"));
        cluster.InsecureSkipTlsVerify.ShouldBeTrue();
        var user = config.Users["u"];
        user.ClientCertificate.ShouldBe("/abs/client.crt");
        user.ClientKey.ShouldBe(Path.Combine(dir, "key.pem"));
        user.Exec!.Command.ShouldBe(Path.Combine(dir, "./bin/login"));
        user.Exec.Args.ShouldBe(["--quiet"]);
        user.Exec.Env.Single().Value.ShouldBe("fast");
        config.Contexts["dev"].Namespace.ShouldBe("team");
    }

    [Theory]
    [InlineData("- just a list", "the top level is not a mapping")]
    [InlineData("clusters: 3", "\"clusters\" is not a list")]
    [InlineData("contexts: [1]", "an entry of \"contexts\" is not a mapping")]
    [InlineData("a: [b", "line ")]
    public void Malformed_files_say_what_is_wrong(string text, string message)
    {
        var path = Path.Combine(_home.Root, "bad");
        File.WriteAllText(path, text);
        Should.Throw<FormatException>(() => Kubeconfig.Read(path)).Message.ShouldContain(message);
    }
}
