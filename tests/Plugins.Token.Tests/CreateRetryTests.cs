using System.Text.RegularExpressions;
using Shouldly;
using Skupper.Cli.TestSupport;
using Xunit;

namespace Skupper.Plugins.Token.Tests;

/// <summary>
/// Requests under what a loaded API server does (issue 18): 503s, watches dropped after every event, and writes that
/// are applied but answered 504. The tests of this class run one after another, each owning the fault switches.
/// </summary>
public sealed class CreateRetryTests(DefaultSandbox fixture) : TokenTestBase(fixture.Server), IClassFixture<DefaultSandbox>
{
    [Fact]
    public async Task Ten_token_issues_under_30_percent_503s_and_dropped_watches_make_ten_tokens_and_exactly_ten_grants()
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var home = NewHome();
        Server.Faults.ErrorCode = 503;
        Server.Faults.ErrorRate = 0.3;
        Server.Faults.WatchMaxEvents = 1;
        Server.Faults.LostWriteRate = 0.3;
        var results = new List<RunResult>();
        try
        {
            for (var i = 0; i < 10; i++)
                results.Add(await Skupper(home, "token", "issue", Path.Combine(home.Home, $"t{i}.yaml"), "-n", ns, "--timeout", "60s"));
        }
        finally
        {
            Server.Faults.Reset();
        }

        foreach (var r in results)
        {
            r.ExitCode.ShouldBe(0, r.ToString());
            r.Err.ShouldBe("Waiting for status...\n"); // retries never show on plain output
        }
        var grants = List("accessgrants", ns).Select(g => g["metadata"]!["name"]!.GetValue<string>()).Order().ToList();
        grants.Count.ShouldBe(10);
        var tokens = Enumerable.Range(0, 10).Select(i => Regex.Match(File.ReadAllText(Path.Combine(home.Home, $"t{i}.yaml")), "name: (\\S+)").Groups[1].Value);
        tokens.Order().ShouldBe(grants);
        Directory.GetFiles(home.Home).Length.ShouldBe(10); // no temporary files left
    }

    [Fact]
    public async Task A_generate_name_create_whose_answer_was_lost_is_found_not_made_twice_and_the_retry_shows_at_v6()
    {
        var ns = NewNamespace();
        await ReadySiteAsync(ns);
        var home = NewHome();
        var file = Path.Combine(home.Home, "t.yaml");
        Server.Faults.LoseNextWrites = 1; // the grant's create is the command's first write
        try
        {
            var r = await Skupper(home, "token", "issue", file, "-n", ns, "-v", "6");

            r.ExitCode.ShouldBe(0, r.ToString());
            r.Err.ShouldContain($"retry 1 of 10: POST {Server.Url}/apis/skupper.io/v2alpha1/namespaces/{ns}/accessgrants after 504 Gateway Timeout");
            List("accessgrants", ns).Count.ShouldBe(1);
            Server.Requests.Entries.Count(e => e.Method == "POST" && e.Path.EndsWith($"/namespaces/{ns}/accessgrants")).ShouldBe(1);
        }
        finally
        {
            Server.Faults.Reset();
        }
    }

    [Fact]
    public async Task A_named_create_whose_answer_was_lost_meets_its_own_object_and_succeeds()
    {
        var west = NewNamespace("west");
        await ReadySiteAsync(west);
        var home = NewHome();
        var file = Path.Combine(home.Home, "t.yaml");
        (await Skupper(home, "token", "issue", file, "-n", west)).ExitCode.ShouldBe(0);
        var east = NewNamespace("east");
        await ReadySiteAsync(east, "east", linkAccess: null);
        Server.Faults.LoseNextWrites = 1; // the access token's create
        try
        {
            var r = await Skupper(home, "token", "redeem", file, "-n", east);

            r.ExitCode.ShouldBe(0, r.ToString());
            r.Err.ShouldBe("Waiting for status...\n");
            r.Out.ShouldStartWith("Link \"");
            List("accesstokens", east).Count.ShouldBe(1);
        }
        finally
        {
            Server.Faults.Reset();
        }
    }
}
