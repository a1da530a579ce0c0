using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Token.Redeem;

/// <summary>What <c>token redeem</c> declares: the token file and its options, each default written once.</summary>
internal sealed class RedeemOptions(ICommandDeclaration command)
{
    public IArgumentValue File { get; } =
        Inputs.TokenFile(command, "The name of the token file to use; \"-\" reads the token from standard input.");

    public IOption<TimeSpan> Timeout { get; } = Inputs.Timeout(command);

    /// <summary>0 when absent: the token's own cost applies then, which the parser cannot know.</summary>
    public IOption<int> LinkCost { get; } = command.Option("--link-cost <INTEGER>",
        "The cost of the link this token creates (default: the cost written in the token, else 1).", Parsers.Number(0, min: 1));
}
