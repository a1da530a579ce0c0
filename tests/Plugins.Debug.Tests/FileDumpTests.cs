using System.Text;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Debug.Tests;

/// <summary><c>debug dump</c> off Kubernetes: the namespace's files under the data home, redacted.</summary>
public sealed class FileDumpTests : IDisposable
{
    private const string PrivateKey =
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAsecretkeymaterial0123456789\n-----END RSA PRIVATE KEY-----\n";
    private const string TokenCode = "tokencode-4Xy9Qw2Lm7Pz";
    private const string Password = "stringdata-password-9f8e7d";
    private const string BrokenSecret = "broken-file-secret-1a2b3c";

    private readonly TestHome _home = new();

    private string Namespace(string ns) => Path.Combine(_home.SkupperData, "namespaces", ns);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(Namespace("default"), relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task The_namespace_files_are_dumped_with_keys_and_codes_redacted()
    {
        Write("input/resources/Site-west.yaml",
            "apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: west\nspec:\n  linkAccess: default\n");
        Write("input/resources/Secret-creds.yaml",
            $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ndata:\n  tls.key: {B64(PrivateKey)}\n" +
            $"stringData:\n  password: {Password}\n");
        Write("input/resources/AccessToken-tok.yaml",
            $"apiVersion: skupper.io/v2alpha1\nkind: AccessToken\nmetadata:\n  name: tok\nspec:\n  url: https://x/\n  code: {TokenCode}\n");
        Write("input/resources/Broken.yaml", $"password: [{BrokenSecret}\n  nope: {{\n");
        Write("input/certs/skupper-site-ca/tls.key", PrivateKey);
        Write("input/certs/skupper-site-ca/tls.crt", "-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n");
        Write("runtime/links/link-west.yaml",
            "apiVersion: skupper.io/v2alpha1\nkind: Link\nmetadata:\n  name: link-west\nspec:\n  cost: 1\n---\n" +
            $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: link-west\ndata:\n  tls.key: {B64(PrivateKey)}\n");
        Write("runtime/router/skrouterd.json", """[["router", {"id": "west", "mode": "interior"}]]""");
        Write("internal/scripts/start.sh", "#!/bin/sh\nexec skrouterd\n");
        File.CreateSymbolicLink(Path.Combine(Namespace("default"), "internal", "scripts", "passwd"), "/etc/passwd");

        var r = await ProcessRunner.KubectlSkupper(_home, "debug", "dump", "out.tar.gz", "--platform", "podman");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("Skupper dump details written to compressed archive: out.tar.gz\n");
        var dump = new DumpArchiveReader(Path.Combine(_home.Root, "out.tar.gz"));
        foreach (var name in new[]
                 {
                     "site-namespace/input/resources/Site-west.yaml", "site-namespace/input/resources/Site-west.yaml.txt",
                     "site-namespace/input/resources/Secret-creds.yaml", "site-namespace/input/resources/AccessToken-tok.yaml",
                     "site-namespace/input/certs/skupper-site-ca/tls.crt", "site-namespace/runtime/links/link-west.yaml",
                     "site-namespace/runtime/router/skrouterd.json", "site-namespace/internal/scripts/start.sh", "versions/platform.yaml",
                 })
            dump.Names.ShouldContain(name);
        dump.Names.ShouldNotContain("site-namespace/input/certs/skupper-site-ca/tls.key");
        dump.Names.ShouldNotContain(n => n.Contains("Broken", StringComparison.Ordinal) || n.EndsWith("passwd", StringComparison.Ordinal));
        dump.ShouldAllParseAsYaml();
        dump.Text("site-namespace/runtime/links/link-west.yaml").ShouldContain("kind: Link");
        dump.Text("site-namespace/runtime/links/link-west.yaml").ShouldMatch(@"tls\.key: (\[redacted\]|'\[redacted\]'|""\[redacted\]"")");
        dump.Text("site-namespace/input/resources/AccessToken-tok.yaml").ShouldMatch(@"code: (\[redacted\]|'\[redacted\]'|""\[redacted\]"")");
        var readme = dump.Text("README.txt");
        readme.ShouldContain("- site-namespace/input/certs/skupper-site-ca/tls.key: a private key\n");
        readme.ShouldContain("- site-namespace/input/resources/Broken.yaml: not readable as YAML, so its secrets could not be redacted");
        readme.ShouldContain("- site-namespace/internal/scripts/passwd: a symbolic link, not followed\n");
        readme.ShouldContain("skstat");
        foreach (var secret in new[] { PrivateKey.Split('\n')[1], B64(PrivateKey), TokenCode, Password, BrokenSecret })
            dump.ShouldNotContain(secret);
    }

    [Fact]
    public async Task A_namespace_without_a_site_is_refused_and_nothing_is_written()
    {
        var before = Directory.GetFileSystemEntries(_home.Root).Length;
        var r = await ProcessRunner.KubectlSkupper(_home, "debug", "dump", "-n", "nosuch", "--platform", "podman");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe($"Error: no Skupper site found in namespace \"nosuch\": " +
                       $"\"{Namespace("nosuch")}\" has no input, runtime or internal folder\n");
        Directory.GetFileSystemEntries(_home.Root).Length.ShouldBe(before);
    }

    public void Dispose() => _home.Dispose();
}
