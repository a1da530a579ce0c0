using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Site.Options;

/// <summary>Reading flag values the way the Go CLI (cobra/pflag) accepts them.</summary>
internal static class OptionValues
{
    /// <summary>
    /// A boolean flag that may carry a value (<c>--enable-ha</c>, <c>--enable-ha=false</c>): null when
    /// not given, true when given bare, else the parsed value; an unparsable value is a problem.
    /// </summary>
    public static bool? Boolean(IOptionValue option, Problems problems)
    {
        if (!option.HasValue()) return null;
        var value = option.Value();
        if (value is null) return true;
        switch (value)
        {
            case "true" or "True" or "TRUE" or "t" or "T" or "1": return true;
            case "false" or "False" or "FALSE" or "f" or "F" or "0": return false;
            default:
                problems.Usage($"invalid value \"{value}\" for --{option.LongName}: use true or false");
                return null;
        }
    }

    /// <summary>The value if it is one of <paramref name="choices"/>; else a problem listing them.</summary>
    public static string? Choice(IOptionValue option, IReadOnlyList<string> choices, Problems problems)
    {
        if (!option.HasValue()) return null;
        var value = option.Value() ?? "";
        if (choices.Contains(value, StringComparer.Ordinal)) return value;
        problems.Usage($"invalid value \"{value}\" for --{option.LongName}: choose {Or(choices)}");
        return null;
    }

    /// <summary>A positive Go duration (<c>90s</c>, <c>2m</c>), or <paramref name="fallback"/> when not given.</summary>
    public static TimeSpan Duration(IOptionValue option, TimeSpan fallback, Problems problems)
    {
        if (!option.HasValue()) return fallback;
        var value = option.Value();
        if (!GoDuration.TryParse(value, out var duration, out var error))
        {
            problems.Usage($"invalid value \"{value}\" for --{option.LongName}: {error}");
            return fallback;
        }
        if (duration <= TimeSpan.Zero)
        {
            problems.Usage($"invalid value \"{value}\" for --{option.LongName}: it must be greater than zero, such as 60s or 5m");
            return fallback;
        }
        return duration;
    }

    /// <summary>"a, b or c".</summary>
    public static string Or(IReadOnlyList<string> words) =>
        words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];

    /// <summary>Refuses an option that only works on Kubernetes when another platform is selected.</summary>
    public static void KubernetesOnly(IOptionValue option, Platform platform, Problems problems)
    {
        if (option.HasValue() && platform != Platform.Kubernetes)
            problems.Usage($"--{option.LongName} is supported on Kubernetes only, not on platform \"{platform.Name()}\"");
    }
}
