namespace Skupper.Cli.Sdk;

/// <summary>
/// A <see cref="SkupperCommand{TRun}"/> whose options and arguments are declared as one object, as kubectl keeps a
/// command's flags in its <c>…Options</c> struct: <see cref="Declare"/> makes it from the declaration (its properties
/// initialised there, so the command holds no field that is null until <see cref="Configure"/> runs), and validation
/// reads it. Added in SDK 2.1.
/// <code>
/// internal sealed class BackupCommand : SkupperCommand&lt;BackupCommand.Options, BackupCommand.Run&gt;
/// {
///     internal sealed class Options(ICommandDeclaration command)
///     {
///         public IOption&lt;TimeSpan&gt; Timeout { get; } = command.Option("--timeout &lt;DURATION&gt;", "Give up after this time.",
///             Parsers.Timeout("90s"));
///     }
///
///     protected override Options Declare(ICommandDeclaration command) => new(command);
///
///     protected override Task&lt;Run?&gt; ValidateAsync(ICommandContext context, Options options, Problems problems,
///         CancellationToken cancellationToken) => …options.Timeout.Get(problems)…
/// }
/// </code>
/// </summary>
/// <typeparam name="TOptions">What the command declares: its typed options, arguments and option bundles.</typeparam>
/// <typeparam name="TRun">What one run knows: validated inputs, then what the steps learn or make.</typeparam>
public abstract class SkupperCommand<TOptions, TRun> : SkupperCommand<TRun> where TOptions : class where TRun : class
{
    private TOptions? _options;

    /// <summary>
    /// Declares the command's arguments, options and help text (<see cref="ICommandDeclaration.Details"/>,
    /// <see cref="HelpExamples.Example"/>) and returns what holds the options, for
    /// <see cref="ValidateAsync(ICommandContext, TOptions, Problems, CancellationToken)"/>.
    /// </summary>
    protected abstract TOptions Declare(ICommandDeclaration command);

    /// <summary>
    /// Reads <paramref name="options"/> and checks preconditions into <paramref name="problems"/>; returns null only when
    /// there are some.
    /// </summary>
    protected abstract Task<TRun?> ValidateAsync(ICommandContext context, TOptions options, Problems problems,
        CancellationToken cancellationToken);

    public sealed override void Configure(ICommandDeclaration command) => _options = Declare(command);

    protected sealed override Task<TRun?> ValidateAsync(ICommandContext context, Problems problems, CancellationToken cancellationToken) =>
        ValidateAsync(context, _options ?? throw new InvalidOperationException($"{GetType().Name} ran before it was configured"),
            problems, cancellationToken);
}
