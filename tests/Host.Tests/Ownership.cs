using System.Diagnostics;
using Xunit;

namespace Skupper.Cli.Host.Tests;

/// <summary>A test that hands a file to another account: only root may (tests run as root on CI).</summary>
public static class Ownership
{
    /// <summary>The uid of the <c>nobody</c> account (65534 where it is missing from /etc/passwd).</summary>
    public static uint Nobody { get; } = File.ReadLines("/etc/passwd")
        .Select(l => l.Split(':'))
        .Where(f => f.Length > 2 && f[0] == "nobody")
        .Select(f => uint.Parse(f[2]))
        .DefaultIfEmpty(65534u)
        .First();

    /// <summary><c>chown -R uid path</c>.</summary>
    public static void GiveTo(uint uid, string path)
    {
        using var p = Process.Start("chown", ["-R", uid.ToString(), path]);
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"chown -R {uid} {path} failed ({p.ExitCode})");
    }

    public static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8).PadLeft(4, '0');
}
