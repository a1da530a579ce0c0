using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;
using static Skupper.Cli.TestSupport.ProcessRunner;

namespace Skupper.Cli.Host.Tests;

/// <summary>
/// A mistyped command or flag gets cobra's "Did you mean this?" block between the error and the
/// usage line (spf13/cobra command.go, findSuggestions: distance 2 or a prefix).
/// </summary>
public class SuggestionTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private static string Suggested(string error, string usage, params string[] suggestions) =>
        $"Error: {error}\n\nDid you mean this?\n{string.Concat(suggestions.Select(s => $"\t{s}\n"))}\nRun '{usage} --help' for usage.\n";

    public static TheoryData<string[], string> Cases => new()
    {
        { ["tokn", "issue"], Suggested("unknown command \"tokn\" for \"kubectl skupper\"", "kubectl skupper", "token") },
        { ["TOKN"], Suggested("unknown command \"TOKN\" for \"kubectl skupper\"", "kubectl skupper", "token") },
        { ["token", "isue"], Suggested("unknown command \"isue\" for \"kubectl skupper token\"", "kubectl skupper token", "issue") },
        // A prefix is suggested however far it is from the name.
        { ["token", "red"], Suggested("unknown command \"red\" for \"kubectl skupper token\"", "kubectl skupper token", "redeem") },
        { ["token", "issue", "-", "--timout", "5s"], Suggested("unknown flag: --timout", "kubectl skupper token issue", "--timeout") },
        { ["token", "issue", "-", "--timout=5s"], Suggested("unknown flag: --timout", "kubectl skupper token issue", "--timeout") },
        // Inherited (global) flags are candidates on every command.
        { ["version", "--contxt", "west"], Suggested("unknown flag: --contxt", "kubectl skupper version", "--context") },
        { ["xyzzy"], "Error: unknown command \"xyzzy\" for \"kubectl skupper\"\nRun 'kubectl skupper --help' for usage.\n" },
        { ["token", "issue", "-", "--zzzzzzzz"], "Error: unknown flag: --zzzzzzzz\nRun 'kubectl skupper token issue --help' for usage.\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Unknown_words_get_cobras_suggestions_then_the_usage_line(string[] args, string expected)
    {
        var r = await KubectlSkupper(_home, args);
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe(expected);
        r.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task Through_kubectl_the_suggestion_is_the_same()
    {
        var r = await Kubectl(_home, "skupper", "tokn", "issue");
        r.ExitCode.ShouldBe(2, r.ToString());
        r.Err.ShouldBe(Suggested("unknown command \"tokn\" for \"kubectl skupper\"", "kubectl skupper", "token"));
    }
}
