using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Link.Generate;

/// <summary>The help of <c>link generate</c> beyond its options: the reference's description, wait and examples.</summary>
internal static class LinkGenerateHelp
{
    public static void Declare(ICommandDeclaration command)
    {
        command.Details = """
            Generating a link requires a site with link access enabled.
            The command waits for the site to enter the ready state
            before producing the link.

            The output holds the link's private key: keep it as secret as a token.
            """;
        command.WaitsFor = "Site resource ready";
        command.Example("Generate a Link resource and print it to the console", "link generate", """
            apiVersion: skupper.io/v2alpha1
            kind: Link
            metadata:
              name: link-west-skupper-router
            spec:
              cost: 1
              endpoints:
              - group: skupper-router
                host: 10.97.161.185
                name: inter-router
                port: "55671"
              tlsCredentials: link-west
            ---
            apiVersion: v1
            kind: Secret
            [...]
            """)
            .Example("Generate a Link resource into a file only you can read (it holds a private key)",
                $"(umask 077; {HelpExamples.Cli} link generate > link.yaml)");
    }
}
