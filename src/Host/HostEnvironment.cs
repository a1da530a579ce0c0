using System.Collections;
using System.Text;

namespace Skupper.Cli.Host;

/// <summary>
/// What the host reads from its process: argv[0], where the executable lives, environment
/// variables and the standard streams. One object, handed down, so that tests can run the
/// whole CLI in-process with their own environment and nothing is read from statics.
/// </summary>
public sealed class HostEnvironment
{
    public HostEnvironment(string invocationPath, string executableDirectory,
        IReadOnlyDictionary<string, string> variables, TextWriter output, TextWriter error,
        bool errorIsTerminal, bool isRoot, bool inputIsTerminal = false)
    {
        InputIsTerminal = inputIsTerminal;
        InvocationPath = invocationPath;
        ExecutableDirectory = executableDirectory;
        Variables = variables;
        Out = output;
        Error = error;
        ErrorIsTerminal = errorIsTerminal;
        IsRoot = isRoot;
    }

    /// <summary>argv[0] as the user (or kubectl) ran it: a symlink named <c>skupper</c> keeps its name.</summary>
    public string InvocationPath { get; }
    public string ExecutableDirectory { get; }
    public IReadOnlyDictionary<string, string> Variables { get; }
    public TextWriter Out { get; }
    public TextWriter Error { get; }
    public bool ErrorIsTerminal { get; }
    public bool IsRoot { get; }
    /// <summary>Whether standard input is a terminal (an exec credential plugin may then prompt).</summary>
    public bool InputIsTerminal { get; }

    /// <summary>
    /// Standard input as bytes, read only by commands that take data from a pipe
    /// (<c>token redeem -</c>); empty unless the process or a test gives one.
    /// </summary>
    public Stream Input { get; init; } = Stream.Null;

    /// <summary>Whether stdout is a terminal: a secret is not written there unless asked for (<c>token issue - --force</c>).</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>
    /// True when this is the CLI's own process (<see cref="FromProcess"/>), so process-wide settings
    /// (the GC heap ceiling while a hook runs) may be changed; false for a host run inside a test.
    /// </summary>
    public bool OwnsProcess { get; init; }

    /// <summary>
    /// The same process as seen by the managed host that the native executable hands third-party commands to:
    /// its executable lives in <paramref name="directory"/>, so its bundled plugins and its command index do too.
    /// </summary>
    public HostEnvironment WithExecutableDirectory(string directory) =>
        new(InvocationPath, directory, Variables, Out, Error, ErrorIsTerminal, IsRoot, InputIsTerminal)
        {
            Input = Input, OutputIsTerminal = OutputIsTerminal, OwnsProcess = OwnsProcess,
        };

    public string? Get(string name) => Variables.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public string Home => Get("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public bool Debug => Get("SKUPPER_DEBUG") is "1" or "true";

    /// <summary>
    /// "kubectl skupper" when run as <c>kubectl-skupper</c> (directly or through kubectl's plugin
    /// dispatch); "skupper" when run under that name; the former for anything else.
    /// </summary>
    public string InvocationName
    {
        get
        {
            var name = Path.GetFileNameWithoutExtension(InvocationPath);
            return name == "skupper" ? "skupper" : "kubectl skupper";
        }
    }

    /// <summary>Where discovery looks in the XDG layout, with the defaults the spec gives.</summary>
    public string XdgDir(string variable, string fallbackUnderHome) =>
        Get(variable) ?? Path.Combine(Home, fallbackUnderHome);

    public static HostEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
            variables[(string)e.Key] = (string?)e.Value ?? "";
        var exe = Environment.ProcessPath ?? AppContext.BaseDirectory;
        return new HostEnvironment(
            ReadArgv0() ?? exe,
            AppContext.BaseDirectory,
            variables,
            StandardOutput(),
            Console.Error,
            !Console.IsErrorRedirected,
            Environment.IsPrivilegedProcess,
            !Console.IsInputRedirected)
        {
            OwnsProcess = true,
            // Opened, not read: only a command that asks for it reads it.
            Input = Console.OpenStandardInput(),
            OutputIsTerminal = !Console.IsOutputRedirected,
        };
    }

    /// <summary>
    /// Standard output as <see cref="Console.Out"/> writes it (the console's encoding with no byte-order mark, flushed at
    /// every write, safe across threads), but through a 16 KiB buffer where Console.Out has 256 bytes: <c>plugin list</c>
    /// with 50 plugins went out in 62 <c>write</c> calls (strace), and each costs more than the text. An encoding other
    /// than UTF-8 that has a byte-order mark keeps Console.Out, which knows how to leave it out.
    /// </summary>
    private static TextWriter StandardOutput()
    {
        var encoding = Console.OutputEncoding;
        if (encoding.CodePage == Encoding.UTF8.CodePage) encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        else if (encoding.Preamble.Length > 0) return Console.Out;
        return TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), encoding, bufferSize: 16 * 1024)
        {
            AutoFlush = true,
        });
    }

    /// <summary>
    /// The process path resolves symlinks, so the name the user typed is only in argv[0]; on
    /// Linux /proc has it. Elsewhere the process path is the best there is.
    /// </summary>
    private static string? ReadArgv0()
    {
        try
        {
            if (!OperatingSystem.IsLinux()) return null;
            var cmdline = File.ReadAllBytes("/proc/self/cmdline");
            var end = Array.IndexOf(cmdline, (byte)0);
            return end > 0 ? System.Text.Encoding.UTF8.GetString(cmdline, 0, end) : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
