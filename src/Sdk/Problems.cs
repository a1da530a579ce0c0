namespace Skupper.Cli.Sdk;

/// <summary>
/// Everything wrong with one invocation, gathered before anything is changed and reported together:
/// input problems (bad flags or arguments: exit 2) and unmet preconditions (exit 1). Every plugin
/// gathers them here, so every command reports them the same way.
/// </summary>
public sealed class Problems
{
    private readonly List<string> _usage = [];
    private readonly List<string> _failures = [];

    public bool HasUsage => _usage.Count > 0;
    public bool Any => _usage.Count + _failures.Count > 0;

    /// <summary>What to do about the problems, printed after them (the last one given wins).</summary>
    public string? Hint { get; private set; }

    public void Usage(string message) => _usage.Add(message);

    /// <param name="message">The unmet precondition, one line.</param>
    /// <param name="hint">What to do about it, e.g. the command that enables what is missing.</param>
    public void Failure(string message, string? hint = null)
    {
        _failures.Add(message);
        if (hint is not null) Hint = hint;
    }

    /// <summary>Runs a precondition check; an error it raises (cluster unreachable, forbidden, not installed) becomes a problem.</summary>
    public async Task CheckAsync(Func<Task> check)
    {
        try { await check().ConfigureAwait(false); }
        catch (SkupperException e)
        {
            if (e.ExitCode == ExitCodes.Usage) Usage(e.Message);
            else Failure(e.Message);
        }
    }

    /// <summary>Throws every problem gathered, usage problems first; exit 2 when any is a usage problem, else 1.</summary>
    public void ThrowIfAny()
    {
        if (!Any) return;
        var all = _usage.Concat(_failures).Distinct().ToList();
        throw new SkupperException(string.Join(Environment.NewLine, all), HasUsage ? ExitCodes.Usage : ExitCodes.Failure, hint: Hint);
    }
}
