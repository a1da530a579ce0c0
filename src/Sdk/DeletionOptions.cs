namespace Skupper.Cli.Sdk;

/// <summary>
/// The <c>--wait</c> and <c>--timeout</c> of a delete command (as the Skupper CLI's <c>delete</c>
/// commands have them): wait until the resource is gone unless <c>--wait=false</c>; Kubernetes only,
/// since nothing deletes files later on the other platforms. The timeout is at least <see cref="Parsers.MinimumTimeout"/>,
/// as the Go CLI takes it.
/// </summary>
public sealed class DeletionOptions(ICommandDeclaration command)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly IOption<bool> _wait = command.Option("--wait",
        "Wait for deletion to complete before exiting (--wait=false returns at once). Kubernetes only.", Parsers.Boolean(true));
    private readonly IOption<TimeSpan> _timeout = command.Option("--timeout <DURATION>",
        "Raise an error if the deletion does not complete in this time. Kubernetes only.", Parsers.Timeout("60s"));

    public (bool Wait, TimeSpan Timeout) Read(Platform platform, Problems problems)
    {
        _wait.KubernetesOnly(platform, problems);
        _timeout.KubernetesOnly(platform, problems);
        return (_wait.Get(problems), _timeout.Get(problems));
    }
}
