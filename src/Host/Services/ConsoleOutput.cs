using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Host.Services;

/// <summary>Results on stdout; progress, warnings and errors on stderr; a spinner only on a terminal.</summary>
public sealed class ConsoleOutput(TextWriter output, TextWriter error, bool isTerminal, bool outIsTerminal) : IOutput
{
    public TextWriter Out => output;
    public TextWriter Error => error;
    public bool IsTerminal => isTerminal;
    public bool OutIsTerminal => outIsTerminal;

    public void Warning(string message) => error.WriteLine($"Warning: {Printable.Escape(message)}");

    public IDisposable Progress(string message)
    {
        error.WriteLine(message);
        return isTerminal ? new Spinner(error) : NoProgress.Instance;
    }

    public void WriteStructured(object value, string format) => output.Write(Render(value, format));

    public string Render(object value, string format) => ResourceText.Render(value, format);

    public T? Parse<T>(string text) where T : SkupperResource => ResourceText.Parse<T>(text);

    public IReadOnlyList<System.Text.Json.Nodes.JsonNode?> ParseDocuments(string text) => ResourceText.ParseDocuments(text);

    public string RenderYaml(System.Text.Json.Nodes.JsonNode? node, YamlStyle style) => YamlText.Render(node, style);

    private sealed class NoProgress : IDisposable
    {
        public static readonly NoProgress Instance = new();
        public void Dispose() { }
    }

    /// <summary>Draws a turning bar after the message until disposed, then erases it.</summary>
    private sealed class Spinner : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Spinner(TextWriter error)
        {
            _loop = Task.Run(async () =>
            {
                const string frames = "|/-\\";
                for (var i = 0; !_stop.IsCancellationRequested; i++)
                {
                    lock (error) { error.Write($"\r{frames[i % frames.Length]} "); error.Flush(); }
                    try { await Task.Delay(120, _stop.Token); } catch (OperationCanceledException) { }
                }
                lock (error) { error.Write("\r  \r"); error.Flush(); }
            });
        }

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait();
            _stop.Dispose();
        }
    }
}
