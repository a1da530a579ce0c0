using System.Text.RegularExpressions;
using Shouldly;
using Skupper.Cli.TestSupport;

namespace Skupper.Packaging.Tests;

/// <summary>One system call of an <c>strace -f</c> log: the thread that made it, its name, arguments and result.</summary>
public sealed record SystemCall(int Pid, string Name, string Arguments, string Result)
{
    /// <summary>An error returned. (A successful execve from a thread other than the first returns "?": strace sees
    /// the call end in the thread that became the process, "&lt;pid changed to N ...&gt;".)</summary>
    public bool Failed => Result.StartsWith("-1", StringComparison.Ordinal);

    /// <summary>The first string argument (the path of execve and open, the second of openat).</summary>
    public string? Path => Regex.Match(Arguments, "\"((?:[^\"\\\\]|\\\\.)*)\"") is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>A new process, not a thread of this one: fork, vfork, or a clone without CLONE_THREAD.</summary>
    public bool CreatesProcess => Name is "fork" or "vfork" || (Name is "clone" or "clone3" && !Arguments.Contains("CLONE_THREAD", StringComparison.Ordinal));

    public override string ToString() => $"{Pid} {Name}({Arguments}) = {Result}";
}

/// <summary>
/// Runs a command under <c>strace -f</c> (every thread and process it starts) and reads back the calls it made:
/// which programs it became (execve), which files it opened, whether it started another process. Reading
/// /proc/PID/maps instead would race the process.
/// </summary>
public static class Strace
{
    public const string Calls = "trace=execve,open,openat,clone,clone3,fork,vfork";

    public static async Task<(RunResult Run, IReadOnlyList<SystemCall> Calls)> Run(
        TestHome home, string? pathPrefix, string exe, params string[] args)
    {
        var log = System.IO.Path.Combine(home.Root, $"strace-{Guid.NewGuid():N}.txt");
        var r = await ProcessRunner.Run("strace", ["-f", "-qq", "-s", "4096", "-e", Calls, "-e", "signal=none", "-o", log, exe, .. args],
            home, pathPrefix: pathPrefix);
        File.Exists(log).ShouldBeTrue($"strace wrote no log: {r}");
        return (r, Parse(File.ReadAllLines(log)));
    }

    /// <summary>
    /// strace's lines, a call split across threads ("&lt;unfinished ...&gt;" then "&lt;... NAME resumed&gt;") joined again.
    /// An execve from a thread other than the first resumes under the process id, so a resumed line is matched to the
    /// last unfinished call of its name in any thread when its own thread has none.
    /// </summary>
    public static IReadOnlyList<SystemCall> Parse(IEnumerable<string> lines)
    {
        var calls = new List<SystemCall>();
        var pending = new List<(int Pid, string Name, string Start)>();
        foreach (var raw in lines)
        {
            var m = Regex.Match(raw, @"^(\d+) +(.*)$");
            if (!m.Success) continue;
            var pid = int.Parse(m.Groups[1].Value);
            var text = m.Groups[2].Value;
            if (text.StartsWith("+++", StringComparison.Ordinal) || text.StartsWith("---", StringComparison.Ordinal)) continue;
            var resumed = Regex.Match(text, @"^<\.\.\. (\w+) resumed>(.*)$");
            if (resumed.Success)
            {
                var name = resumed.Groups[1].Value;
                var i = pending.FindLastIndex(p => p.Pid == pid && p.Name == name);
                if (i < 0) i = pending.FindLastIndex(p => p.Name == name);
                if (i < 0) continue;
                var start = pending[i];
                pending.RemoveAt(i);
                Add(calls, pid, name, start.Start + resumed.Groups[2].Value);
                continue;
            }
            var call = Regex.Match(text, @"^(\w+)\((.*)$");
            if (!call.Success) continue;
            if (text.EndsWith(" <unfinished ...>", StringComparison.Ordinal))
                pending.Add((pid, call.Groups[1].Value, call.Groups[2].Value[..^" <unfinished ...>".Length]));
            else
                Add(calls, pid, call.Groups[1].Value, call.Groups[2].Value);
        }
        return calls;
    }

    private static void Add(List<SystemCall> calls, int pid, string name, string rest)
    {
        // rest: "ARGS) = RESULT" (the result may be followed by an error name and text).
        var end = rest.LastIndexOf(") = ", StringComparison.Ordinal);
        if (end < 0)
        {
            calls.Add(new SystemCall(pid, name, rest, "?"));
            return;
        }
        calls.Add(new SystemCall(pid, name, rest[..end], rest[(end + 4)..].Trim()));
    }

    public static string Report(IEnumerable<SystemCall> calls) => string.Join('\n', calls);
}

/// <summary>Installs a plugin folder (a fixture's build output) as a user copies it.</summary>
public static class PluginCopy
{
    public static void Directory(string from, string to)
    {
        System.IO.Directory.Exists(from).ShouldBeTrue($"fixture plugin not built: {from}");
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
