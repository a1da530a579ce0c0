using System.Text.RegularExpressions;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

/// <summary>
/// The token file holds a secret: it must never be readable by another user, not even between its creation and a
/// later chmod, and an old token file is replaced in one step (a reader sees the old or the new, never half).
/// The final mode and content cannot show either (a plain write then a chmod ends the same), so these tests watch
/// what another user on the machine could race: the file system calls the product makes, traced with strace
/// (issue 15).
/// </summary>
public sealed class SecretFileTests(DefaultSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<DefaultSandbox>
{
    /// <summary>The calls that create, change the mode of, truncate or replace a file, with the paths behind file descriptors (-y).</summary>
    private const string TracedCalls = "trace=open,openat,openat2,creat,chmod,fchmod,fchmodat,truncate,ftruncate,rename,renameat,renameat2";

    [Fact]
    public async Task The_token_file_is_created_owner_only_and_renamed_over_the_old_one_never_written_in_place()
    {
        var home = NewHome();
        await ReadySiteAsync("west", "west");
        var folder = Path.Combine(home.Home, "tokens");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "token.yaml");
        await File.WriteAllTextAsync(file, "an old token\n");
        var trace = Path.Combine(home.Root, "strace.txt");

        var r = await ProcessRunner.Run("strace", ["-f", "-qq", "-y", "-e", TracedCalls, "-o", trace,
            ProcessRunner.HostExe, "token", "issue", file, "--context", "west"], home);

        r.ExitCode.ShouldBe(0, r.ToString());
        (await File.ReadAllTextAsync(file)).ShouldStartWith("apiVersion: skupper.io/v2alpha1\nkind: AccessToken\n");
        var calls = File.ReadAllLines(trace).Where(l => l.Contains(folder + "/", StringComparison.Ordinal)).ToList();
        var report = string.Join("\n", calls);

        // Put in place by one rename over the old file (the write-permission probe of validation is another, empty file).
        var renames = calls.Where(l => Regex.IsMatch(l, @"\brename(at2?)?\(") && l.Contains($", \"{file}\"", StringComparison.Ordinal)).ToList();
        renames.Count.ShouldBe(1, report);
        renames[0].ShouldEndWith(" = 0", customMessage: report);
        var written = Regex.Match(renames[0], "\"([^\"]+)\"").Groups[1].Value;
        Path.GetDirectoryName(written).ShouldBe(folder, report);
        // That file was created new (O_EXCL: not one someone else prepared), owner-only from its first moment,
        var creates = calls.Where(l => Regex.IsMatch(l, @"\bopen(at2?)?\(") && l.Contains($"\"{written}\"", StringComparison.Ordinal)).ToList();
        creates.Count.ShouldBe(1, report);
        creates[0].ShouldContain("O_CREAT|O_EXCL", customMessage: report);
        Regex.IsMatch(creates[0], @", 0600\) = \d+").ShouldBeTrue(report);
        // and no file there had its mode changed or was truncated; the old token file was never opened for writing.
        calls.ShouldNotContain(l => Regex.IsMatch(l, @"\b(f?chmod(at)?|f?truncate)\("), report);
        calls.ShouldNotContain(l => l.Contains($"\"{file}\"", StringComparison.Ordinal) && Regex.IsMatch(l, "O_WRONLY|O_RDWR|O_TRUNC"), report);
        File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(folder).ShouldBe([file]);
    }
}
