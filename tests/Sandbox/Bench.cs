using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;

namespace Skupper.Sandbox;

/// <summary>
/// <c>dotnet Sandbox.dll bench</c> (run by bench.sh): in-process start-up and 1,000 sequential GETs through
/// KubernetesClient, as medians. A measurement, not a test, so it is not in the test count (issue 15).
/// </summary>
internal static class Bench
{
    public static async Task<int> RunAsync()
    {
        var starts = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var sw = Stopwatch.StartNew();
            await using var s = await SandboxServer.StartAsync();
            starts.Add(sw.Elapsed.TotalMilliseconds);
        }
        await using var server = await SandboxServer.StartAsync();
        server.PutSkupper("sites", "west", new JsonObject
        {
            ["apiVersion"] = "skupper.io/v2alpha1", ["kind"] = "Site", ["metadata"] = new JsonObject { ["name"] = "bench" }, ["spec"] = new JsonObject(),
        });
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
        var runs = new List<double>();
        for (var r = 0; r < 5; r++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 1000; i++)
                await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(SandboxServer.SkupperGroup, SandboxServer.SkupperVersion, "west", "sites", "bench");
            runs.Add(sw.Elapsed.TotalMilliseconds);
        }
        static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        Console.Out.WriteLine($"BENCH in-process StartAsync: median {Median(starts):F0} ms (first {starts[0]:F0} ms, all {string.Join(", ", starts.Select(x => x.ToString("F0")))})");
        Console.Out.WriteLine($"BENCH 1000 sequential GETs via KubernetesClient: median {Median(runs):F0} ms (first {runs[0]:F0} ms, all {string.Join(", ", runs.Select(x => x.ToString("F0")))})");
        return 0;
    }
}
