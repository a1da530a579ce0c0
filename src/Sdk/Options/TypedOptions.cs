namespace Skupper.Cli.Sdk;

/// <summary>
/// Typed options and arguments: declared in <see cref="ISkupperCommand.Configure"/> with a parser from
/// <see cref="Parsers"/>, read in validation with <c>Get(problems)</c>. A wrong value becomes a usage problem (exit 2)
/// worded the same in every plugin, <c>invalid value "X" for --name: …</c>, and the default is read in its place so
/// that every problem of the invocation is found in one run. Added in SDK 2.1.
/// Held by the command's options object (<see cref="SkupperCommand{TOptions, TRun}"/>), made when it is declared:
/// <code>
/// internal sealed class Options(ICommandDeclaration command)
/// {
///     public IArgument&lt;string?&gt; Name { get; } = command.Argument("name", "The name of the backup.", Parsers.KubernetesName(),
///         required: true);
///     public IOption&lt;TimeSpan&gt; Timeout { get; } = command.Option("--timeout &lt;DURATION&gt;", "Give up after this time.",
///         Parsers.Duration("90s"));
/// }
/// </code>
/// </summary>
public static class TypedOptions
{
    /// <summary>
    /// An option read by <paramref name="parser"/>. <paramref name="template"/> is its spelling in the help
    /// (<c>--timeout &lt;DURATION&gt;</c>, <c>-o|--output &lt;FORMAT&gt;</c>, <c>--force</c>; the value's name one word,
    /// such as <c>&lt;LABEL&gt;</c>: the host refuses <c>&lt;KEY=VALUE&gt;</c>); the help shows
    /// <paramref name="description"/> followed by the parser's default, <c>(default 90s)</c>, so write the default
    /// nowhere else. The parser decides whether it may be repeated (slices, labels) and what a tab press offers, unless
    /// <paramref name="values"/> says.
    /// </summary>
    public static IOption<T> Option<T>(this ICommandDeclaration command, string template, string description, OptionParser<T> parser,
        ValueCompletion? values = null)
    {
        var raw = command.Option(template, WithDefault(description, parser.DefaultText), parser.Arity, values ?? parser.Values);
        return new TypedOption<T>(raw, parser);
    }

    /// <summary>
    /// An option read by <paramref name="parser"/>, as
    /// <see cref="Option{T}(ICommandDeclaration, string, string, OptionParser{T}, ValueCompletion?)"/>,
    /// that also answers to <paramref name="hiddenAliases"/> (<c>--listener-type</c>): former spellings that keep working
    /// but are not shown (<see cref="ICommandDeclaration.HiddenOption"/>). A wrong value is reported under the spelling
    /// the user gave; given under several, the values of the shown spelling count.
    /// </summary>
    public static IOption<T> Option<T>(this ICommandDeclaration command, string template, string description, OptionParser<T> parser,
        IReadOnlyList<string> hiddenAliases, ValueCompletion? values = null)
    {
        var raw = command.Option(template, WithDefault(description, parser.DefaultText), parser.Arity, values ?? parser.Values);
        var valueName = template.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? template[space..] : "";
        var aliases = hiddenAliases.Select(alias => command.HiddenOption(alias + valueName, parser.Arity)).ToList();
        return new TypedOption<T>(new AliasedValue(raw, aliases), parser);
    }

    /// <summary>
    /// A positional argument read by <paramref name="parser"/>, such as <see cref="Parsers.KubernetesName"/>. A
    /// <paramref name="required"/> one reads <c>&lt;name&gt;</c> in the usage line, and <see cref="IArgument{T}.Get"/>
    /// reports it missing in one line; an optional one reads <c>[name]</c> and gives the parser's default when absent.
    /// </summary>
    public static IArgument<T> Argument<T>(this ICommandDeclaration command, string name, string description, ValueParser<T> parser,
        bool required = false, ValueCompletion? values = null)
    {
        var raw = command.Argument(name, required ? description : WithDefault(description, parser.DefaultText), multipleValues: false,
            required, values ?? parser.Values);
        return new TypedArgument<T>(raw, parser, required, description);
    }

    /// <summary>
    /// The value given, or null when the option is absent or its value is wrong (a usage problem then, as with
    /// <see cref="IOption{T}.Get"/>): for a command that changes only what the user gives, such as an update's
    /// <c>--enable-ha[=false]</c> or <c>--cost</c>. Added in SDK 2.1.
    /// </summary>
    public static T? GetIfGiven<T>(this IOption<T> option, Problems problems) where T : struct
    {
        ArgumentNullException.ThrowIfNull(option);
        if (!option.HasValue()) return null;
        if (option is TypedOption<T> typed) return typed.TryGet(problems, out var value) ? value : null;
        return option.Get(problems);
    }

