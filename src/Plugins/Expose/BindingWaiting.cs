using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Plugins.Expose.Stores;

namespace Skupper.Plugins.Expose;

/// <summary>Waiting for a listener or connector, and what the create hooks see, said once for both.</summary>
internal static class BindingWaiting
{
    /// <summary>Until the condition holds, when there is one to wait for (the file store has nothing to wait for).</summary>
    public static Task UntilAsync(IBindingStore store, string name, string? condition, TimeSpan timeout, CommandSteps steps,
        CancellationToken cancellationToken) =>
        condition is null ? Task.CompletedTask : store.WaitAsync(steps, name, condition, timeout, cancellationToken);

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
