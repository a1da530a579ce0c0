using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Site.Tests;

/// <summary>
/// Docker, Podman and Linux keep sites as files where the Go CLI keeps them:
/// &lt;data home&gt;/namespaces/&lt;ns&gt;/input/resources/Site-&lt;name&gt;.yaml. No cluster is involved.
/// </summary>
public sealed class FilePlatformTests() : SiteTestBase(null)
{
    [Theory]
    [InlineData("docker")]
    [InlineData("podman")]
    [InlineData("linux")]
    public async Task Create_writes_the_site_file_in_the_default_namespace(string platform)
    {
        var home = NewHome();

        var r = await Skupper(home, "site", "create", "west", "--enable-link-access", "--platform", platform);

        var file = Path.Combine(Resources(home), "Site-west.yaml");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe($"Site \"west\" is created: {file}\n");
        r.Err.ShouldBeEmpty();
        (await File.ReadAllTextAsync(file)).ShouldBe("""
            apiVersion: skupper.io/v2alpha1
            kind: Site
            metadata:
              name: west
              namespace: default
            spec:
              linkAccess: default

            """);
        Files(DataHome(home)).ShouldBe([Path.Combine("namespaces", "default", "input", "resources", "Site-west.yaml")]);
        (File.GetUnixFileMode(file) & UnixFileMode.OtherWrite).ShouldBe(UnixFileMode.None);
    }

    [Fact]
    public async Task SKUPPER_PLATFORM_and_n_choose_platform_and_namespace()
    {
        var home = NewHome();
        home.Variables["SKUPPER_PLATFORM"] = "podman";

        var r = await Skupper(home, "site", "create", "east", "-n", "team-a");

        r.ExitCode.ShouldBe(0, r.ToString());
        File.Exists(Path.Combine(Resources(home, "team-a"), "Site-east.yaml")).ShouldBeTrue();
    }

    [Fact]
    public async Task Context_and_kubeconfig_are_ignored_with_a_warning()
    {
        var home = NewHome();

        var r = await Skupper(home, "site", "create", "west", "--platform", "linux", "--context", "nowhere", "--kubeconfig", "/nonexistent");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Err.ShouldBe("Warning: Kubernetes connection flags (--context, --kubeconfig, --server, ...) are ignored on platform \"linux\"\n");
        File.Exists(Path.Combine(Resources(home), "Site-west.yaml")).ShouldBeTrue();
    }

