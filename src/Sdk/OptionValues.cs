namespace Skupper.Cli.Sdk;

/// <summary>
/// Typed reading of option values, as the Go CLI (cobra/pflag) accepts them, with one wording for
/// every plugin: <c>invalid value "X" for --name: what would be right</c>. A bad value becomes a usage
/// problem (exit 2) and the fallback is returned, so that every problem of an invocation is found. The typed options
/// of SDK 2.1 (<see cref="TypedOptions"/>, <see cref="Parsers"/>) apply the same rules and declare the default once.
/// </summary>
public static class OptionValues
{
    /// <summary>
    /// A Go duration (<c>90s</c>, <c>2m</c>, <c>1h30m</c>) greater than zero and at least
    /// <paramref name="minimum"/> when one is given, or <paramref name="fallback"/> when the option is absent.
    /// </summary>
    public static TimeSpan Duration(this IOptionValue option, TimeSpan fallback, Problems problems, TimeSpan? minimum = null)
    {
        option.TryRead(new DurationParser(fallback, minimum, null), problems, out var duration);
        return duration;
    }

    /// <summary>
    /// A whole number from <paramref name="min"/> to <paramref name="max"/>, or <paramref name="fallback"/> when the option is absent.
    /// </summary>
    public static int Integer(this IOptionValue option, int fallback, Problems problems, int min = int.MinValue, int max = int.MaxValue)
    {
        option.TryRead(new IntegerParser(fallback, min, max), problems, out var number);
        return number;
    }

    /// <summary>
    /// A positional argument that must be a whole number from <paramref name="min"/> to <paramref name="max"/> (a port); null when absent
    /// or wrong.
    /// </summary>
    public static int? Integer(this IArgumentValue argument, Problems problems, int min, int max)
    {
        if (argument.Value is not { } value) return null;
        if (new IntegerParser(0, min, max).TryParse(value, out var number, out var rule)) return number;
        new ValueProblems(argument.Name, problems).Invalid(value, rule);
        return null;
    }

    /// <summary>
    /// A boolean switch that may carry a value (<c>--enable-ha</c>, <c>--enable-ha=false</c>): null when
    /// absent, true when given bare, else the value as Go's strconv.ParseBool reads it.
    /// </summary>
    public static bool? Boolean(this IOptionValue option, Problems problems) =>
        option.TryRead(new BooleanParser(false), problems, out var value) ? value : null;

    /// <summary>The value if it is one of <paramref name="choices"/>, else null (absent or wrong).</summary>
    public static string? Choice(this IOptionValue option, IReadOnlyList<string> choices, Problems problems) =>
        option.TryRead(new ChoiceParser(choices, null), problems, out var value) ? value : null;

    /// <summary>A Kubernetes object name (a DNS subdomain), or null (absent or wrong).</summary>
    public static string? KubernetesName(this IOptionValue option, Problems problems) =>
        option.TryRead(new KubernetesNameParser(null, null), problems, out var value) ? value : null;

    /// <summary>Refuses an option that only works on Kubernetes when another platform is selected.</summary>
    public static void KubernetesOnly(this IOptionValue option, Platform platform, Problems problems)
    {
        if (option.HasValue() && platform != Platform.Kubernetes)
            problems.Usage($"--{option.LongName} is supported on Kubernetes only, not on platform \"{platform.Name()}\"");
    }

    /// <summary>"a, b or c".</summary>
    public static string Or(IReadOnlyList<string> words) =>
        words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];
}
