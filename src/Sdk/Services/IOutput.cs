namespace Skupper.Cli.Sdk.Services;

/// <summary>Results go to <see cref="Out"/>; progress, warnings and errors to <see cref="Error"/>.</summary>
public interface IOutput
{
    TextWriter Out { get; }
    TextWriter Error { get; }

    /// <summary>True when stderr is a terminal: only then is a spinner drawn.</summary>
    bool IsTerminal { get; }

    /// <summary>Writes <c>Warning: message</c> on stderr.</summary>
    void Warning(string message);

    /// <summary>
    /// Shows <paramref name="message"/> (e.g. "Waiting for status...") on stderr, with a spinner on
    /// a terminal, until the returned handle is disposed.
    /// </summary>
    IDisposable Progress(string message);

    /// <summary>Writes a resource as <c>json</c> or <c>yaml</c> on stdout.</summary>
    void WriteStructured(object value, string format);
}
