using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Token;

/// <summary>
/// The help pages of <c>token issue</c> and <c>token redeem</c>: their descriptions, waits and examples
/// as the Skupper command reference and the spec give them (shared/reference/cli/token.yaml,
/// shared/spec/token-issue.md).
/// </summary>
internal static class TokenHelp
{
    public static void Issue(ICommandDeclaration command)
    {
        var invocationName = command.InvocationName;
        // The spec's sentences, word for word (shared/spec/token-issue.md).
        command.Details = """
            This command first creates an access grant in order to issue
            the token.

            Issuing a token requires a site with link access enabled.
            The command waits for the site to enter the ready state
            before producing the token.
            """;
        command.WaitsFor = "Ready";
        command
            .Example("Issue an access token", "token issue ~/token.yaml", $"""
                Waiting for status...
                Access grant "west-6bfn6" is ready.
                Token file /home/fritz/token.yaml created.

                Transfer this file to a remote site. At the remote site,
                {Wrap(invocationName, "")}

                    $ {HelpExamples.Cli} token redeem <file>

                The token expires after 1 use or after 15 minutes.
                """)
            .Example("Issue an access token with non-default limits",
                "token issue ~/token.yaml --expiration-window 24h --redemptions-allowed 3")
            .Example("Issue a token using an existing access grant", "token issue ~/token.yaml --grant west-1")
            .Example("Link two sites in one line; the token never touches the disk", OneLine);
        command.ExtendedHelpText = $"""

            Durations are written as 90s, 15m, 24h or 1h30m.

            Errors:
              Link access is not enabled
                Link access at this site is not currently enabled. You can use
                "{invocationName} site update --enable-link-access" to enable it.
            """;
    }

    private const string OneLine = $"{HelpExamples.Cli} token issue - --context west | {HelpExamples.Cli} token redeem - --context east";

    /// <summary>The spec's paragraph, wrapped as it wraps it for the invocation name in use.</summary>
    public static string Wrap(string invocationName, string indent) =>
        $"create a link to this site using the '{invocationName} token\n{indent}redeem' command:";

    public static void Redeem(ICommandDeclaration command)
    {
        var invocationName = command.InvocationName;
        command.Details = $"""
            The token file is an AccessToken resource written by "{invocationName} token issue"
            (or by the Skupper CLI). Redeeming it creates a link to the site that issued it.
            """;
        // On Kubernetes it waits for the Link's Ready; elsewhere the files are written at once.
        command.WaitsFor = "Ready (Kubernetes)";
        command
            .Example("Redeem an access token", "token redeem ~/token.yaml", """
                Waiting for status...
                Link "west-6bfn6" is active.
                You can now safely delete /home/fritz/token.yaml.
                """)
            .Example("Link two sites in one line; the token never touches the disk", OneLine);
    }
}
