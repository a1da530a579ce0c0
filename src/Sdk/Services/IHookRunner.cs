using System.Text.Json.Nodes;

namespace Skupper.Cli.Sdk.Services;

/// <summary>
/// Runs site admins' JavaScript hooks for a named event (e.g. <c>token.issue.before</c>).
/// Each hook sees the context the previous one left.
/// </summary>
public interface IHookRunner
{
    /// <summary>True when at least one hook handles the event, so a command can skip building its context.</summary>
    bool Handles(string eventName);

    /// <summary>
    /// Runs every hook for the event in order and returns the context as the last one left it.
    /// A refusal or failure throws <see cref="SkupperException"/>.
    /// </summary>
    Task<JsonObject> RunAsync(string eventName, JsonObject context, CancellationToken cancellationToken);
}
