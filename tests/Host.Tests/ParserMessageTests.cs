using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// What the parser refuses, in the words cobra and pflag use (spf13/pflag errors.go and flag.go), through the built
/// CLI: one <c>Error:</c> line, the command's usage line, exit code 2, nothing on stdout. <c>--</c> ends the options
/// as in cobra: every word after it is an argument.
/// </summary>
public class ParserMessageTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private static string Refused(string error, string usage) => $"Error: {error}\nRun '{usage} --help' for usage.\n";

    public static TheoryData<string[], string> Cases => new()
    {
        // pflag's ValueRequiredError: a long flag by its name, a shorthand by its letter and the word it stood in.
        { ["site", "status", "-o"], Refused("flag needs an argument: 'o' in -o", "kubectl skupper site status") },
        { ["site", "status", "--output"], Refused("flag needs an argument: --output", "kubectl skupper site status") },
        { ["token", "issue", "t.yaml", "--timeout"], Refused("flag needs an argument: --timeout", "kubectl skupper token issue") },
        { ["-n"], Refused("flag needs an argument: 'n' in -n", "kubectl skupper") },
        { ["--namespace"], Refused("flag needs an argument: --namespace", "kubectl skupper") },
        { ["hook", "list", "--no-hooks", "--context"], Refused("flag needs an argument: --context", "kubectl skupper hook list") },
        // pflag's NotExistError: the flag without its value, a shorthand by its first unknown letter.
        { ["site", "status", "-xo"], Refused("unknown shorthand flag: 'x' in -xo", "kubectl skupper site status") },
        { ["site", "status", "--tokn=secret"], Refused("unknown flag: --tokn", "kubectl skupper site status")
            .Replace("\nRun", "\n\nDid you mean this?\n\t--token\n\nRun") },
        // A word no argument takes is an extra argument, not an unknown command.
        { ["site", "create", "west", "east"],
            Refused("unexpected argument \"east\" for \"kubectl skupper site create\": it takes at most 1 argument (name)",
                "kubectl skupper site create") },
        { ["version", "extra"],
            Refused("unexpected argument \"extra\" for \"kubectl skupper version\": it takes no arguments", "kubectl skupper version") },
        // A switch's value goes after "=" (cobra's --flag=value); a word after the switch is taken for an argument.
        { ["site", "create", "west", "--enable-link-access", "true"],
            Refused("unexpected argument \"true\" for \"kubectl skupper site create\": " +
                "to set --enable-link-access, write --enable-link-access=true", "kubectl skupper site create") },
        { ["hook", "list", "--no-hooks", "yes"],
            Refused("unexpected argument \"yes\" for \"kubectl skupper hook list\": --no-hooks takes no value",
                "kubectl skupper hook list") },
        { ["token", "issue", "t.yaml", "--force=yes"],
            Refused("invalid value \"yes\" for --force: it takes no value (give --force alone)", "kubectl skupper token issue") },
        // After "--" a flag is an argument too, and one too many is named as such.
        { ["site", "generate", "west", "--", "--enable-ha"],
            Refused("unexpected argument \"--enable-ha\" for \"kubectl skupper site generate\": it takes at most 1 argument (name)",
                "kubectl skupper site generate") },
        // Real unknown commands stay as they were.
        { ["site", "creat"], "Error: unknown command \"creat\" for \"kubectl skupper site\"\n\nDid you mean this?\n\tcreate\n\n" +
            "Run 'kubectl skupper site --help' for usage.\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Refusals_are_one_line_in_cobras_words_then_the_usage_line(string[] args, string expected)
    {
        var r = await KubectlSkupper(_home, args);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe(expected);
        r.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_suggested_switch_value_form_works()
    {
        var r = await KubectlSkupper(_home, "site", "generate", "west", "--enable-link-access=true");
        r.ExitCode.ShouldBe(0, r.ToString());
        r.Out.ShouldContain("linkAccess: default");
    }

    [Fact]
    public async Task Double_dash_ends_the_options_so_a_value_may_start_with_a_dash()
    {
        var plain = await KubectlSkupper(_home, "site", "generate", "-n", "east", "--", "west");
        plain.ExitCode.ShouldBe(0, plain.ToString());
        plain.Out.ShouldContain("  name: west\n");

        // The word is the site's name (and refused as one), not a flag.
        var dashed = await KubectlSkupper(_home, "site", "generate", "--", "-west");
        dashed.ExitCode.ShouldBe(2, dashed.ToString());
        dashed.Err.ShouldStartWith("Error: invalid site name: \"-west\" is not a valid name");
        dashed.Err.ShouldNotContain("flag");

        // A token file named like a flag is read as the file (here: one that does not exist).
        var redeem = await KubectlSkupper(_home, "token", "redeem", "--", "-weird-file");
        redeem.ExitCode.ShouldBe(1, redeem.ToString());
        redeem.Err.ShouldBe($"Error: token file \"{Path.Combine(_home.Root, "-weird-file")}\" does not exist\n");
    }

    [Fact]
    public async Task Through_kubectl_the_messages_are_the_same()
    {
        var r = await Kubectl(_home, "skupper", "site", "status", "-o");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe(Refused("flag needs an argument: 'o' in -o", "kubectl skupper site status"));
    }
}
