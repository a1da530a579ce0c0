using System.Text.Json.Nodes;
using Skupper.Cli.Sdk;
using Skupper.Cli.Sdk.Services;
using Skupper.Cli.Sdk.Models;
using Skupper.Plugins.Expose.Stores;

namespace Skupper.Plugins.Expose;

/// <summary>Waiting for a listener or connector, and the line that ends a create or update, said once for both.</summary>
internal static class BindingWaiting
{
    /// <summary>Until the condition holds, when there is a controller and a condition to wait for; a timeout names what it last saw.</summary>
    public static async Task UntilAsync(ICommandContext context, BindingKind kind, IBindingStore store, string name, string? condition,
        TimeSpan timeout, CommandSteps steps, CancellationToken cancellationToken)
    {
        if (!store.HasController || condition is null) return;
        steps.Progress("Waiting for status...");
        try
        {
            await store.WaitAsync(name, condition, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (WaitTimeoutException e)
        {
            throw new SkupperException(
                $"{kind.Title} \"{name}\" is not {Word(condition)} yet: timed out after {GoDuration.Humanize(timeout)}" +
                (e.LastMessage is null ? "" : $"; last status: {e.LastMessage}"),
                hint: $"Check its status with \"{context.InvocationName} {kind.Name} status {name}\".");
        }
    }

    /// <summary>"Listener "db" is configured.", or where its file went off Kubernetes.</summary>
    public static string Outcome(BindingKind kind, IBindingStore store, string name, string done, string? condition) =>
        !store.HasController ? $"{kind.Title} \"{name}\" is {done}: {store.Location(name)}"
        : condition is null ? $"{kind.Title} \"{name}\" is {done}."
        : $"{kind.Title} \"{name}\" is {Word(condition)}.";

    private static string Word(string condition) => condition == ConditionTypes.Ready ? "ready" : "configured";

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
