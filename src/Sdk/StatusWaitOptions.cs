using Skupper.Cli.Sdk.Models;

namespace Skupper.Cli.Sdk;

/// <summary>
/// The <c>--wait none|configured|ready</c> and <c>--timeout</c> of a create or update command
/// (as the Skupper CLI's <c>create</c> and <c>update</c> commands have them), Kubernetes only. Read
/// as the condition to wait for (<see cref="ConditionTypes.Configured"/>, <see cref="ConditionTypes.Ready"/>)
/// or null for none, for <see cref="CommandSteps.UntilAsync{T}(string, string, string, TimeSpan, string, CancellationToken)"/>.
/// </summary>
public sealed class StatusWaitOptions
{
    public static readonly IReadOnlyList<string> Choices = ["none", "configured", "ready"];
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly IOptionValue _wait;
    private readonly IOptionValue _timeout;
    private readonly string _default;

    /// <param name="command">The create or update command that takes the options.</param>
    /// <param name="defaultChoice">"ready" or "configured", as the reference gives it for the command.</param>
    public StatusWaitOptions(ICommandDeclaration command, string defaultChoice)
    {
        _default = defaultChoice;
        _wait = command.Option("--wait <STATUS>",
            $"Wait for the given status before exiting: {OptionValues.Or(Choices)} (default \"{defaultChoice}\"). Kubernetes only.",
            OptionArity.Single, ValueCompletion.OneOf([.. Choices]));
        _timeout = command.Option("--timeout <DURATION>",
            "Raise an error if the operation does not complete in this time (default 60s). Kubernetes only.", OptionArity.Single);
    }

    public (string? Condition, TimeSpan Timeout) Read(Platform platform, Problems problems)
    {
        _wait.KubernetesOnly(platform, problems);
        _timeout.KubernetesOnly(platform, problems);
        var condition = (_wait.Choice(Choices, problems) ?? _default) switch
        {
            "none" => null,
            "configured" => ConditionTypes.Configured,
            _ => ConditionTypes.Ready,
        };
        return (condition, _timeout.Duration(DefaultTimeout, problems));
    }
}
