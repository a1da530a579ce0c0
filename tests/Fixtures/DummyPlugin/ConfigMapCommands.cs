using System.Text.Json.Nodes;
using k8s.Models;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;

namespace Fixture.Dummy;

/// <summary>
/// ConfigMaps through the SDK's typed cluster access, as a third party uses it: create (with a before-hook whose labels
/// are read through <see cref="HookChanges"/>), get, list, set, delete (waiting for the deletion) and wait for a key.
/// </summary>
public static class ConfigMapCommands
{
    public static void Register(ICommandRegistrar registrar, ICommandGroup group)
    {
        registrar.Add(group, new ConfigMapCreateCommand());
        registrar.Add(group, new ConfigMapGetCommand());
        registrar.Add(group, new ConfigMapListCommand());
        registrar.Add(group, new ConfigMapSetCommand());
        registrar.Add(group, new ConfigMapDeleteCommand());
        registrar.Add(group, new ConfigMapWaitCommand());
    }

    internal static IResourceClient<V1ConfigMap> ConfigMaps(ICommandContext context) => context.Cluster.Resources(ResourceKinds.ConfigMap);

    internal static string? Name(IArgumentValue argument, Problems problems)
    {
        if (argument.Value is not { } name) problems.Usage("a ConfigMap name is required");
        else if (KubernetesNames.CheckSubdomain(name) is { } bad) problems.Usage(bad);
        else return name;
        return null;
    }

    /// <summary><c>KEY=VALUE</c> arguments after the name.</summary>
    internal static Dictionary<string, string> Pairs(IArgumentValue argument, Problems problems)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in argument.Values.Skip(1).OfType<string>())
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0) problems.Usage($"\"{pair}\" is not KEY=VALUE");
            else pairs[pair[..at]] = pair[(at + 1)..];
        }
        return pairs;
    }
}

public sealed class ConfigMapCreateCommand : SkupperCommand<ConfigMapCreateCommand.Run>
{
    public sealed record Run(string Namespace, string Name, Dictionary<string, string> Data)
    {
        public Dictionary<string, string> Labels { get; } = [];
    }

    private IArgumentValue _args = null!;

    public override string Name => "configmap-create";
    public override string Description => "Create a ConfigMap: NAME [KEY=VALUE...].";
    public override IReadOnlyList<Platform> Platforms => [Platform.Kubernetes];

    public override void Configure(ICommandDeclaration command) =>
        _args = command.Argument("name-and-data", "The name, then KEY=VALUE pairs.", multipleValues: true, required: true);

    protected override Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = ConfigMapCommands.Name(_args, problems);
        var data = ConfigMapCommands.Pairs(_args, problems);
        return Task.FromResult(problems.Any ? null : new Run(context.Namespace, name!, data));
    }

    protected override (string Event, JsonObject Context)? BeforeHook(Run run) =>
        ("configmap.create.before", new JsonObject { ["namespace"] = run.Namespace, ["name"] = run.Name, ["labels"] = new JsonObject() });

    protected override void ApplyBeforeHook(Run run, HookChanges changes) => changes.Labels("labels", run.Labels);

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        var configMaps = ConfigMapCommands.ConfigMaps(context);
        await configMaps.CreateAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = run.Name, Labels = run.Labels.Count > 0 ? run.Labels : null },
            Data = run.Data,
        }, cancellationToken);
        steps.Undo.Add($"the ConfigMap \"{run.Name}\" this command created", t => configMaps.DeleteAsync(run.Name, t),
            $"Delete it with \"kubectl delete configmap {run.Name} -n {run.Namespace}\".");
    }

    protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        steps.UntilAsync(ResourceKinds.ConfigMap, run.Name, "created", WaitCheck.Exists, TimeSpan.FromSeconds(30), cancellationToken);

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine($"configmap \"{run.Name}\" created" +
            string.Concat(run.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $" {l.Key}={l.Value}")));
}

public sealed class ConfigMapGetCommand : SkupperCommand<ConfigMapGetCommand.Run>
{
    public sealed record Run(string Name)
    {
        public V1ConfigMap? Found { get; set; }
    }

    private IArgumentValue _name = null!;

    public override string Name => "configmap-get";
    public override string Description => "Show a ConfigMap's data.";
    public override IReadOnlyList<Platform> Platforms => [Platform.Kubernetes];
    public override void Configure(ICommandDeclaration command) => _name = command.Argument("name", "The ConfigMap.", required: true);

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = ConfigMapCommands.Name(_name, problems);
        if (name is null) return null;
        var run = new Run(name) { Found = await ConfigMapCommands.ConfigMaps(context).GetAsync(name, cancellationToken) };
        if (run.Found is null) problems.Failure($"there is no ConfigMap \"{name}\" in namespace \"{context.Namespace}\"");
        return problems.Any ? null : run;
    }

    protected override void Report(ICommandContext context, Run run)
    {
        var found = run.Found!;
        var meta = found.Metadata;
        context.Output.Out.WriteLine($"{found.Kind}/{meta.Name} in {meta.NamespaceProperty} (resourceVersion {meta.ResourceVersion})");
        foreach (var (key, value) in (found.Data ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            context.Output.Out.WriteLine($"{key}={value}");
    }
}

public sealed class ConfigMapListCommand : SkupperCommand<ConfigMapListCommand.Run>
{
    public sealed record Run(IReadOnlyList<V1ConfigMap> Items);

    public override string Name => "configmap-list";
    public override string Description => "List the ConfigMaps of the namespace.";
    public override IReadOnlyList<Platform> Platforms => [Platform.Kubernetes];
    public override void Configure(ICommandDeclaration command) { }

    protected override async Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken) =>
        new(await ConfigMapCommands.ConfigMaps(context).ListAsync(cancellationToken));

    protected override void Report(ICommandContext context, Run run)
    {
        foreach (var item in run.Items)
            context.Output.Out.WriteLine($"{item.ApiVersion} {item.Kind} {item.Metadata.Name} {item.Data?.Count ?? 0}");
    }
}

