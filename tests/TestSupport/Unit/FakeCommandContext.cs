using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.TestSupport.Unit;

/// <summary>
/// What a command runs with in a unit test: the host's parser and output (through <see cref="UnitCli"/>), an
/// <see cref="InMemoryCluster"/>, a waiter that looks once, no hooks, and a data home of the test's own.
/// </summary>
public sealed class FakeCommandContext(Platform platform, string @namespace, IOutput output, InMemoryCluster cluster, string dataHome)
    : ICommandContext
{
    public string InvocationName => "kubectl skupper";
    public Platform Platform => platform;
    public string Namespace => @namespace;
    public IOutput Output => output;
    public Stream Input { get; init; } = Stream.Null;
    public IClusterAccess Cluster => platform == Platform.Kubernetes ? cluster
        : throw new SkupperException($"there is no Kubernetes cluster on platform \"{platform.Name()}\"");
    public IReadyWaiter Waiter => new LookOnceWaiter(cluster);
    public IHookRunner Hooks => NoHooks.Instance;
    public string DataHome => dataHome;

    private sealed class NoHooks : IHookRunner
    {
        public static readonly NoHooks Instance = new();
        public bool Handles(string eventName) => false;
        public Task<JsonObject> RunAsync(string eventName, JsonObject context, CancellationToken cancellationToken) =>
            Task.FromResult(new JsonObject());
    }

    /// <summary>
    /// Checks the object as it is now: done, failed, or a timeout at once, since nothing in memory changes while a
    /// command waits. A test that needs the resource ready makes it so (<see cref="InMemoryCluster.OnCreate"/>).
    /// </summary>
    private sealed class LookOnceWaiter(InMemoryCluster cluster) : IReadyWaiter
    {
        public async Task<T?> WaitAsync<T>(string @namespace, string name, Func<T?, WaitCheck> check, TimeSpan timeout,
            CancellationToken cancellationToken) where T : SkupperResource, ISkupperKind =>
            Look(name, await cluster.Resources<T>().GetAsync(name, cancellationToken), check);

        public async Task<T?> WaitAsync<T>(ResourceKind<T> kind, string @namespace, string name, Func<T?, WaitCheck> check,
            TimeSpan timeout, CancellationToken cancellationToken) where T : class, IKubernetesObject<V1ObjectMeta> =>
            Look(name, await cluster.Resources(kind).GetAsync(name, cancellationToken), check);

        private static T? Look<T>(string name, T? current, Func<T?, WaitCheck> check) => check(current) switch
        {
            { Outcome: WaitOutcome.Done } => current,
            { Outcome: WaitOutcome.Fail, Message: var m } => throw new WaitFailedException($"\"{name}\" failed: {m}", m ?? ""),
            { Message: var m } => throw new WaitTimeoutException($"\"{name}\" is not ready (unit test: no time passes): {m}", m),
        };
    }
}
