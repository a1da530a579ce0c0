using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Debug.Tests;

/// <summary>Bad input and failures: one Error line, the exit code, and no archive (nor a temporary file) left behind.</summary>
public sealed class DumpRefusalTests(InstantSandbox fixture) : SandboxTestBase(fixture.Server), IClassFixture<InstantSandbox>
{
    private static string[] ErrorLines(RunResult r) =>
        r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("Error: ", StringComparison.Ordinal)).ToArray();

    private static void ShouldBeRefused(RunResult r, int exitCode, string says, string folder, int entriesBefore)
    {
        r.ExitCode.ShouldBe(exitCode, r.ToString());
        ErrorLines(r).ShouldHaveSingleItem(r.Err).ShouldContain(says, Case.Sensitive, r.Err);
        r.Err.ShouldNotContain("   at ");
        r.Out.ShouldBe("");
        Directory.GetFileSystemEntries(folder).Length.ShouldBe(entriesBefore, string.Join("\n", Directory.GetFileSystemEntries(folder)));
    }

    [Fact]
    public async Task A_folder_given_as_the_archive_is_refused()
    {
        var home = NewHome();
        var ns = await SiteAsync("west");
        var folder = Directory.CreateDirectory(Path.Combine(home.Root, "out")).FullName;
        var r = await Skupper(home, "debug", "dump", folder, "-n", ns);
        ShouldBeRefused(r, 2, "is a directory", folder, 0);
    }

    [Fact]
    public async Task An_archive_in_a_folder_that_does_not_exist_or_takes_no_files_is_refused()
    {
        var home = NewHome();
        var ns = await SiteAsync("west");
        var missing = await Skupper(home, "debug", "dump", Path.Combine(home.Root, "none", "d.tar.gz"), "-n", ns);
        ShouldBeRefused(missing, 2, "does not exist", home.Root, Directory.GetFileSystemEntries(home.Root).Length);

        var folder = Directory.CreateDirectory(Path.Combine(home.Root, "locked")).FullName;
        using (new ReadOnlyFolder(folder))
        {
            var locked = await Skupper(home, "debug", "dump", Path.Combine(folder, "d.tar.gz"), "-n", ns);
            ShouldBeRefused(locked, 2, "is not writable", folder, 0);
        }
    }

    [Fact]
    public async Task Two_archives_are_refused_as_usage()
    {
        var home = NewHome();
        var before = Directory.GetFileSystemEntries(home.Root).Length;
        var r = await Skupper(home, "debug", "dump", "a.tar.gz", "b.tar.gz");
        r.ExitCode.ShouldBe(2, r.ToString());
        ErrorLines(r).ShouldHaveSingleItem(r.Err);
        Directory.GetFileSystemEntries(home.Root).Length.ShouldBe(before);
    }

    [Fact]
    public async Task A_cluster_that_cannot_be_reached_fails_the_dump_and_leaves_no_file()
    {
        var home = NewHome();
        var before = Directory.GetFileSystemEntries(home.Root).Length;
        // Port 1 on the loopback: nothing listens there.
        var r = await Skupper(home, "debug", "dump", "d.tar.gz", "-s", "https://127.0.0.1:1", "--insecure-skip-tls-verify");
        ShouldBeRefused(r, 1, "127.0.0.1:1", home.Root, before);
    }

    [Fact]
    public async Task What_the_cluster_refuses_is_named_in_the_readme_and_the_rest_is_dumped()
    {
        var home = NewHome();
        var ns = await SiteAsync("west");
        Server.Rbac.Deny("list", "events", ns);

        var r = await Skupper(home, "debug", "dump", "d.tar.gz", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        var dump = new DumpArchiveReader(Path.Combine(home.Root, "d.tar.gz"));
        dump.Names.ShouldNotContain("site-namespace/events.yaml");
        dump.Names.ShouldContain("site-namespace/resources/Site-west.yaml");
        dump.Text("README.txt").ShouldContain("- events: forbidden: you are not allowed to get /api/v1/namespaces/");
    }

    [Fact]
    public async Task A_restarted_container_has_its_previous_log_in_the_dump()
    {
        var home = NewHome();
        var ns = await SiteAsync("west");
        var pod = Server.List("", "v1", "pods", ns).ShouldHaveSingleItem()["metadata"]!["name"]!.GetValue<string>();
        Server.Workloads.Logs.Append(ns, pod, "router", "before the crash\n");
        Server.Workloads.Logs.Restart(ns, pod, "router");
        Server.Workloads.Logs.Append(ns, pod, "router", "after the restart\n");

        var r = await Skupper(home, "debug", "dump", "d.tar.gz", "-n", ns);

        r.ExitCode.ShouldBe(0, r.ToString());
        var dump = new DumpArchiveReader(Path.Combine(home.Root, "d.tar.gz"));
        dump.Text($"site-namespace/logs/{pod}-router-previous.txt").ShouldContain("before the crash\n");
        dump.Text($"site-namespace/logs/{pod}-router.txt").ShouldBe("after the restart\n");
        dump.Names.ShouldNotContain($"site-namespace/logs/{pod}-kube-adaptor-previous.txt");
    }
}
