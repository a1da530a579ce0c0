namespace Skupper.Cli.Sdk;

/// <summary>
/// The parsers of typed options and arguments (<see cref="TypedOptions"/>), with the Go CLI's (cobra/pflag) reading
/// of values and one wording for every plugin. Each takes its default once: the help shows it, the command reads it.
/// <code>
/// _timeout = command.Option("--timeout &lt;DURATION&gt;", "Give up after this time.", Parsers.Duration("90s", minimum: "10s"));
/// _labels = command.Option("--label &lt;LABEL&gt;", "A label to add, key=value; repeat it for more.", Parsers.Labels());
/// ...
/// var timeout = _timeout.Get(problems); // 90s when absent; a usage problem and 90s when wrong
/// </code>
/// </summary>
public static class Parsers
{
    /// <summary>
    /// A Go duration (<c>90s</c>, <c>2m</c>, <c>1h30m</c>) greater than zero, and at least <paramref name="minimum"/>
    /// when one is given. Both are written as the user writes them, and the help shows the default so:
    /// <c>(default 90s)</c>. A default or minimum that is not a Go duration throws <see cref="FormatException"/>
    /// when the command is declared.
    /// </summary>
    public static ValueParser<TimeSpan> Duration(string defaultValue, string? minimum = null) =>
        new DurationParser(GoDuration.Parse(defaultValue), minimum is null ? null : GoDuration.Parse(minimum), defaultValue);

    /// <summary>
    /// A Go duration, as <see cref="Duration(string, string?)"/>; the help shows the default as Go prints one
    /// (<c>1m30s</c>), and none for zero.
    /// </summary>
    public static ValueParser<TimeSpan> Duration(TimeSpan defaultValue, TimeSpan? minimum = null) =>
        new DurationParser(defaultValue, minimum, defaultValue == TimeSpan.Zero ? null : GoDuration.Format(defaultValue));

    /// <summary>
    /// The shortest <c>--timeout</c> the Go CLI takes (internal/utils/validator/simple_validator.go,
    /// NewTimeoutInSecondsValidator, applied by every command that waits): a shorter one would give up while the
    /// controller is still doing what it does at its ordinary pace.
    /// </summary>
    public static readonly TimeSpan MinimumTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A <c>--timeout</c>: a Go duration of at least <see cref="MinimumTimeout"/>, refused in one line that names the
    /// minimum (<c>invalid value "5s" for --timeout: it must be at least 10s</c>); the help shows the default as written.
    /// </summary>
    public static ValueParser<TimeSpan> Timeout(string defaultValue) =>
        new DurationParser(GoDuration.Parse(defaultValue), MinimumTimeout, defaultValue);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; the help shows a default other than 0.</summary>
    public static ValueParser<int> Number(int defaultValue, int min = int.MinValue, int max = int.MaxValue) =>
        new IntegerParser(defaultValue, min, max);

    /// <summary>
    /// A switch as cobra's boolean flags are: <c>--force</c> is true, <c>--force=false</c> false (the value must follow
    /// <c>=</c>; Go's strconv.ParseBool words: true, false, 1, 0, t, f…). The help shows a default of true.
    /// </summary>
    public static ValueParser<bool> Boolean(bool defaultValue = false) => new BooleanParser(defaultValue);

    /// <summary>
    /// A switch that takes no value, <c>--all</c>: true when given, and <c>--all=true</c> is refused, as for an option
    /// declared <see cref="OptionArity.None"/>. Added in SDK 2.1.
    /// </summary>
    public static ValueParser<bool> Switch() => new SwitchParser();

    /// <summary>One of <paramref name="choices"/>, which a tab press offers; the help shows a default: <c>(default "ready")</c>.</summary>
    public static ValueParser<string?> Choice(IReadOnlyList<string> choices, string? defaultValue = null)
    {
        if (defaultValue is not null && !choices.Contains(defaultValue, StringComparer.Ordinal))
            throw new ArgumentException($"the default \"{defaultValue}\" is not one of the choices", nameof(defaultValue));
        return new ChoiceParser(choices, defaultValue);
    }

    /// <summary>
    /// A Kubernetes object name (a lowercase DNS-1123 subdomain, as Skupper resources, ConfigMaps and Secrets need),
    /// refused in the API server's words. <paramref name="values"/> says what a tab press offers, such as
    /// <see cref="ValueCompletion.NamesOfKind"/>.
    /// </summary>
    public static ValueParser<string?> KubernetesName(string? defaultValue = null, ValueCompletion? values = null) =>
        new KubernetesNameParser(defaultValue, values);

