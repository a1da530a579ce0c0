using Skupper.Cli.Sdk.Models;

namespace Skupper.Cli.Sdk;

/// <summary>
/// The <c>--wait none|configured|ready</c> and <c>--timeout</c> of a create or update command
/// (as the Skupper CLI's <c>create</c> and <c>update</c> commands have them), Kubernetes only. Read
/// as the condition to wait for (<see cref="ConditionTypes.Configured"/>, <see cref="ConditionTypes.Ready"/>)
/// or null for none, for <see cref="CommandSteps.UntilAsync{T}(string, string, string, TimeSpan, string, CancellationToken)"/>.
/// The timeout is at least <see cref="Parsers.MinimumTimeout"/>, as the Go CLI takes it.
/// </summary>
public sealed class StatusWaitOptions
{
    public static readonly IReadOnlyList<string> Choices = ["none", "configured", "ready"];
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly IOption<string?> _wait;
    private readonly IOption<TimeSpan> _timeout;

    /// <param name="command">The create or update command that takes the options.</param>
    /// <param name="defaultChoice">"ready" or "configured", as the reference gives it for the command.</param>
    public StatusWaitOptions(ICommandDeclaration command, string defaultChoice)
        : this(command, defaultChoice, "60s")
    {
    }

    /// <param name="command">The create or update command that takes the options.</param>
    /// <param name="defaultChoice">"ready" or "configured", as the reference gives it for the command.</param>
    /// <param name="defaultTimeout">The <c>--timeout</c> without the option, as the help shows it (<c>3m</c>). Added in SDK 2.1.</param>
    public StatusWaitOptions(ICommandDeclaration command, string defaultChoice, string defaultTimeout)
    {
        _wait = command.Option("--wait <STATUS>", $"Wait for the given status before exiting: {OptionValues.Or(Choices)}. Kubernetes only.",
            Parsers.Choice(Choices, defaultChoice));
        _timeout = command.Option("--timeout <DURATION>",
            "Raise an error if the operation does not complete in this time. Kubernetes only.", Parsers.Timeout(defaultTimeout));
    }

    public (string? Condition, TimeSpan Timeout) Read(Platform platform, Problems problems)
    {
        _wait.KubernetesOnly(platform, problems);
        _timeout.KubernetesOnly(platform, problems);
        var condition = _wait.Get(problems) switch
        {
            "none" => null,
            "configured" => ConditionTypes.Configured,
            _ => ConditionTypes.Ready,
        };
        return (condition, _timeout.Get(problems));
    }
}