    [Fact]
    public async Task Kubernetes_only_options_are_refused_and_nothing_is_written()
    {
        var home = NewHome();

        var r = await Skupper(home, "site", "create", "west", "--platform", "docker", "--enable-link-access",
            "--link-access-type", "route", "--enable-ha", "--wait", "ready", "--timeout", "10s");

        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe(
            "Error: --link-access-type is supported on Kubernetes only, not on platform \"docker\"\n" +
            "Error: --enable-ha is supported on Kubernetes only, not on platform \"docker\"\n" +
            "Error: --wait is supported on Kubernetes only, not on platform \"docker\"\n" +
            "Error: --timeout is supported on Kubernetes only, not on platform \"docker\"\n");
        Files(DataHome(home)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_second_site_is_refused_and_the_first_file_is_kept()
    {
        var home = NewHome();
        (await Skupper(home, "site", "create", "west", "--platform", "docker")).ExitCode.ShouldBe(0);
        var file = Path.Combine(Resources(home), "Site-west.yaml");
        var before = await File.ReadAllTextAsync(file);

        var r = await Skupper(home, "site", "create", "east", "--platform", "docker");

        r.ExitCode.ShouldBe(1, r.ToString());
        r.Err.ShouldBe("Error: A site resource already exists in namespace \"default\": \"west\"; change it with \"kubectl skupper site update\"\n");
        Files(DataHome(home)).ShouldBe([Path.Combine("namespaces", "default", "input", "resources", "Site-west.yaml")]);
        (await File.ReadAllTextAsync(file)).ShouldBe(before);
    }

    [Fact]
    public async Task Update_status_and_delete_work_on_the_file()
    {
        var home = NewHome();
        var file = Path.Combine(Resources(home), "Site-west.yaml");
        (await Skupper(home, "site", "create", "west", "--platform", "docker")).ExitCode.ShouldBe(0);

        var update = await Skupper(home, "site", "update", "--enable-link-access", "--platform", "docker");
        update.ExitCode.ShouldBe(0, update.ToString());
        update.Out.ShouldBe($"Site \"west\" is updated: {file}\n");
        (await File.ReadAllTextAsync(file)).ShouldContain("linkAccess: default\n");

        var status = await Skupper(home, "site", "status", "--platform", "docker");
        status.ExitCode.ShouldBe(0, status.ToString());
        status.Out.ShouldBe("NAME  STATUS   MESSAGE  LINK ACCESS  SITES IN NETWORK\n" +
                            "west  Pending  -        default      -\n");

        var yaml = await Skupper(home, "site", "status", "west", "-o", "yaml", "--platform", "docker");
        yaml.ExitCode.ShouldBe(0, yaml.ToString());
        yaml.Out.ShouldBe(await File.ReadAllTextAsync(file));

        var off = await Skupper(home, "site", "update", "west", "--enable-link-access=false", "--platform", "docker");
        off.ExitCode.ShouldBe(0, off.ToString());
        (await File.ReadAllTextAsync(file)).ShouldContain("linkAccess: none\n");

        var delete = await Skupper(home, "site", "delete", "--platform", "docker");
        delete.ExitCode.ShouldBe(0, delete.ToString());
        delete.Out.ShouldBe("Site \"west\" is deleted.\n");
        File.Exists(file).ShouldBeFalse();
    }

    [Fact]
    public async Task Without_SKUPPER_DATA_HOME_a_user_keeps_sites_in_XDG_DATA_HOME_else_in_the_home()
    {
        // Every other test sets SKUPPER_DATA_HOME; these run as a user who is not root (in-process, so that the
        // tests' own root does not pick /var/lib/skupper, which no test may write).
        var home = NewHome();
        home.Variables["SKUPPER_DATA_HOME"] = null;
        var xdg = Path.Combine(home.DataHome, "skupper", "namespaces", "default", "input", "resources", "Site-west.yaml");
        var r = await InProcess.AsUser(home, "site", "create", "west", "--platform", "podman");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe($"Site \"west\" is created: {xdg}\n");
        File.Exists(xdg).ShouldBeTrue();

        var other = NewHome();
        other.Variables["SKUPPER_DATA_HOME"] = null;
        other.Variables["XDG_DATA_HOME"] = null;
        var local = Path.Combine(other.Home, ".local", "share", "skupper", "namespaces", "default", "input", "resources", "Site-west.yaml");
        r = await InProcess.AsUser(other, "site", "create", "west", "--platform", "linux");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe($"Site \"west\" is created: {local}\n");
        File.Exists(local).ShouldBeTrue();
    }

    [RootFact]
    public async Task Without_SKUPPER_DATA_HOME_root_keeps_sites_in_var_lib_skupper()
    {
        // In a private mount namespace with an empty tmpfs on /var/lib: the product writes where root's default is,
        // and nothing of the machine's /var/lib is seen or changed (the tmpfs goes with the namespace).
        var home = NewHome();
        home.Variables["SKUPPER_DATA_HOME"] = null;
        const string File = "/var/lib/skupper/namespaces/default/input/resources/Site-west.yaml";
        var existedBefore = System.IO.File.Exists(File);
        var script = $"mount -t tmpfs -o mode=0755 sandbox /var/lib && \"{ProcessRunner.HostExe}\" site create west --platform podman && cat {File}";

        var r = await ProcessRunner.Run("unshare", ["--mount", "--propagation", "private", "sh", "-c", script], home);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldStartWith($"Site \"west\" is created: {File}\napiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: west\n");
        System.IO.File.Exists(File).ShouldBe(existedBefore);
    }

    [Fact]
    public async Task Status_reads_the_runtime_status_when_the_platform_wrote_one()
    {
        var home = NewHome();
        (await Skupper(home, "site", "create", "west", "--platform", "linux")).ExitCode.ShouldBe(0);
        var runtime = Path.Combine(DataHome(home), "namespaces", "default", "runtime", "resources");
        Directory.CreateDirectory(runtime);
        await File.WriteAllTextAsync(Path.Combine(runtime, "Site-west.yaml"), """
            apiVersion: skupper.io/v2alpha1
            kind: Site
            metadata:
              name: west
            status:
              status: Ready
              message: OK
              sitesInNetwork: 2
            """);

        var r = await Skupper(home, "site", "status", "--platform", "linux");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("NAME  STATUS  MESSAGE  LINK ACCESS  SITES IN NETWORK\n" +
                       "west  Ready   OK       none         2\n");
    }

    [Fact]
    public async Task Delete_all_clears_the_namespace_input_resources_as_the_go_cli_does_and_lists_what_went()
    {
        var home = NewHome();
        (await Skupper(home, "site", "create", "west", "--platform", "docker")).ExitCode.ShouldBe(0);
        var dir = Resources(home);
        foreach (var f in new[]
                 {
                     "Link-l1.yaml", "AccessToken-t1.yaml", "Listener-backend.yaml", "Secret-west-ca.yaml", "Certificate-west-ca.yaml",
                     "SecuredAccess-db.yaml", "MultiKeyListener-mkl.yaml", "RouterAccess-router-access-west.yaml", "notes.txt",
                 })
            await File.WriteAllTextAsync(Path.Combine(dir, f), "kind: x\n");
        Directory.CreateDirectory(Path.Combine(dir, "extra"));
        await File.WriteAllTextAsync(Path.Combine(dir, "extra", "Connector-c.yaml"), "kind: x\n");
        // A link out of the folder goes itself; what it points to stays.
        var outside = Path.Combine(home.Root, "outside");
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(outside, "keep.yaml"), "kind: x\n");
        Directory.CreateSymbolicLink(Path.Combine(dir, "linked"), outside);
        var otherNamespace = Resources(home, "east");
        Directory.CreateDirectory(otherNamespace);
        await File.WriteAllTextAsync(Path.Combine(otherNamespace, "Link-keep.yaml"), "kind: x\n");

        var r = await Skupper(home, "site", "delete", "--all", "--platform", "docker");

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("""
            Site "west" is deleted.
            AccessToken "t1" is deleted.
            Certificate "west-ca" is deleted.
            Link "l1" is deleted.
            Listener "backend" is deleted.
            MultiKeyListener "mkl" is deleted.
            RouterAccess "router-access-west" is deleted.
            Secret "west-ca" is deleted.
            SecuredAccess "db" is deleted.
            File "extra" is deleted.
            File "linked" is deleted.
            File "notes.txt" is deleted.

            """);
        Directory.GetFileSystemEntries(dir).ShouldBeEmpty();
        File.Exists(Path.Combine(outside, "keep.yaml")).ShouldBeTrue();
        File.Exists(Path.Combine(otherNamespace, "Link-keep.yaml")).ShouldBeTrue();
    }

    [Fact]
    public async Task Delete_all_without_a_site_clears_what_is_left_and_says_when_there_is_nothing_to_delete()
    {
        // The Go CLI's --all removes input/resources whether or not a site exists: cleaning up after a deleted site.
        var home = NewHome();

        var nothing = await Skupper(home, "site", "delete", "--all", "--platform", "podman");

        nothing.ExitCode.ShouldBe(0, nothing.ToString());
        nothing.Out.ShouldBe("There is no site and nothing else to delete in namespace \"default\".\n");
        nothing.Err.ShouldBeEmpty();
        Files(DataHome(home)).ShouldBeEmpty();

        var dir = Resources(home, "east");
        Directory.CreateDirectory(dir);
        foreach (var f in new[] { "Listener-backend.yaml", "Secret-east-ca.yaml", "notes.txt" })
            await File.WriteAllTextAsync(Path.Combine(dir, f), "kind: x\n");

        var leftovers = await Skupper(home, "site", "delete", "east", "--all", "--platform", "podman", "-n", "east");

        leftovers.ExitCode.ShouldBe(0, leftovers.ToString());
        leftovers.Out.ShouldBe("Listener \"backend\" is deleted.\nSecret \"east-ca\" is deleted.\nFile \"notes.txt\" is deleted.\n");
        Directory.GetFileSystemEntries(dir).ShouldBeEmpty();

        // Without --all a site must still exist.
        var plain = await Skupper(home, "site", "delete", "--platform", "podman", "-n", "east");
        plain.ExitCode.ShouldBe(1, plain.ToString());
    }

    [Theory]
    [InlineData("podman")]
    [InlineData("linux")]
    [InlineData("docker")]
    public async Task A_plain_delete_also_removes_the_site_router_access_and_nothing_else(string platform)
    {
        var home = NewHome();
        (await Skupper(home, "site", "create", "west", "--platform", platform)).ExitCode.ShouldBe(0);
        var dir = Resources(home);
        foreach (var f in new[] { "RouterAccess-router-access-west.yaml", "RouterAccess-router-access-east.yaml", "Link-l1.yaml" })
            await File.WriteAllTextAsync(Path.Combine(dir, f), "kind: x\n");

        var r = await Skupper(home, "site", "delete", "west", "--platform", platform);

        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("Site \"west\" is deleted.\n");
        Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["Link-l1.yaml", "RouterAccess-router-access-east.yaml"]);
    }

