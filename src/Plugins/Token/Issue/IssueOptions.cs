using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;

namespace Skupper.Plugins.Token.Issue;

/// <summary>
/// What <c>token issue</c> declares: the file, and its options with the Go CLI's defaults and minimums (timeout at least
/// 10s, expiration window at least 1m, cost 0 allowed: docs/go-cli-parity.md), each default written once.
/// </summary>
internal sealed class IssueOptions(ICommandDeclaration command)
{
    public IArgumentValue File { get; } =
        Inputs.TokenFile(command, "The name of the token file to create; \"-\" writes the token to standard output.");

    public IOption<TimeSpan> Timeout { get; } = Inputs.Timeout(command);

    public IOption<TimeSpan> ExpirationWindow { get; } = command.Option("--expiration-window <DURATION>",
        "The period of time in which an access token for this grant can be redeemed", Parsers.Duration("15m", minimum: "1m"));

    public IOption<int> Redemptions { get; } = command.Option("--redemptions-allowed <INTEGER>",
        "The number of times an access token for this grant can be redeemed", Parsers.Number(1, min: 1));

    public IOption<int> Cost { get; } = command.Option("--cost <INTEGER>",
        "The cost of the link created when the token is redeemed, written into the token", Parsers.Number(1, min: 0));

    public IOption<string?> Grant { get; } = command.Option("--grant <NAME>",
        "Advanced: use the named access grant instead of creating a new one. It is not changed or deleted.",
        Parsers.KubernetesName(values: ValueCompletion.NamesOfKind(AccessGrant.Plural)));

    public IOption<bool> Force { get; } = command.Option("--force",
        "With \"-\": write the token to standard output even when it is a terminal.", Parsers.Switch());
}
