using System.Globalization;

namespace Skupper.Cli.Sdk;

/// <summary>
/// An option given as often as the user likes, each value one item checked by <paramref name="item"/>: pflag's
/// StringArray (<c>--x a --x b,c</c> gives <c>a</c> and <c>b,c</c>), or its StringSlice when
/// <paramref name="commaSeparated"/> (<c>--x a,b --x c</c> gives <c>a</c>, <c>b</c>, <c>c</c>; spf13/pflag
/// string_slice.go). What is given replaces the default, as in pflag.
/// </summary>
internal sealed class ListParser<T>(ValueParser<T> item, IReadOnlyList<T> defaultValue, bool commaSeparated)
    : OptionParser<IReadOnlyList<T>>(defaultValue)
{
    public override OptionArity Arity => OptionArity.Multiple;

    public override ValueCompletion? Values => item.Values;

    // pflag writes a slice's default as one CSV record in brackets and shows none for an empty one.
    public override string? DefaultText => Default.Count == 0 ? null : "[" + CommaSeparated.Write(Default.Select(Text)) + "]";

    public override IReadOnlyList<T> Read(IReadOnlyList<string?> given, ValueProblems problems)
    {
        var result = new List<T>();
        foreach (var text in given)
        {
            List<string> items = [text ?? ""];
            if (commaSeparated && !CommaSeparated.TryRead(text ?? "", out items!, out var error))
            {
                problems.Invalid(text, $"it is not a comma-separated list: {error}");
                continue;
            }
            foreach (var one in items)
            {
                if (item.TryParse(one, out var value, out var rule)) result.Add(value);
                else problems.Invalid(one, rule);
            }
        }
        return result;
    }

    private static string Text(T value) => value switch
    {
        TimeSpan d => GoDuration.Format(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