    /// <summary>
    /// Any text, as given: the items of <see cref="Slice(ValueParser{string?}?, IReadOnlyList{string}?)"/> and
    /// <see cref="Repeatable(ValueParser{string?}?, IReadOnlyList{string}?)"/>.
    /// </summary>
    public static ValueParser<string?> Text(string? defaultValue = null) => new TextParser(defaultValue);

    /// <summary>
    /// A file the command reads: it exists and is a regular file (not a folder, FIFO or device). Read as its full
    /// path; <c>-</c> stays <c>-</c> (standard input) when <paramref name="standardInput"/>. A tab press completes file names.
    /// </summary>
    public static ValueParser<string?> InputFile(bool standardInput = false) => new FileParser(create: false, standardInput);

    /// <summary>
    /// A file the command creates or replaces: not a folder, in a folder that exists and takes new files (probed with
    /// a throwaway file). Read as its full path; <c>-</c> stays <c>-</c> (standard output) when <paramref name="standardOutput"/>.
    /// </summary>
    public static ValueParser<string?> OutputFile(bool standardOutput = false) => new FileParser(create: true, standardOutput);

    /// <summary>
    /// Comma-separated items, as pflag's StringSlice reads them: <c>--x a,b --x c</c> gives a, b and c; quotes keep a
    /// comma inside an item (<c>"a,b",c</c>); what is given replaces <paramref name="defaultValue"/>. Each item is
    /// checked by <paramref name="item"/> (<see cref="Choice"/>, <see cref="KubernetesName"/>; any text when null),
    /// whose own default is not used. The help shows a default that is not empty: <c>(default [a,b])</c>.
    /// </summary>
    public static OptionParser<IReadOnlyList<string>> Slice(ValueParser<string?>? item = null,
        IReadOnlyList<string>? defaultValue = null) =>
        new ListParser<string?>(item ?? new TextParser(null), defaultValue ?? [], commaSeparated: true)!;

    /// <summary>
    /// Comma-separated numbers or durations (pflag's IntSlice, DurationSlice), as
    /// <see cref="Slice(ValueParser{string?}?, IReadOnlyList{string}?)"/>.
    /// </summary>
    public static OptionParser<IReadOnlyList<T>> Slice<T>(ValueParser<T> item, IReadOnlyList<T>? defaultValue = null) where T : struct =>
        new ListParser<T>(item, defaultValue ?? [], commaSeparated: true);

    /// <summary>
    /// One item each time the option is given, commas and all, as pflag's StringArray reads them:
    /// <c>--x a --x b,c</c> gives a and <c>b,c</c>. Each item is checked by <paramref name="item"/> (any text when null).
    /// </summary>
    public static OptionParser<IReadOnlyList<string>> Repeatable(ValueParser<string?>? item = null,
        IReadOnlyList<string>? defaultValue = null) =>
        new ListParser<string?>(item ?? new TextParser(null), defaultValue ?? [], commaSeparated: false)!;

    /// <summary>
    /// Numbers or durations, one each time the option is given, as
    /// <see cref="Repeatable(ValueParser{string?}?, IReadOnlyList{string}?)"/>.
    /// </summary>
    public static OptionParser<IReadOnlyList<T>> Repeatable<T>(ValueParser<T> item, IReadOnlyList<T>? defaultValue = null)
        where T : struct =>
        new ListParser<T>(item, defaultValue ?? [], commaSeparated: false);

    /// <summary>
    /// Labels, <c>--label app=backend --label tier=db,env=prod</c> (pflag's StringToString: several pairs to a value
    /// when comma-separated; a later key wins), each key a qualified name and each value a label value as the API
    /// server checks them. Empty when absent.
    /// </summary>
    public static OptionParser<IReadOnlyDictionary<string, string>> Labels() => new LabelsParser();

    /// <summary>
    /// Annotations, <c>--annotation note=hello, world</c>: one pair to a value, the value free text (as
    /// <c>kubectl annotate</c> takes them), each key a qualified name once lowercased, and keys and values together
    /// at most 256 KiB, as the API server checks them. Empty when absent.
    /// </summary>
    public static OptionParser<IReadOnlyDictionary<string, string>> Annotations() => new AnnotationsParser();
}
