using McMaster.Extensions.CommandLineUtils;

namespace Skupper.Cli.Host.Cli;

/// <summary>The console McMaster writes help and errors to: the host environment's streams.</summary>
public sealed class HostConsole(HostEnvironment env) : IConsole
{
    private readonly TextWriter _out = new HintFilter(env.Out);

    public TextWriter Out => _out;
    public TextWriter Error => env.Error;
    public TextReader In => TextReader.Null;
    public bool IsInputRedirected => true;
    public bool IsOutputRedirected => true;
    public bool IsErrorRedirected => !env.ErrorIsTerminal;
    public ConsoleColor ForegroundColor { get; set; }
    public ConsoleColor BackgroundColor { get; set; }

    // Ctrl-C is handled per command run (CommandRunner), through POSIX signal registration.
    public event ConsoleCancelEventHandler? CancelKeyPress { add { } remove { } }

    public void ResetColor() { }
}

/// <summary>
/// McMaster 2.3 (the version available) prints "Specify --help ..." on stdout before it reports a
/// parse error; the host reports that error itself on stderr, so the hint line is dropped here.
/// Everything else McMaster writes (help text) passes through.
/// </summary>
internal sealed class HintFilter(TextWriter inner) : TextWriter
{
    private const string Hint = "Specify --help for a list of available options and commands.";
    private readonly System.Text.StringBuilder _line = new();

    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value != '\n') { _line.Append(value); return; }
        var line = _line.ToString();
        _line.Clear();
        if (line.TrimEnd('\r') != Hint) inner.WriteLine(line);
    }

    public override void Flush()
    {
        if (_line.Length > 0) { inner.Write(_line.ToString()); _line.Clear(); }
        inner.Flush();
    }
}
