using System.Globalization;

namespace Skupper.Cli.Sdk;

/// <summary>
/// Typed reading of option values, as the Go CLI (cobra/pflag) accepts them, with one wording for
/// every plugin: <c>invalid value "X" for --name: what would be right</c>. A bad value becomes a usage
/// problem (exit 2) and the fallback is returned, so that every problem of an invocation is found.
/// </summary>
public static class OptionValues
{
    /// <summary>
    /// A Go duration (<c>90s</c>, <c>2m</c>, <c>1h30m</c>) greater than zero and at least
    /// <paramref name="minimum"/> when one is given, or <paramref name="fallback"/> when the option is absent.
    /// </summary>
    public static TimeSpan Duration(this IOptionValue option, TimeSpan fallback, Problems problems, TimeSpan? minimum = null)
    {
        if (!option.HasValue()) return fallback;
        var value = option.Value();
        if (!GoDuration.TryParse(value, out var duration, out var error))
        {
            problems.Usage(Invalid(option, value, error));
            return fallback;
        }
        if (minimum is { } min && min > TimeSpan.Zero)
        {
            if (duration < min)
            {
                problems.Usage(Invalid(option, value, $"it must be at least {GoDuration.Format(min)}"));
                return fallback;
            }
        }
        else if (duration <= TimeSpan.Zero)
        {
            problems.Usage(Invalid(option, value, "it must be greater than zero, such as 60s or 5m"));
            return fallback;
        }
        return duration;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or <paramref name="fallback"/> when the option is absent.</summary>
    public static int Integer(this IOptionValue option, int fallback, Problems problems, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!option.HasValue()) return fallback;
        var value = option.Value();
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            problems.Usage(Invalid(option, value, "it must be a whole number"));
            return fallback;
        }
        if (number < min || number > max)
        {
            problems.Usage(Invalid(option, value, max == int.MaxValue ? $"it must be at least {min}" : $"it must be from {min} to {max}"));
            return fallback;
        }
        return number;
    }

    /// <summary>A positional argument that must be a whole number from <paramref name="min"/> to <paramref name="max"/> (a port); null when absent or wrong.</summary>
    public static int? Integer(this IArgumentValue argument, Problems problems, int min, int max)
    {
        if (argument.Value is not { } value) return null;
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            problems.Usage($"invalid value \"{Printable.Escape(value)}\" for {argument.Name}: it must be a whole number");
        else if (number < min || number > max)
            problems.Usage($"invalid value \"{Printable.Escape(value)}\" for {argument.Name}: it must be from {min} to {max}");
        else return number;
        return null;
    }

    /// <summary>
    /// A boolean switch that may carry a value (<c>--enable-ha</c>, <c>--enable-ha=false</c>): null when
    /// absent, true when given bare, else the value as Go's strconv.ParseBool reads it.
    /// </summary>
    public static bool? Boolean(this IOptionValue option, Problems problems)
    {
        if (!option.HasValue()) return null;
        var value = option.Value();
        switch (value)
        {
            case null: return true;
            case "true" or "True" or "TRUE" or "t" or "T" or "1": return true;
            case "false" or "False" or "FALSE" or "f" or "F" or "0": return false;
            default:
                problems.Usage(Invalid(option, value, "use true or false"));
                return null;
        }
    }

    /// <summary>The value if it is one of <paramref name="choices"/>, else null (absent or wrong).</summary>
    public static string? Choice(this IOptionValue option, IReadOnlyList<string> choices, Problems problems)
    {
        if (!option.HasValue()) return null;
        var value = option.Value() ?? "";
        if (choices.Contains(value, StringComparer.Ordinal)) return value;
        problems.Usage(Invalid(option, value, $"choose {Or(choices)}"));
        return null;
    }

    /// <summary>A Kubernetes object name (a DNS subdomain), or null (absent or wrong).</summary>
    public static string? KubernetesName(this IOptionValue option, Problems problems)
    {
        if (!option.HasValue()) return null;
        var value = option.Value() ?? "";
        if (KubernetesNames.CheckSubdomain(value) is not { } rule) return value;
        problems.Usage(Invalid(option, value, rule));
        return null;
    }

    /// <summary>Refuses an option that only works on Kubernetes when another platform is selected.</summary>
    public static void KubernetesOnly(this IOptionValue option, Platform platform, Problems problems)
    {
        if (option.HasValue() && platform != Platform.Kubernetes)
            problems.Usage($"--{option.LongName} is supported on Kubernetes only, not on platform \"{platform.Name()}\"");
    }

    /// <summary>"a, b or c".</summary>
    public static string Or(IReadOnlyList<string> words) =>
        words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];

    private static string Invalid(IOptionValue option, string? value, string rule) =>
        $"invalid value \"{Printable.Escape(value ?? "")}\" for --{option.LongName}: {rule}";
}
