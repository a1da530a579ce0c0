using Skupper.Cli.Sdk;

namespace Skupper.Plugins.Link;

/// <summary>Reading flag values as the Go CLI accepts them; each problem is collected, not thrown.</summary>
internal static class Inputs
{
    /// <summary>The value if it is one of <paramref name="choices"/>; else a problem listing them.</summary>
    public static string? Choice(IOptionValue option, IReadOnlyList<string> choices, List<string> problems)
    {
        if (!option.HasValue()) return null;
        var value = option.Value() ?? "";
        if (choices.Contains(value, StringComparer.Ordinal)) return value;
        problems.Add($"invalid value \"{value}\" for --{option.LongName}: choose {string.Join(" or ", choices)}");
        return null;
    }

    /// <summary><c>--wait</c>, <c>--wait=false</c>: null when not given.</summary>
    public static bool? Boolean(IOptionValue option, List<string> problems)
    {
        if (!option.HasValue()) return null;
        var value = option.Value();
        if (value is null) return true;
        if (TryBoolean(value, out var result)) return result;
        problems.Add($"invalid value \"{value}\" for --{option.LongName}: use true or false");
        return null;
    }

    public static bool TryBoolean(string value, out bool result)
    {
        switch (value)
        {
            case "true" or "True" or "TRUE" or "t" or "T" or "1": result = true; return true;
            case "false" or "False" or "FALSE" or "f" or "F" or "0": result = false; return true;
            default: result = false; return false;
        }
    }

    /// <summary>A positive Go duration (<c>90s</c>, <c>2m</c>); null when not given.</summary>
    public static TimeSpan? Duration(IOptionValue option, List<string> problems)
    {
        if (!option.HasValue()) return null;
        var value = option.Value();
        if (!GoDuration.TryParse(value, out var duration, out var error))
            problems.Add($"invalid value \"{value}\" for --{option.LongName}: {error}");
        else if (duration <= TimeSpan.Zero)
            problems.Add($"invalid value \"{value}\" for --{option.LongName}: it must be greater than zero, such as 60s or 5m");
        else return duration;
        return null;
    }
}
