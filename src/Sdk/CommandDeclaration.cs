namespace Skupper.Cli.Sdk;

/// <summary>
/// A command group (e.g. <c>token</c>) returned by <see cref="ICommandRegistrar.Group"/>, to add
/// commands under. Only the host creates one.
/// </summary>
public interface ICommandGroup
{
    string Name { get; }
}

/// <summary>How many values an option takes on the command line.</summary>
public enum OptionArity
{
    /// <summary>A switch: <c>--force</c>.</summary>
    None,

    /// <summary>One value: <c>--timeout 90s</c> or <c>--timeout=90s</c>.</summary>
    Single,

    /// <summary>
    /// A switch that may carry a value, as cobra's boolean flags do: <c>--wait</c> or <c>--wait=false</c>
    /// (the value must follow <c>=</c>).
    /// </summary>
    SingleOrNone,
}

/// <summary>
/// What a command declares in <see cref="ISkupperCommand.Configure"/>: its arguments, options and the
/// text under them in its help. The host maps these onto its own parser, which plugins never see, so a
/// change of parser does not reach them.
/// </summary>
public interface ICommandDeclaration
{
    /// <summary>"kubectl skupper" or "skupper": how the user invoked the CLI, for examples in the help.</summary>
    string InvocationName { get; }

    /// <summary>A positional argument; with <paramref name="multipleValues"/> it collects every remaining one.</summary>
    IArgumentValue Argument(string name, string description, bool multipleValues = false);

    /// <summary>
    /// An option. <paramref name="template"/> is its spelling in the help: <c>--timeout &lt;DURATION&gt;</c>,
    /// <c>-o|--output &lt;FORMAT&gt;</c> or <c>--force</c>.
    /// </summary>
    IOptionValue Option(string template, string description, OptionArity arity);

    /// <summary>Text shown under the options in the command's help (platforms, examples).</summary>
    string? ExtendedHelpText { get; set; }
}

/// <summary>The raw value of an option once the command line is parsed.</summary>
public interface IOptionValue
{
    /// <summary>The long name without dashes (<c>timeout</c>), as messages name the option.</summary>
    string LongName { get; }

    /// <summary>True when the option was given.</summary>
    bool HasValue();

    /// <summary>The value given (the last one when given more than once); null for a bare switch.</summary>
    string? Value();
}

/// <summary>The raw values of a positional argument once the command line is parsed.</summary>
public interface IArgumentValue
{
    string Name { get; }

    /// <summary>Every value given, in order.</summary>
    IReadOnlyList<string?> Values { get; }

    /// <summary>The first value, or null when none was given.</summary>
    string? Value { get; }
}
