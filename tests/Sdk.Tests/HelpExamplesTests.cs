using Shouldly;
using Skupper.Cli.Sdk.Tests.Options;
using Xunit;

namespace Skupper.Cli.Sdk.Tests;

/// <summary>The examples every command's help shows, as <see cref="HelpExamples.Example"/> writes them for the host to indent.</summary>
public sealed class HelpExamplesTests
{
    [Theory]
    [InlineData("kubectl skupper")]
    [InlineData("skupper")]
    public void Each_example_is_a_comment_the_command_line_as_invoked_and_its_output_with_a_blank_line_between(string invocationName)
    {
        var command = new TestDeclaration { InvocationName = invocationName };

        command.Example("Create a site", "site create west", "Waiting for status...\nSite \"west\" is ready.\n")
            .Example("Generate a site and apply it", "site generate east | kubectl apply -f -");

        command.Examples.ShouldBe($"""
            # Create a site
            $ {invocationName} site create west
            Waiting for status...
            Site "west" is ready.

            # Generate a site and apply it
            $ {invocationName} site generate east | kubectl apply -f -
            """);
    }

    [Fact]
    public void The_invocation_name_stands_where_cli_is_written_and_nowhere_else()
    {
        var command = new TestDeclaration { InvocationName = "skupper" };

        command.Example("Into a file only you can read", $"(umask 077; {HelpExamples.Cli} link generate > link.yaml)")
            .Example("Link two sites", $"{HelpExamples.Cli} token issue - | {HelpExamples.Cli} token redeem -",
                $"Run \"{HelpExamples.Cli} link status\".");

        command.Examples.ShouldBe("""
            # Into a file only you can read
            $ (umask 077; skupper link generate > link.yaml)

            # Link two sites
            $ skupper token issue - | skupper token redeem -
            Run "skupper link status".
            """);
    }

    [Fact]
    public void Examples_set_before_are_kept_and_followed()
    {
        var command = new TestDeclaration { Examples = "# Show it\n$ kubectl skupper site status\n" };

        command.Example("Delete it", "site delete");

        command.Examples.ShouldBe("# Show it\n$ kubectl skupper site status\n\n# Delete it\n$ kubectl skupper site delete");
    }
}
