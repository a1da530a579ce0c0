using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Site.Options;

/// <summary>
/// Everything wrong with one invocation, gathered before anything is changed and reported together:
/// input problems (bad flags or arguments: exit 2) and unmet preconditions (exit 1).
/// </summary>
internal sealed class Problems
{
    private readonly List<string> _usage = [];
    private readonly List<string> _failures = [];

    public bool HasUsage => _usage.Count > 0;
    public bool Any => _usage.Count + _failures.Count > 0;

    public void Usage(string message) => _usage.Add(message);
    public void Failure(string message) => _failures.Add(message);

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

    public void ThrowIfAny()
    {
        if (!Any) return;
        var all = _usage.Concat(_failures).Distinct().ToList();
        throw SkupperException.FromProblems(all, HasUsage ? ExitCodes.Usage : ExitCodes.Failure);
    }
}
