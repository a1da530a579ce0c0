using System.Globalization;
using System.Text;

namespace Skupper.Cli.Sdk;

/// <summary>
/// Durations as Go writes them (<c>90s</c>, <c>15m</c>, <c>1h30m</c>, <c>500ms</c>), because the
/// Skupper CLI and the Skupper controller both speak Go durations and users will paste them.
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("ns", 0), // below one tick (100 ns); handled as a fraction of a tick
        ("us", TimeSpan.TicksPerMicrosecond),
        ("µs", TimeSpan.TicksPerMicrosecond),
        ("μs", TimeSpan.TicksPerMicrosecond),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Parses a Go duration; throws <see cref="FormatException"/> with a message naming the value.</summary>
    public static TimeSpan Parse(string value)
    {
        if (TryParse(value, out var result, out var error)) return result;
        throw new FormatException(error);
    }

    public static bool TryParse(string? value, out TimeSpan result) => TryParse(value, out result, out _);

    public static bool TryParse(string? value, out TimeSpan result, out string error)
    {
        result = TimeSpan.Zero;
        error = $"invalid duration \"{value}\": use a number and a unit, such as 90s, 15m, 1h30m or 500ms";
        if (string.IsNullOrWhiteSpace(value)) return false;
        var s = value.AsSpan();
        var negative = false;
        if (s[0] is '-' or '+') { negative = s[0] == '-'; s = s[1..]; }
        if (s is "0") return true;
        if (s.IsEmpty) return false;

        decimal totalTicks = 0;
        while (!s.IsEmpty)
        {
            var i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == 0 || !decimal.TryParse(s[..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            s = s[i..];
            var j = 0;
            while (j < s.Length && !char.IsAsciiDigit(s[j]) && s[j] != '.') j++;
            if (j == 0) { error = $"invalid duration \"{value}\": missing unit (ns, us, ms, s, m, h)"; return false; }
            var unit = s[..j].ToString();
            s = s[j..];
            var match = Array.FindIndex(Units, u => u.Unit == unit);
            if (match < 0) { error = $"invalid duration \"{value}\": unknown unit \"{unit}\" (use ns, us, ms, s, m or h)"; return false; }
            totalTicks += match == 0 ? number / 100m : number * Units[match].Ticks;
            if (totalTicks > TimeSpan.MaxValue.Ticks) { error = $"invalid duration \"{value}\": too large"; return false; }
        }
        var ticks = (long)decimal.Round(totalTicks);
        result = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    /// <summary>Formats as Go's <c>time.Duration.String()</c> does: <c>1h30m0s</c>, <c>15m0s</c>, <c>500ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero) return "0s";
        var sb = new StringBuilder();
        if (duration < TimeSpan.Zero) { sb.Append('-'); duration = duration.Negate(); }
        if (duration < TimeSpan.FromSeconds(1))
        {
            if (duration.Ticks % TimeSpan.TicksPerMillisecond == 0)
                return sb.Append(duration.Ticks / TimeSpan.TicksPerMillisecond).Append("ms").ToString();
            if (duration.Ticks % TimeSpan.TicksPerMicrosecond == 0)
                return sb.Append(duration.Ticks / TimeSpan.TicksPerMicrosecond).Append("µs").ToString();
            return sb.Append(duration.Ticks * 100).Append("ns").ToString();
        }
        var hours = (long)duration.TotalHours;
        if (hours > 0) sb.Append(hours).Append('h');
        if (hours > 0 || duration.Minutes > 0) sb.Append(duration.Minutes).Append('m');
        var fraction = duration.Ticks % TimeSpan.TicksPerSecond;
        sb.Append(duration.Seconds);
        if (fraction != 0)
            sb.Append('.').Append(fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0'));
        return sb.Append('s').ToString();
    }

    /// <summary>Human form for messages: "15 minutes", "24 hours", "1 hour 30 minutes", "500 milliseconds".</summary>
    public static string Humanize(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) duration = duration.Negate();
        var parts = new List<string>();
        void Add(long n, string unit) { if (n > 0) parts.Add(Plural(n, unit)); }
        Add((long)duration.TotalHours, "hour");
        Add(duration.Minutes, "minute");
        Add(duration.Seconds, "second");
        Add(duration.Milliseconds, "millisecond");
        return parts.Count == 0 ? "0 seconds" : string.Join(" ", parts);
    }

    /// <summary>"1 use", "3 uses": a count and a noun, pluralised with a plain "s".</summary>
    public static string Plural(long count, string noun) =>
        count == 1 ? $"{count} {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";
}
