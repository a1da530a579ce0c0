using Shouldly;
using Skupper.Cli.Host.Services.Connection;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// How an exec plugin's program is found, as Go's exec.LookPath finds it for client-go (os/exec/lp_unix.go,
/// lp_windows.go), on a made-up file system. The Unix rules are also proved end to end in ConnectionTests; the Windows
/// ones can only be proved here, on a Linux machine.
/// </summary>
public class ProgramLookupTests
{
    private static ProgramLookup Windows(params string[] files) =>
        new(windows: true, f => files.Contains(f, StringComparer.OrdinalIgnoreCase));

    private static ProgramLookup Unix(params string[] files) => new(windows: false, files.Contains);

    [Fact]
    public void On_Windows_PATH_is_split_at_semicolons_and_each_PATHEXT_extension_is_tried_in_order() =>
        Windows(@"C:\tools\kubelogin.cmd", @"D:\bin\kubelogin.exe", @"D:\bin\kubelogin.bat")
            .Find("kubelogin", @"C:\nothing;;D:\bin;C:\tools", ".COM;.EXE;.BAT;.CMD")
            .ShouldBe(new ProgramLookup.Found(@"D:\bin\kubelogin.exe", null));

    [Fact]
    public void On_Windows_without_PATHEXT_Gos_four_extensions_are_tried() =>
        Windows(@"C:\tools\gke-gcloud-auth-plugin.bat")
            .Find("gke-gcloud-auth-plugin", @"C:\tools", null)
            .ShouldBe(new ProgramLookup.Found(@"C:\tools\gke-gcloud-auth-plugin.bat", null));

    [Fact]
    public void On_Windows_a_name_with_an_extension_is_tried_as_given_first() =>
        Windows(@"C:\tools\aws.exe", @"C:\tools\aws.exe.cmd")
            .Find("aws.exe", @"C:\tools", ".cmd")
            .ShouldBe(new ProgramLookup.Found(@"C:\tools\aws.exe", null));

    [Fact]
    public void On_Windows_a_program_in_the_current_directory_is_refused_even_when_PATH_has_one() =>
        Windows(@".\kubelogin.exe", @"C:\tools\kubelogin.exe")
            .Find("kubelogin", @"C:\tools", null)
            .ShouldBe(new ProgramLookup.Found(null, "."));

    [Theory]
    [InlineData(@"tools")]
    [InlineData(@".\tools")]
    public void On_Windows_a_program_found_through_a_relative_PATH_entry_is_refused(string entry) =>
        Windows(entry + @"\kubelogin.exe", @"C:\tools\kubelogin.exe")
            .Find("kubelogin", entry + @";C:\tools", null)
            .ShouldBe(new ProgramLookup.Found(null, entry));

    [Theory]
    [InlineData(@"C:\tools\kubelogin.exe")]
    [InlineData(@"..\kubelogin.exe")]
    [InlineData("C:kubelogin.exe")]
    [InlineData("tools/kubelogin.exe")]
    public void On_Windows_a_command_with_a_separator_or_a_drive_is_a_path_and_not_looked_up(string command) =>
        Windows().Find(command, @"C:\tools", null).ShouldBe(new ProgramLookup.Found(command, null));

    [Fact]
    public void On_Windows_UNC_folders_count_as_absolute() =>
        Windows(@"\\server\share\kubelogin.exe")
            .Find("kubelogin", @"\\server\share", null)
            .ShouldBe(new ProgramLookup.Found(@"\\server\share\kubelogin.exe", null));

    [Fact]
    public void On_Unix_PATH_is_split_at_colons_no_extension_is_added_and_an_empty_entry_is_the_current_directory()
    {
        Unix("/opt/bin/kubelogin", "/usr/bin/kubelogin.exe").Find("kubelogin", "/usr/bin:/opt/bin", ".exe")
            .ShouldBe(new ProgramLookup.Found("/opt/bin/kubelogin", null));
        Unix("./kubelogin", "/opt/bin/kubelogin").Find("kubelogin", "/usr/bin::/opt/bin", null)
            .ShouldBe(new ProgramLookup.Found(null, ""));
        Unix("./kubelogin").Find("kubelogin", "/usr/bin", null).ShouldBe(default);
    }
}
