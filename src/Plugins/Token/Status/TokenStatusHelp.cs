using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Token.Status;

/// <summary>The help page of <c>token status</c>: what each form shows and what its exit code means, for scripts.</summary>
internal static class TokenStatusHelp
{
    public static void Declare(ICommandDeclaration command)
    {
        command.Details = $"""
            Without an argument, lists the access grants of the current namespace: how many
            times each has been redeemed out of how many allowed, and when it expires. With a
            grant's name, shows that grant.

            With a token file (or "-" for standard input), shows the token's grant server URL,
            its CA (subject, expiry, SHA-256 fingerprint) and link cost, never its code. When the
            current namespace holds the grant the token came from, it also shows the redemptions
            left and the expiry, and exits 1 with the reason when the token can no longer be
            redeemed: expired, used up, or its grant deleted. A grant that is not in reach (another
            cluster or namespace, or a platform other than Kubernetes) cannot be checked from here:
            the command says so and exits 0.
            """;
        command
            .Example("The access grants of the current site", "token status", """
                NAME        STATUS  REDEEMED  EXPIRES  MESSAGE
                west-6bfn6  Ready   1/2       in 12m   OK
                """)
            .Example("Check a token before sending it", "token status ~/token.yaml && scp ~/token.yaml east:")
            .Example($"The grants as YAML (each code replaced by {GrantSummary.CodePlaceholder})", "token status -o yaml");
    }
}
