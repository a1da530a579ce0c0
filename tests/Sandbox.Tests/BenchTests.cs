using System.Diagnostics;
using k8s;
using Xunit.Abstractions;

namespace Skupper.Sandbox.Tests;

/// <summary>
/// Measurements, not assertions: runs only with SANDBOX_BENCH=1 (tests/Sandbox/bench.sh sets it)
/// and prints medians. Figures are recorded in tests/Sandbox/README.md.
/// </summary>
public sealed class BenchTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Bench_start_and_sequential_gets()
    {
        if (Environment.GetEnvironmentVariable("SANDBOX_BENCH") != "1") return;
        var starts = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var sw = Stopwatch.StartNew();
            await using var s = await SandboxServer.StartAsync();
            starts.Add(sw.Elapsed.TotalMilliseconds);
        }
        await using var server = await SandboxServer.StartAsync();
        server.PutSkupper("sites", "west", Objects.Site("bench"));
        using var client = Clients.Kubernetes(server);
        var runs = new List<double>();
        for (var r = 0; r < 5; r++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 1000; i++)
                await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(Objects.G, Objects.V, "west", "sites", "bench");
            runs.Add(sw.Elapsed.TotalMilliseconds);
        }
        static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        output.WriteLine($"BENCH in-process StartAsync: median {Median(starts):F0} ms (first {starts[0]:F0} ms, all {string.Join(", ", starts.Select(x => x.ToString("F0")))})");
        output.WriteLine($"BENCH 1000 sequential GETs via KubernetesClient: median {Median(runs):F0} ms (first {runs[0]:F0} ms, all {string.Join(", ", runs.Select(x => x.ToString("F0")))})");
    }
}