    [Fact]
    public async Task A_malformed_site_file_is_reported_with_its_path_and_never_overwritten()
    {
        var home = NewHome();
        var dir = Resources(home);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "Site-west.yaml");
        await File.WriteAllTextAsync(file, "kind: [unclosed\n");

        var create = await Skupper(home, "site", "create", "west", "--platform", "docker");
        var update = await Skupper(home, "site", "update", "--enable-link-access", "--platform", "docker");
        var status = await Skupper(home, "site", "status", "--platform", "docker");

        foreach (var r in new[] { create, update, status })
        {
            r.ExitCode.ShouldBe(1, r.ToString());
            r.Err.ShouldStartWith($"Error: the site file {file} is not a valid Site resource: ");
            r.Err.ShouldContain("; fix or remove it");
        }
        (await File.ReadAllTextAsync(file)).ShouldBe("kind: [unclosed\n");
        Files(DataHome(home)).ShouldBe([Path.Combine("namespaces", "default", "input", "resources", "Site-west.yaml")]);
    }

    [Fact]
    public async Task A_namespace_that_is_not_a_name_is_refused_before_any_file_is_touched()
    {
        var home = NewHome();

        var r = await Skupper(home, "site", "create", "west", "--platform", "docker", "-n", "../../etc");

        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldStartWith("Error: invalid namespace: \"../../etc\" is not a valid name");
        Files(home.Root).Where(f => f.Contains("Site-")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Generate_works_on_every_platform_without_touching_files()
    {
        var home = NewHome();
        var r = await Skupper(home, "site", "generate", "west", "--platform", "podman");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: west\n");
        // -n is written, as the Go CLI writes it, and the namespace's folder is not made.
        r = await Skupper(home, "site", "generate", "west", "--platform", "podman", "-n", "east");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldBe("apiVersion: skupper.io/v2alpha1\nkind: Site\nmetadata:\n  name: west\n  namespace: east\n");
        Files(DataHome(home)).ShouldBeEmpty();
    }

    [Fact]
    public async Task No_site_on_files_is_reported_for_update_and_delete()
    {
        var home = NewHome();
        var update = await Skupper(home, "site", "update", "--enable-link-access", "--platform", "docker");
        update.ExitCode.ShouldBe(1, update.ToString());
        update.Err.ShouldBe("Error: No site resource exists in namespace \"default\"; create one with \"kubectl skupper site create <name>\"\n");
        var delete = await Skupper(home, "site", "delete", "--platform", "docker");
        delete.ExitCode.ShouldBe(1, delete.ToString());
        var status = await Skupper(home, "site", "status", "--platform", "docker");
        status.Out.ShouldBe("There is no existing Skupper site resource in namespace \"default\"\n");
    }
}
