using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Skupper.Cli.Sdk.Models;
using Skupper.Cli.Sdk.Services;

namespace Skupper.Cli.Sdk;

/// <summary>
/// The lifecycle of a Skupper command, as the Go CLI gives every command one shape: a command
/// writes its steps, this class runs them in order and owns the plumbing between them.
/// <list type="number">
/// <item><see cref="ValidateAsync"/>: every input and precondition, nothing changed; all problems reported together.</item>
/// <item>The before-hooks (<see cref="BeforeHook"/>), whose changes <see cref="ApplyBeforeHook(TRun, HookChanges)"/> takes.</item>
/// <item><see cref="ActAsync"/>: the changes, each registered with <see cref="CommandSteps.Undo"/> if it must be taken back.</item>
/// <item><see cref="WaitAsync"/>: until the controller has done its part.</item>
/// <item><see cref="WriteAsync"/>: files the command produces.</item>
/// <item><see cref="Report"/>: what the user reads.</item>
/// <item>The after-hooks (<see cref="AfterHook"/>): a failure there exits 3, the work being done.</item>
/// </list>
/// A failure in steps 3–5 undoes what step 3 registered, and the error says what was undone. Every
/// failure, hooks' included, is thrown as a <see cref="SkupperException"/> for the host to report.
/// </summary>
/// <typeparam name="TRun">What one run knows: validated inputs, then what the steps learn or make.</typeparam>
public abstract class SkupperCommand<TRun> : ISkupperCommand where TRun : class
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    public abstract IReadOnlyList<Platform> Platforms { get; }
    public abstract void Configure(ICommandDeclaration command);

    /// <summary>Reads inputs and checks preconditions into <paramref name="problems"/>; returns null only when there are some.</summary>
    protected abstract Task<TRun?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken);

    /// <summary>The before-event and the context its hooks see (<c>token.issue.before</c>), or null when the command raises none.</summary>
    protected virtual (string Event, JsonObject Context)? BeforeHook(TRun run) => null;

    /// <summary>Takes what the before-hooks changed; throws for a value it refuses.</summary>
    protected virtual void ApplyBeforeHook(TRun run, JsonObject result)
    {
    }

    /// <summary>
    /// Takes what the before-hooks changed, read through <paramref name="changes"/> with the SDK's checks:
    /// <c>changes.Labels("labels", run.Labels)</c>. What they find wrong is reported together once this returns, naming
    /// the hook file that set each bad value, before anything is created. Strings under a key named <c>code</c> in the
    /// context are masked in those messages, as the host masks them in everything it prints about hooks. Unless
    /// overridden, hands the raw context to <see cref="ApplyBeforeHook(TRun, JsonObject)"/>. Added in SDK 2.1.
    /// </summary>
    protected virtual void ApplyBeforeHook(TRun run, HookChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ApplyBeforeHook(run, changes.Result);
    }

    protected virtual Task ActAsync(ICommandContext context, TRun run, CommandSteps steps, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task WaitAsync(ICommandContext context, TRun run, CommandSteps steps, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task WriteAsync(ICommandContext context, TRun run, CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract void Report(ICommandContext context, TRun run);

    /// <summary>The after-event and its context, built once the work is reported; null when the command raises none.</summary>
    protected virtual (string Event, JsonObject Context)? AfterHook(TRun run) => null;

    /// <summary>The failure of a step in the command's words, for the error that also says what was undone.</summary>
    protected virtual string Reason(Exception failure, TRun run) => failure switch
    {
        OperationCanceledException => "interrupted",
        _ => failure.Message,
    };

    public async Task<int> ExecuteAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        var problems = new Problems();
        var validated = await ValidateAsync(context, problems, cancellationToken).ConfigureAwait(false);
        problems.ThrowIfAny();
        var run = validated ?? throw new InvalidOperationException($"{GetType().Name}: validation found no problem but returned no run");

        if (BeforeHook(run) is var (before, beforeContext) && context.Hooks.Handles(before))
        {
            var result = await context.Hooks.RunAsync(before, beforeContext, cancellationToken).ConfigureAwait(false);
            var changes = new HookChanges(result, before, [.. HookChanges.Codes(beforeContext), .. HookChanges.Codes(result)]);
            ApplyBeforeHook(run, changes);
            changes.ThrowIfAny();
        }

        var steps = new CommandSteps(context);
        try
        {
            try
            {
                await ActAsync(context, run, steps, cancellationToken).ConfigureAwait(false);
                await WaitAsync(context, run, steps, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                steps.EndProgress();
            }
            await WriteAsync(context, run, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (steps.Undo.Any)
        {
            throw await steps.Undo.RunAsync(Reason(e, run), e).ConfigureAwait(false);
        }

        Report(context, run);
        context.Output.Out.Flush();

        if (AfterHook(run) is var (after, afterContext) && context.Hooks.Handles(after))
        {
            try
            {
                await context.Hooks.RunAsync(after, afterContext, cancellationToken).ConfigureAwait(false);
            }
            catch (SkupperException e)
            {
                // The work is done and reported; only the site admin's follow-up failed.
                throw new SkupperException(e.Message, ExitCodes.HookFailure, e, e.Hint);
            }
        }
        return ExitCodes.Success;
    }
}

/// <summary>What the acting and waiting steps of one run share: the undo list and the progress line.</summary>
public sealed class CommandSteps(ICommandContext context)
{
    private IDisposable? _progress;

    /// <summary>What to take back when a later step fails.</summary>
    public Undo Undo { get; } = new();

    /// <summary>
    /// Shows <paramref name="message"/> (e.g. "Waiting for status...") once per run, until the waiting
    /// ends: calling it again from a later step keeps the one line.
    /// </summary>
    public void Progress(string message) => _progress ??= context.Output.Progress(message);

    /// <summary>
    /// Shows "Waiting for status..." until the resource's <paramref name="condition"/> (<c>Configured</c>,
    /// <c>Ready</c>) is True for its current generation (<see cref="WaitCheck.Condition"/>); at the timeout the
    /// error names it and what the controller last said, <c>Listener "db" is not ready yet: timed out after
    /// 1 minute; last status: No matching connectors</c>, with the command that shows it.
    /// </summary>
    public async Task UntilAsync<T>(string title, string name, string condition, TimeSpan timeout, string statusCommand,
        CancellationToken cancellationToken) where T : SkupperResource, ISkupperKind
    {
        Progress("Waiting for status...");
        try
        {
            await context.Waiter.WaitAsync<T>(context.Namespace, name, r => WaitCheck.Condition(r, condition), timeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (WaitTimeoutException e)
        {
            throw new SkupperException(
                $"{title} \"{name}\" is not {condition.ToLowerInvariant()} yet: timed out after {GoDuration.Humanize(timeout)}" +
                (e.LastMessage is null ? "" : $"; last status: {e.LastMessage}"),
                hint: $"Check its status with \"{context.InvocationName} {statusCommand} {name}\".");
        }
    }

    /// <summary>
    /// Shows "Waiting for deletion..." until the resource is gone from the namespace; at the timeout
    /// the error names it, <c>Link "west-6bfn6" is not deleted yet: it still exists after 1 minute</c>,
    /// with the command that shows it (<paramref name="statusCommand"/>, such as <c>link status</c>).
    /// </summary>
    public async Task UntilDeletedAsync<T>(string title, string name, TimeSpan timeout, string statusCommand,
        CancellationToken cancellationToken) where T : SkupperResource, ISkupperKind
    {
        Progress("Waiting for deletion...");
        try
        {
            await context.Waiter.WaitAsync<T>(context.Namespace, name, WaitCheck.Deleted, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (WaitTimeoutException)
        {
            throw new SkupperException($"{title} \"{name}\" is not deleted yet: it still exists after {GoDuration.Humanize(timeout)}",
                hint: $"Check it with \"{context.InvocationName} {statusCommand} {name}\".");
        }
    }

    /// <summary>
    /// Shows "Waiting for status..." until <paramref name="check"/> says done for the object of any kind
    /// (<c>ResourceKinds.Deployment</c> with <see cref="WaitCheck.RolledOut"/>); at the timeout the error names it,
    /// the state waited for and what the check last said, <c>Deployment "web" is not rolled out yet: timed out after
    /// 1 minute; last status: 0 of 1 updated replicas are available</c>, with the kubectl command that shows it.
    /// <paramref name="state"/> is what the check waits for, as that error words it: <c>rolled out</c>, <c>ready</c>.
    /// Returns the object as the check last saw it. Added in SDK 2.1.
    /// </summary>
    public async Task<T?> UntilAsync<T>(ResourceKind<T> kind, string name, string state, Func<T?, WaitCheck> check, TimeSpan timeout,
        CancellationToken cancellationToken) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(kind);
        Progress("Waiting for status...");
        try
        {
            return await context.Waiter.WaitAsync(kind, context.Namespace, name, check, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (WaitTimeoutException e)
        {
            throw new SkupperException(
                $"{kind.Kind} \"{name}\" is not {state} yet: timed out after {GoDuration.Humanize(timeout)}" +
                (e.LastMessage is null ? "" : $"; last status: {e.LastMessage}"),
                hint: $"Check it with \"kubectl get {kind.KubectlName} {name} -n {context.Namespace}\".");
        }
    }

    /// <summary>
    /// Shows "Waiting for deletion..." until the object of any kind is gone from the namespace (a finalizer can hold
    /// it); at the timeout the error names it, <c>ConfigMap "app" is not deleted yet: it still exists after 1 minute</c>,
    /// with the kubectl command that shows it. Added in SDK 2.1.
    /// </summary>
    public async Task UntilDeletedAsync<T>(ResourceKind<T> kind, string name, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(kind);
        Progress("Waiting for deletion...");
        try
        {
            await context.Waiter.WaitAsync(kind, context.Namespace, name, WaitCheck.Deleted, timeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (WaitTimeoutException)
        {
            throw new SkupperException($"{kind.Kind} \"{name}\" is not deleted yet: it still exists after {GoDuration.Humanize(timeout)}",
                hint: $"Check it with \"kubectl get {kind.KubectlName} {name} -n {context.Namespace}\".");
        }
    }

    internal void EndProgress()
    {
        _progress?.Dispose();
        _progress = null;
    }
}

/// <summary>
/// What a run changed that must be taken back if a later step fails, newest first, with a short
/// budget of its own (the run's token is cancelled by then after Ctrl-C).
/// </summary>
public sealed class Undo
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private readonly List<(string What, Func<CancellationToken, Task> Action, string Hint)> _steps = [];

    public bool Any => _steps.Count > 0;

    /// <param name="what">What was made, as the error names it: <c>the access grant "west-6bfn6" this command created</c>.</param>
    /// <param name="delete">Deletes it.</param>
    /// <param name="hint">How the user deletes it when this cannot: <c>Delete it with "kubectl delete accessgrant …"</c>.</param>
    public void Add(string what, Func<CancellationToken, Task> delete, string hint) => _steps.Add((what, delete, hint));

    /// <summary>What was made stands from here on, whatever fails later (a token already redeemed).</summary>
    public void Keep() => _steps.Clear();

    /// <summary>Deletes everything added, newest first, and returns the error to report: the reason, then what became of each.</summary>
    internal async Task<SkupperException> RunAsync(string reason, Exception failure)
    {
        var said = new List<string>();
        var hints = new List<string>();
        using var budget = new CancellationTokenSource(Budget);
        foreach (var (what, delete, hint) in Enumerable.Reverse(_steps))
        {
            try
            {
                await delete(budget.Token).ConfigureAwait(false);
                said.Add($"{what} was deleted");
            }
            catch (Exception e) when (e is SkupperException or OperationCanceledException)
            {
                said.Add($"{what} could not be deleted: {(e is OperationCanceledException ? "the cluster did not answer" : e.Message)}");
                hints.Add(hint);
            }
        }
        _steps.Clear();
        return new SkupperException($"{reason}; {string.Join("; ", said)}", inner: failure,
            hint: hints.Count > 0 ? string.Join(Environment.NewLine, hints) : null);
    }
}