public sealed class ConfigMapSetCommand : SkupperCommand<ConfigMapSetCommand.Run>
{
    public sealed record Run(string Name, Dictionary<string, string> Data)
    {
        public V1ConfigMap? Updated { get; set; }
    }

    private IArgumentValue _args = null!;

    public override string Name => "configmap-set";
    public override string Description => "Set keys of a ConfigMap: NAME KEY=VALUE...";
    public override IReadOnlyList<Platform> Platforms => [Platform.Kubernetes];

    public override void Configure(ICommandDeclaration command) =>
        _args = command.Argument("name-and-data", "The name, then KEY=VALUE pairs.", multipleValues: true, required: true);

    protected override Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = ConfigMapCommands.Name(_args, problems);
        var data = ConfigMapCommands.Pairs(_args, problems);
        return Task.FromResult(problems.Any ? null : new Run(name!, data));
    }

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        var data = new JsonObject();
        foreach (var (k, v) in run.Data) data[k] = v;
        var patch = new JsonObject { ["data"] = data };
        run.Updated = await ConfigMapCommands.ConfigMaps(context).PatchAsync(run.Name, patch, cancellationToken);
    }

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine($"configmap \"{run.Name}\" now has {run.Updated!.Data?.Count ?? 0} keys");
}

public sealed class ConfigMapDeleteCommand : SkupperCommand<ConfigMapDeleteCommand.Run>
{
    public sealed record Run(string Name, TimeSpan Timeout)
    {
        public bool Deleted { get; set; }
    }

    private IArgumentValue _name = null!;
    private IOptionValue _timeout = null!;

    public override string Name => "configmap-delete";
    public override string Description => "Delete a ConfigMap and wait until it is gone.";
    public override IReadOnlyList<Platform> Platforms => [Platform.Kubernetes];

    public override void Configure(ICommandDeclaration command)
    {
        _name = command.Argument("name", "The ConfigMap.", required: true);
        _timeout = command.Option("--timeout <DURATION>", "How long to wait for the deletion (default 30s).", OptionArity.Single);
    }

    protected override Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = ConfigMapCommands.Name(_name, problems);
        var timeout = _timeout.Duration(TimeSpan.FromSeconds(30), problems, TimeSpan.FromSeconds(1));
        return Task.FromResult(problems.Any ? null : new Run(name!, timeout));
    }

    protected override async Task ActAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Deleted = await ConfigMapCommands.ConfigMaps(context).DeleteAsync(run.Name, cancellationToken);

    protected override Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken) =>
        run.Deleted ? steps.UntilDeletedAsync(ResourceKinds.ConfigMap, run.Name, run.Timeout, cancellationToken) : Task.CompletedTask;

    protected override void Report(ICommandContext context, Run run) =>
        context.Output.Out.WriteLine(run.Deleted ? $"configmap \"{run.Name}\" deleted" : $"configmap \"{run.Name}\" was not there");
}

public sealed class ConfigMapWaitCommand : SkupperCommand<ConfigMapWaitCommand.Run>
{
    public sealed record Run(string Name, string Key, TimeSpan Timeout)
    {
        public string? Value { get; set; }
    }

    private IArgumentValue _args = null!;
    private IOptionValue _timeout = null!;

    public override string Name => "configmap-wait";
    public override string Description => "Wait until a ConfigMap holds a key: NAME KEY.";
    public override IReadOnlyList<Platform> Platforms => [Platform.Kubernetes];

    public override void Configure(ICommandDeclaration command)
    {
        _args = command.Argument("name-and-key", "The ConfigMap, then the key.", multipleValues: true, required: true);
        _timeout = command.Option("--timeout <DURATION>", "How long to wait (default 30s).", OptionArity.Single);
    }

    protected override Task<Run?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken)
    {
        var name = ConfigMapCommands.Name(_args, problems);
        var key = _args.Values.Skip(1).FirstOrDefault();
        if (key is null) problems.Usage("a key to wait for is required after the name");
        var timeout = _timeout.Duration(TimeSpan.FromSeconds(30), problems, TimeSpan.FromSeconds(1));
        return Task.FromResult(problems.Any ? null : new Run(name!, key!, timeout));
    }

    protected override async Task WaitAsync(ICommandContext context, Run run, CommandSteps steps, CancellationToken cancellationToken)
    {
        var holding = await steps.UntilAsync(ResourceKinds.ConfigMap, run.Name, $"holding {run.Key}", configMap =>
            configMap is null ? WaitCheck.Continue("it does not exist yet")
            : configMap.Data?.ContainsKey(run.Key) == true ? WaitCheck.Done
            : WaitCheck.Continue($"it has no key {run.Key} yet"), run.Timeout, cancellationToken);
        run.Value = holding!.Data[run.Key];
    }

    protected override void Report(ICommandContext context, Run run) => context.Output.Out.WriteLine($"{run.Key}={run.Value}");
}
