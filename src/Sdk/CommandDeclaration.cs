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

    /// <summary>One value: <c>--timeout 90s</c> or <c>--timeout=90s</c>; given again, the last one counts.</summary>
    Single,

    /// <summary>
    /// A switch that may carry a value, as cobra's boolean flags do: <c>--wait</c> or <c>--wait=false</c>
    /// (the value must follow <c>=</c>).
    /// </summary>
    SingleOrNone,

    /// <summary>
    /// One value each time the option is given, as often as the user gives it: <c>--label a=b --label c=d</c>.
    /// <see cref="IOptionValue.Values"/> holds every one, in order. Added in SDK 2.1; the typed options of
    /// <see cref="TypedOptions"/> that collect values (<see cref="Parsers.Slice(ValueParser{string?}?, IReadOnlyList{string}?)"/>,
    /// <see cref="Parsers.Labels"/>) declare it for you.
    /// </summary>
    Multiple,
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

    /// <summary>
    /// A positional argument; with <paramref name="multipleValues"/> it collects every remaining one.
    /// A <paramref name="required"/> argument reads <c>&lt;name&gt;</c> in the usage line, an optional
    /// one <c>[name]</c>; the command still reports a missing one in its own words (a typed argument,
    /// <see cref="TypedOptions.Argument{T}"/>, reports it for you). <paramref name="values"/> says what a tab press offers for it.
    /// </summary>
    IArgumentValue Argument(string name, string description, bool multipleValues = false, bool required = false,
        ValueCompletion? values = null);

    /// <summary>
    /// An option. <paramref name="template"/> is its spelling in the help: <c>--timeout &lt;DURATION&gt;</c>,
    /// <c>-o|--output &lt;FORMAT&gt;</c> or <c>--force</c>. <paramref name="values"/> says what a tab
    /// press offers for its value.
    /// </summary>
    IOptionValue Option(string template, string description, OptionArity arity, ValueCompletion? values = null);

    /// <summary>
    /// An option that works but is not shown: not in the help, the "did you mean" suggestions or tab completion. It is
    /// for the former spelling of a renamed option, which scripts written for it still use; declare the option with
    /// <see cref="TypedOptions.Option{T}(ICommandDeclaration, string, string, OptionParser{T}, IReadOnlyList{string}, ValueCompletion?)"/>,
    /// which reads both spellings as one. Added in SDK 2.1; an implementation made for SDK 2.0 throws
    /// <see cref="NotSupportedException"/> here.
    /// </summary>
    IOptionValue HiddenOption(string template, OptionArity arity) =>
        throw new NotSupportedException($"{GetType().Name} predates SDK 2.1 and cannot declare the hidden option {template}");

    /// <summary>
    /// Paragraphs shown under the one-line description, before the usage line: what the command does,
    /// in the command reference's words.
    /// </summary>
    string? Details { get; set; }

    /// <summary>
    /// What the command waits for before it exits, in the reference's words (<c>Ready</c>,
    /// <c>Deletion</c>); null when it returns at once. The host shows it beside the platforms.
    /// </summary>
    string? WaitsFor { get; set; }

    /// <summary>
    /// The examples, as the reference writes them: a <c># what it does</c> line, then the command line
    /// starting with <see cref="InvocationName"/> and any output; a blank line between examples. The
    /// host indents them under <c>Examples:</c>.
    /// </summary>
    string? Examples { get; set; }

    /// <summary>Text shown last in the command's help, after the examples (notes, errors).</summary>
    string? ExtendedHelpText { get; set; }
}

/// <summary>
/// What a tab press offers as the value of an option or argument (<c>kubectl skupper site status
/// -o &lt;TAB&gt;</c>). The host asks the cluster for names within a short budget; no answer means
/// no candidates, never an error.
/// </summary>
public sealed class ValueCompletion
{
    private ValueCompletion(IReadOnlyList<string> choices, string? namesOf, bool files)
    {
        Choices = choices;
        NamesOf = namesOf;
        Files = files;
    }

    /// <summary>The fixed values the option accepts.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>The plural resource name (<c>sites</c>, <c>accessgrants</c>) of the Skupper kind whose names are offered.</summary>
    public string? NamesOf { get; }

    /// <summary>True when the value is a file name, which the shell completes itself.</summary>
    public bool Files { get; }

    /// <summary>One of fixed values: <c>json</c>, <c>yaml</c>.</summary>
    public static ValueCompletion OneOf(params string[] choices) => new(choices, null, false);

    /// <summary>The names of the Skupper resources of one kind (its plural, e.g. <c>accessgrants</c>) in the command's namespace.</summary>
    public static ValueCompletion NamesOfKind(string plural) => new([], plural, false);

    /// <summary>A file name.</summary>
    public static ValueCompletion FileName { get; } = new([], null, true);
}

/// <summary>
/// The raw value of an option once the command line is parsed. Only the host implements it; a typed option
/// (<see cref="TypedOptions.Option{T}(ICommandDeclaration, string, string, OptionParser{T}, ValueCompletion?)"/>)
/// reads it for you.
/// </summary>
public interface IOptionValue
{
    /// <summary>The long name without dashes (<c>timeout</c>), as messages name the option.</summary>
    string LongName { get; }

    /// <summary>True when the option was given.</summary>
    bool HasValue();

    /// <summary>
    /// The value given; null for a bare switch. Given more than once, the last one: an option declared
    /// <see cref="OptionArity.Single"/> or <see cref="OptionArity.Multiple"/> may be repeated, and the last value
    /// counts, as in cobra (<c>--timeout 20s --timeout 5s</c> is 5s). The host refuses a repeated
    /// <see cref="OptionArity.SingleOrNone"/> switch (a usage error, exit 2).
    /// </summary>
    string? Value();

    /// <summary>
    /// Every value given, in order: none when the option is absent, one for a <see cref="OptionArity.Single"/> option,
    /// each occurrence for a <see cref="OptionArity.Multiple"/> one (a bare switch gives one null). Added in SDK 2.1.
    /// </summary>
    IReadOnlyList<string?> Values() => HasValue() ? [Value()] : [];
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
