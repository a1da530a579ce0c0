using McMaster.Extensions.CommandLineUtils;

namespace Skupper.Cli.Host.Cli;

/// <summary>The console McMaster writes help and errors to: the host environment's streams.</summary>
public sealed class HostConsole(HostEnvironment env) : IConsole
{
    public TextWriter Out => env.Out;
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
