using Skupper.Cli.Sdk;

namespace Fixture.Dummy;

/// <summary>
/// A plugin that names its group after the folder it is installed in, so that many copies
/// give many distinct plugins (for start-up benchmarks and index tests).
/// </summary>
public sealed class Plugin : ISkupperPlugin
{
    public void Register(ICommandRegistrar registrar)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(typeof(Plugin).Assembly.Location))!;
        var group = registrar.Group(folder, $"Dummy plugin {folder}.");
        registrar.Add(group, new HelloCommand());
        registrar.Add(group, new SitesCommand());
        registrar.Add(group, new WaitCommand());
        registrar.Add(group, new ShowCommand());
        ConfigMapCommands.Register(registrar, group);
    }
}

public sealed class HelloCommand : ISkupperCommand
{
    public string Name => "hello";
    public string Description => "Say hello.";
    public IReadOnlyList<Platform> Platforms => PlatformSets.All;
    public void Configure(ICommandDeclaration command) { }

    public Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        context.Output.Out.WriteLine("hello");
        return Task.FromResult(0);
    }
}

/// <summary>Lists sites through the raw KubernetesClient the host hands plugins, as a third party would.</summary>
public sealed class SitesCommand : ISkupperCommand
{
    public string Name => "sites";
    public string Description => "Count the sites through IKubernetes.";
    public IReadOnlyList<Platform> Platforms => [Platform.Kubernetes];
    public void Configure(ICommandDeclaration command) { }

    public async Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        var list = (System.Text.Json.JsonElement)await k8s.CustomObjectsOperationsExtensions.ListNamespacedCustomObjectAsync(
            context.Cluster.Client.CustomObjects, "skupper.io", "v2alpha1", context.Cluster.Namespace, "sites", cancellationToken: cancellationToken);
        context.Output.Out.WriteLine($"{list.GetProperty("items").GetArrayLength()} sites");
        return 0;
    }
}

/// <summary>
/// Waits until cancelled (Ctrl-C), saying so on stderr: for the tests of a third-party command's signals. Once it
/// waits it writes its process id to <c>dummy-waiting</c> in the current folder, the moment a test may interrupt it.
/// </summary>
public sealed class WaitCommand : ISkupperCommand
{
    public string Name => "wait";
    public string Description => "Wait until interrupted.";
    public IReadOnlyList<Platform> Platforms => PlatformSets.All;
    public void Configure(ICommandDeclaration command) { }

    public async Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        File.WriteAllText("dummy-waiting.tmp", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move("dummy-waiting.tmp", "dummy-waiting");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            context.Output.Error.WriteLine("dummy: cancellation seen");
            throw;
        }
        return 0;
    }
}
