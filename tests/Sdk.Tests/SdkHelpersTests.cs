using k8s.Models;
using Shouldly;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Cli.Sdk.Tests;

public class SdkHelpersTests
{
    [Fact]
    public void Table_aligns_columns_two_spaces_apart() =>
        new TextTable("NAME", "STATUS").Add("west", "Ready").Add("a-longer-name", null).ToString()
            .ShouldBe("NAME           STATUS\nwest           Ready\na-longer-name  \n");

    [Fact]
    public void A_text_table_row_ends_at_its_last_cell_cells_past_the_headers_are_left_out_and_cells_are_escaped() =>
        new TextTable("A", "B", "C").Add("wide-cell", "b").Add("x").Add("1", "2", "3", "extra").Add("esc\u001b[2J", "", "").ToString()
            .ShouldBe("A           B  C\nwide-cell   b\nx\n1           2  3  \nesc\\x1b[2J     \n");

    [Theory]
    [InlineData("kubernetes", Platform.Kubernetes)]
    [InlineData("podman", Platform.Podman)]
    public void Platform_names_parse(string name, Platform expected)
    {
        PlatformNames.TryParse(name, out var p).ShouldBeTrue();
        p.ShouldBe(expected);
        p.Name().ShouldBe(name);
    }

    [Fact]
    public void Platform_names_are_case_sensitive_like_the_go_cli() => PlatformNames.TryParse("Docker", out _).ShouldBeFalse();

    [Fact]
    public void Ready_check_reads_the_ready_condition()
    {
        var grant = new AccessGrant { Status = new AccessGrantStatus { Status = "Pending", Message = "Processing" } };
        WaitCheck.Ready(grant).ShouldBe(WaitCheck.Continue("Processing"));
        grant.Status.Conditions = [new V1Condition { Type = "Ready", Status = "True" }];
        WaitCheck.Ready(grant).Outcome.ShouldBe(WaitOutcome.Done);
        WaitCheck.Ready(null).Outcome.ShouldBe(WaitOutcome.Continue);
    }

    [Fact]
    public void Ready_check_waits_out_an_error_the_controller_retries_and_fails_fast_on_a_final_refusal()
    {
        var retried = new AccessGrant { Status = new AccessGrantStatus { Status = "Error", Message = "Controller got failed response: 503 (Service Unavailable) Internal error" } };
        WaitCheck.Ready(retried).ShouldBe(WaitCheck.Continue("Controller got failed response: 503 (Service Unavailable) Internal error"));
        const string usedUp = "Controller got failed response: 404 (Not Found) No such access granted";
        var final = new AccessGrant { Status = new AccessGrantStatus { Status = "Error", Message = usedUp } };
        WaitCheck.Ready(final).ShouldBe(WaitCheck.Fail(usedUp));
        ControllerRefusals.IsPermanent("Invalid duration \"5q\": time: invalid duration \"5q\"").ShouldBeTrue();
        ControllerRefusals.IsPermanent("Controller got error: Post \"https://x/y\": dial tcp x:443: connect: connection refused").ShouldBeFalse();
    }

    [Fact]
    public void Site_link_access_is_on_unless_none_or_empty()
    {
        new Site().LinkAccessEnabled.ShouldBeFalse();
        new Site { Spec = { LinkAccess = "none" } }.LinkAccessEnabled.ShouldBeFalse();
        new Site { Spec = { LinkAccess = "default" } }.LinkAccessEnabled.ShouldBeTrue();
    }

    [Fact]
    public void Problems_are_reported_together()
    {
        var e = SkupperException.FromProblems(["a is wrong", "b is wrong"]);
        e.Message.ShouldBe($"a is wrong{Environment.NewLine}b is wrong");
        e.ExitCode.ShouldBe(ExitCodes.Failure);
        SkupperException.Usage("x").ExitCode.ShouldBe(ExitCodes.Usage);
    }
}

public class AtomicFileAndNameTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sdk-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Secret_files_are_owner_only_and_leave_no_temporary_file()
    {
        var path = Path.Combine(_dir, "token.yaml");
        File.WriteAllText(path, "old");
        AtomicFile.Write(path, "new", AtomicFile.Secret);
        File.ReadAllText(path).ShouldBe("new");
        File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(_dir).ShouldBe([path]);
    }

    [Fact]
    public void A_failed_write_keeps_the_old_file_and_leaves_no_temporary_file()
    {
        var folder = Path.Combine(_dir, "kept");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "f");
        File.WriteAllText(file, "old content\n");
        // The folder refuses new entries, the old file still accepts writes: only a write in place would succeed.
        using (new ReadOnlyFolder(folder))
            Should.Throw<UnauthorizedAccessException>(() => AtomicFile.Write(file, "new content\n", AtomicFile.Secret));
        File.ReadAllText(file).ShouldBe("old content\n");
        Directory.GetFileSystemEntries(folder).ShouldBe([file]);
    }

    [Fact]
    public void A_writer_that_fails_half_way_leaves_the_old_file_and_no_temporary_file()
    {
        var file = Path.Combine(_dir, "dump.tar.gz");
        File.WriteAllText(file, "old");
        Should.Throw<IOException>(() => AtomicFile.Write(file, stream =>
        {
            stream.Write("half of it"u8);
            throw new IOException("disk full");
        }, AtomicFile.Secret)).Message.ShouldBe("disk full");
        File.ReadAllText(file).ShouldBe("old");
        Directory.GetFileSystemEntries(_dir).ShouldBe([file]);

        AtomicFile.Write(file, stream => stream.Write("whole"u8), AtomicFile.Secret);
        File.ReadAllText(file).ShouldBe("whole");
    }

    [Fact]
    public void A_write_into_a_missing_folder_fails_and_creates_nothing() =>
        Should.Throw<DirectoryNotFoundException>(() => AtomicFile.Write(Path.Combine(_dir, "missing", "f"), "x", AtomicFile.Ordinary));

    [Theory]
    [InlineData("west", true)]
    [InlineData("west-6bfn6", true)]
    [InlineData("a.b", true)]
    [InlineData("West", false)]
    [InlineData("-west", false)]
    [InlineData("west_1", false)]
    [InlineData("", false)]
    public void Names_follow_dns_1123(string name, bool valid) =>
        (KubernetesNames.CheckSubdomain(name) is null).ShouldBe(valid);
}
