using System.Text.Json.Nodes;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Host.Services;

/// <summary>
/// The hook service when no hook handles anything (and with --no-hooks): every event passes its
/// context through unchanged, at no cost.
/// </summary>
public sealed class NoHookRunner : IHookRunner
{
    public bool Handles(string eventName) => false;

    public Task<JsonObject> RunAsync(string eventName, JsonObject context, CancellationToken cancellationToken) =>
        Task.FromResult(context);
}
