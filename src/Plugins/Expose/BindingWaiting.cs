using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Plugins.Expose.Stores;

namespace Skupper.Plugins.Expose;

/// <summary>Waiting for a listener or connector, and the line that ends a create or update, said once for both.</summary>
internal static class BindingWaiting
{
    /// <summary>Until the condition holds, when there is one to wait for (the file store has nothing to wait for).</summary>
    public static Task UntilAsync(IBindingStore store, string name, string? condition, TimeSpan timeout, CommandSteps steps,
        CancellationToken cancellationToken) =>
        condition is null ? Task.CompletedTask : store.WaitAsync(steps, name, condition, timeout, cancellationToken);

    /// <summary>"Listener "db" is configured.", or where its file went off Kubernetes.</summary>
    public static string Outcome(BindingKind kind, IBindingStore store, string name, string done, string? condition) =>
        !store.HasController ? $"{kind.Title} \"{name}\" is {done}: {store.Location(name)}"
        : condition is null ? $"{kind.Title} \"{name}\" is {done}."
        : $"{kind.Title} \"{name}\" is {condition.ToLowerInvariant()}.";

    /// <summary>What the create hooks see (docs/hooks.md, "listener.create.before").</summary>
    public static JsonObject HookContext(BindingKind kind, string @namespace, string name, BindingSpec spec)
    {
        var context = new JsonObject
        {
            ["namespace"] = @namespace,
            ["name"] = name,
            ["routingKey"] = spec.RoutingKey,
            ["port"] = spec.Port,
            ["host"] = spec.Host,
        };
        if (kind.HasSelector) context["selector"] = spec.Selector;
        return context;
    }
}
