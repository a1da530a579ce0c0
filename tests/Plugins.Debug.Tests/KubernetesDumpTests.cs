using System.Text;
using Shouldly;
using Skupper.Cli.TestSupport;
using Skupper.Sandbox;
using Xunit;

namespace Skupper.Plugins.Debug.Tests;

/// <summary>A sandbox whose controller answers at once and runs its own deployment in the namespace <c>skupper</c>.</summary>
public sealed class ControllerSandbox : SandboxFixture
{
    protected override SandboxOptions CreateOptions() => new SandboxOptions { ControllerNamespace = "skupper" }.WithDelay(TimeSpan.Zero);
}

/// <summary><c>debug dump</c> on Kubernetes, end to end through kubectl-skupper and the sandbox.</summary>
public sealed class KubernetesDumpTests(ControllerSandbox fixture) : SandboxTestBase(fixture.Server), IClassFixture<ControllerSandbox>
{
    [Fact]
    public async Task The_dump_of_a_linked_site_holds_what_the_go_cli_collects_as_yaml_and_no_secret()
    {
        var home = NewHome();
        var west = await SiteAsync("west", linkAccess: true);
        var east = await SiteAsync("east");
        await LinkAsync(home, from: east, to: west);
        (await Skupper(home, "connector", "create", "backend", "8080", "-n", west)).ExitCode.ShouldBe(0);
        (await Skupper(home, "listener", "create", "backend", "8080", "-n", east)).ExitCode.ShouldBe(0);
        (await Skupper(home, "token", "issue", Path.Combine(home.Root, "spare.yaml"), "-n", west)).ExitCode.ShouldBe(0);

        var westDump = await Skupper(home, "debug", "dump", "-n", west);
        var eastDump = await Skupper(home, "debug", "dump", Path.Combine(home.Root, "east.tar.gz"), "-n", east);

        westDump.ExitCode.ShouldBe(0, westDump.ToString());
        var file = Directory.GetFiles(home.Root, $"skupper-dump-{west}-*.tar.gz").ShouldHaveSingleItem();
        westDump.Out.ShouldBe($"Skupper dump details written to compressed archive: {Path.GetFileName(file)}\n");
        Path.GetFileName(file).ShouldMatch($@"^skupper-dump-{west}-\d{{14}}\.tar\.gz$");
        File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        eastDump.ExitCode.ShouldBe(0, eastDump.ToString());

        var dump = new DumpArchiveReader(file);
        string[] expected =
        [
            "README.txt", "versions/kubernetes.yaml", "versions/skupper.yaml",
            "site-namespace/events.yaml", "site-namespace/resources/endpoints.yaml", "site-namespace/resources/crds.yaml",
            "site-namespace/resources/Deployment-skupper-router.yaml", "site-namespace/resources/Role-skupper-router.yaml",
            "site-namespace/resources/RoleBinding-skupper-router.yaml", "site-namespace/resources/ConfigMap-skupper-router.yaml",
            "site-namespace/resources/Service-skupper-router.yaml", "site-namespace/resources/Service-skupper-router-local.yaml",
            "site-namespace/resources/Site-west.yaml", "site-namespace/resources/Connector-backend.yaml",
            "site-namespace/resources/Certificate-skupper-site-ca.yaml",
            "controller-namespace/resources/Deployment-skupper-controller.yaml",
            "controller-namespace/resources/Role-skupper-controller.yaml",
            "controller-namespace/resources/Service-skupper-grant-server.yaml",
        ];
        foreach (var name in expected.Where(n => n.EndsWith(".yaml", StringComparison.Ordinal)).Select(n => n + ".txt").Concat(expected))
            dump.Names.ShouldContain(name);
        // Two grants, each as .yaml and .yaml.txt.
        dump.Names.Count(n => n.StartsWith("site-namespace/resources/AccessGrant-", StringComparison.Ordinal)).ShouldBe(4);
        dump.Single(Matching("site-namespace/resources/Pod-skupper-router-", ".yaml"));
        dump.Single(Matching("site-namespace/resources/ReplicaSet-skupper-router-", ".yaml"));
        dump.Single(Matching("controller-namespace/resources/Pod-skupper-controller-", ".yaml"));
        dump.Text(dump.Single(Matching("site-namespace/logs/", "-router.txt"))).ShouldContain("ROUTER (info) Router started");
        dump.Single(Matching("site-namespace/logs/", "-kube-adaptor.txt"));
        dump.Text(dump.Single(Matching("controller-namespace/logs/", ".txt"))).ShouldContain("Skupper controller started");
        dump.ShouldAllParseAsYaml();

        dump.Text("versions/kubernetes.yaml").ShouldContain("gitVersion: v1.32.0-skupper-sandbox");
        dump.Text("versions/skupper.yaml").ShouldContain($"image: {SkupperWorkloads.RouterImage}");
        dump.Text("versions/skupper.yaml").ShouldContain($"image: {SkupperWorkloads.ControllerImage}");
        dump.Text("site-namespace/resources/crds.yaml").ShouldContain("- sites.skupper.io\n");
        dump.Text("site-namespace/events.yaml").ShouldContain("reason: Started");
        dump.Text("README.txt").ShouldContain("skstat output of the router");
        dump.Text("README.txt").ShouldContain("exec into the router's pod");

        var grant = List("accessgrants", west).First();
        dump.Text($"site-namespace/resources/AccessGrant-{grant["metadata"]!["name"]}.yaml").ShouldMatch(@"code: (\[redacted\]|'\[redacted\]'|""\[redacted\]"")");
        foreach (var code in List("accessgrants", west).Select(g => g["status"]!["code"]!.GetValue<string>()))
            dump.ShouldNotContain(code);

        var eastArchive = new DumpArchiveReader(Path.Combine(home.Root, "east.tar.gz"));
        eastArchive.ShouldAllParseAsYaml();
        var token = List("accesstokens", east).ShouldHaveSingleItem();
        eastArchive.Text($"site-namespace/resources/AccessToken-{token["metadata"]!["name"]}.yaml").ShouldMatch(@"code: (\[redacted\]|'\[redacted\]'|""\[redacted\]"")");
        eastArchive.ShouldNotContain(token["spec"]!["code"]!.GetValue<string>());
        foreach (var archive in new[] { dump, eastArchive })
        {
            archive.Names.ShouldNotContain(n => n.Contains("Secret", StringComparison.Ordinal));
            // Every Secret of both namespaces (the site CA's, the link's from the redemption), as stored, and each private key.
            foreach (var secret in new[] { west, east }.SelectMany(ns => Server.List("", "v1", "secrets", ns)))
                foreach (var (key, value) in secret["data"]!.AsObject())
                {
                    archive.ShouldNotContain(value!.GetValue<string>());
                    if (key == "tls.key")
                        archive.ShouldNotContain(Encoding.UTF8.GetString(Convert.FromBase64String(value.GetValue<string>())));
                }
        }
    }

    private static Func<string, bool> Matching(string prefix, string suffix) =>
        n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal);
}
