using System.Diagnostics.CodeAnalysis;

namespace Skupper.Cli.Sdk;

/// <summary>
/// How the text of a typed option becomes a <typeparamref name="T"/>: its rule, its default (declared once: the help
/// shows <see cref="DefaultText"/> and <see cref="IOption{T}.Get"/> returns <see cref="Default"/>), how many values it
/// takes and what a tab press offers. <see cref="Parsers"/> makes the usual ones; derive from
/// <see cref="ValueParser{T}"/> for a rule of your own.
/// </summary>
public abstract class OptionParser<T>
{
    /// <param name="defaultValue">What the command reads when the option is absent or its value is wrong.</param>
    protected OptionParser(T defaultValue) => Default = defaultValue;

    /// <summary>What the command reads when the option is absent or its value is wrong.</summary>
    public T Default { get; }

    /// <summary>
    /// The default as the help shows it, <c>90s</c> in <c>(default 90s)</c>; null shows none. As cobra's flags do,
    /// a zero value (false, 0, empty) is not shown.
    /// </summary>
    public virtual string? DefaultText => null;

    /// <summary>How the option takes its values on the command line.</summary>
    public virtual OptionArity Arity => OptionArity.Single;

    /// <summary>What a tab press offers for the value, when the option's declaration does not say.</summary>
    public virtual ValueCompletion? Values => null;

    /// <summary>
    /// Reads the values given (at least one, in order; null for a bare switch) and reports each wrong one to
    /// <paramref name="problems"/>. The result is used only when nothing was reported; otherwise the command reads
    /// <see cref="Default"/>.
    /// </summary>
    public abstract T Read(IReadOnlyList<string?> given, ValueProblems problems);
}

/// <summary>
/// A parser of one value: a single option (<c>--timeout 90s</c>), an argument, or each item of a slice
/// (<see cref="Parsers.Slice{T}"/>). Only <see cref="TryParse"/> is left to write.
/// </summary>
public abstract class ValueParser<T>(T defaultValue) : OptionParser<T>(defaultValue)
{
    /// <summary>
    /// The value <paramref name="text"/> stands for, or false and the rule it breaks, worded to follow
    /// <c>invalid value "X" for --name: </c> (<c>it must be at least 10s</c>). <paramref name="text"/> is null
    /// only for a bare switch (<see cref="OptionArity.SingleOrNone"/>).
    /// </summary>
    public abstract bool TryParse(string? text, [MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out string? rule);

    /// <summary>The last value given (the host refuses a repeat of a single option, so it is the only one).</summary>
    public override T Read(IReadOnlyList<string?> given, ValueProblems problems)
    {
        var text = given[^1];
        if (TryParse(text, out var value, out var rule)) return value;
        problems.Invalid(text, rule);
        return Default;
    }
}

/// <summary>
/// Where a parser reports the wrong values of one option or argument, in the one wording every plugin shares:
/// <c>invalid value "X" for --name: what would be right</c>. Each report is a usage problem (exit 2).
/// </summary>
public sealed class ValueProblems
{
    private readonly Problems _problems;

    /// <param name="name">How messages name the option or argument: <c>--timeout</c>, or an argument's name.</param>
    /// <param name="problems">Where the invocation's problems are gathered.</param>
    public ValueProblems(string name, Problems problems)
    {
        Name = name;
        _problems = problems;
    }

    /// <summary>How messages name the option or argument: <c>--timeout</c>, or an argument's name.</summary>
    public string Name { get; }

    /// <summary>True once something was reported.</summary>
    public bool Any { get; private set; }

    /// <summary>One wrong value: <c>invalid value "X" for --name: {rule}</c>.</summary>
    public void Invalid(string? value, string rule) =>
        Add($"invalid value \"{Printable.Escape(value ?? "")}\" for {Name}: {rule}");

    /// <summary>A rule the values break together (a total size): <c>invalid values for --name: {rule}</c>.</summary>
    public void InvalidTogether(string rule) => Add($"invalid values for {Name}: {rule}");

    private void Add(string message)
    {
        Any = true;
        _problems.Usage(message);
    }
}