    /// <summary>Reads a raw option through a parser: false, with the default, when it is absent or wrong (reported then).</summary>
    internal static bool TryRead<T>(this IOptionValue option, OptionParser<T> parser, Problems problems, out T value)
    {
        value = parser.Default;
        if (!option.HasValue()) return false;
        var report = new ValueProblems("--" + option.LongName, problems);
        var read = parser.Read(option.Values(), report);
        if (report.Any) return false;
        value = read;
        return true;
    }

    private static string WithDefault(string description, string? defaultText) =>
        defaultText is null ? description : $"{description} (default {defaultText})";

    private sealed class TypedOption<T>(IOptionValue raw, OptionParser<T> parser) : IOption<T>
    {
        public string LongName => raw.LongName;
        public bool HasValue() => raw.HasValue();
        public string? Value() => raw.Value();
        public IReadOnlyList<string?> Values() => raw.Values();
        public T Default => parser.Default;

        public T Get(Problems problems)
        {
            raw.TryRead(parser, problems, out var value);
            return value;
        }

        public bool TryGet(Problems problems, out T value) => raw.TryRead(parser, problems, out value);
    }

    /// <summary>One option under its shown name and its hidden ones: the first given of the shown name, then each alias.</summary>
    private sealed class AliasedValue(IOptionValue shown, IReadOnlyList<IOptionValue> aliases) : IOptionValue
    {
        private IOptionValue Given => shown.HasValue() ? shown : aliases.FirstOrDefault(a => a.HasValue()) ?? shown;

        public string LongName => Given.LongName;
        public bool HasValue() => Given.HasValue();
        public string? Value() => Given.Value();
        public IReadOnlyList<string?> Values() => Given.Values();
    }

    private sealed class TypedArgument<T>(IArgumentValue raw, ValueParser<T> parser, bool required, string description) : IArgument<T>
    {
        public string Name => raw.Name;
        public IReadOnlyList<string?> Values => raw.Values;
        public string? Value => raw.Value;
        public bool IsRequired => required;
        public T Default => parser.Default;

        public T Get(Problems problems)
        {
            if (raw.Value is not { } text)
            {
                if (required) problems.Usage($"the argument <{Name}> is required: {Lowercase(description.TrimEnd('.'))}");
                return parser.Default;
            }
            var report = new ValueProblems(Name, problems);
            var value = parser.Read([text], report);
            return report.Any ? parser.Default : value;
        }

        // "The name of the backup" reads "the name of the backup" after a colon; "ConfigMap …" keeps its capital.
        private static string Lowercase(string text) =>
            text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }
}

/// <summary>
/// A typed option once the command line is parsed
/// (<see cref="TypedOptions.Option{T}(ICommandDeclaration, string, string, OptionParser{T}, ValueCompletion?)"/>). It is also its raw value
/// (<see cref="IOptionValue"/>), so <c>HasValue()</c> tells whether the user gave it and
/// <see cref="OptionValues.KubernetesOnly"/> applies.
/// </summary>
public interface IOption<T> : IOptionValue
{
    /// <summary>What <see cref="Get"/> reads when the option is absent or wrong: the default the help shows.</summary>
    T Default { get; }

    /// <summary>
    /// The value given, or <see cref="Default"/> when it is absent; a wrong value is added to
    /// <paramref name="problems"/> (a usage problem, exit 2) and <see cref="Default"/> is returned, so the command
    /// goes on to find its other problems.
    /// </summary>
    T Get(Problems problems);
}

/// <summary>A typed positional argument once the command line is parsed (<see cref="TypedOptions.Argument{T}"/>).</summary>
public interface IArgument<T> : IArgumentValue
{
    /// <summary>True when it was declared required: <see cref="Get"/> reports it missing.</summary>
    bool IsRequired { get; }

    /// <summary>What <see cref="Get"/> reads when the argument is absent or wrong.</summary>
    T Default { get; }

    /// <summary>
    /// The value given, or <see cref="Default"/>: a missing required argument (<c>the argument &lt;name&gt; is
    /// required: …</c>) or a wrong value (<c>invalid value "X" for name: …</c>) is added to <paramref name="problems"/>
    /// as a usage problem (exit 2).
    /// </summary>
    T Get(Problems problems);
}
