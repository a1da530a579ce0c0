using Shouldly;
using Xunit;

namespace Skupper.Cli.Sdk.Tests;

public class GoDurationTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("15m", 900_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("24h", 86_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("1m30.5s", 90_500)]
    [InlineData("0", 0)]
    [InlineData("-5s", -5_000)]
    public void Parses_go_durations(string text, long milliseconds) =>
        GoDuration.Parse(text).TotalMilliseconds.ShouldBe(milliseconds);

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("m")]
    [InlineData("15 m")]
    [InlineData("15d")]
    [InlineData("1h-3m")]
    [InlineData("abc")]
    public void Rejects_what_go_rejects(string text)
    {
        GoDuration.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldContain($"\"{text}\"");
    }

    [Fact]
    public void Unknown_unit_is_named() =>
        Should.Throw<FormatException>(() => GoDuration.Parse("15d")).Message.ShouldContain("unknown unit \"d\"");

    [Theory]
    [InlineData(900_000, "15m0s")]
    [InlineData(5_400_000, "1h30m0s")]
    [InlineData(86_400_000, "24h0m0s")]
    [InlineData(500, "500ms")]
    [InlineData(90_500, "1m30.5s")]
    [InlineData(0, "0s")]
    [InlineData(60_000, "1m0s")]
    public void Formats_as_go_does(long milliseconds, string expected) =>
        GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(expected);

    [Theory]
    [InlineData("15m")]
    [InlineData("1h30m")]
    [InlineData("500ms")]
    [InlineData("2h45m10s")]
    public void Round_trips(string text) =>
        GoDuration.Parse(GoDuration.Format(GoDuration.Parse(text))).ShouldBe(GoDuration.Parse(text));

    [Theory]
    [InlineData("15m", "15 minutes")]
    [InlineData("24h", "24 hours")]
    [InlineData("1h", "1 hour")]
    [InlineData("1h30m", "1 hour 30 minutes")]
    [InlineData("1m1s", "1 minute 1 second")]
    [InlineData("500ms", "500 milliseconds")]
    public void Humanizes_for_messages(string text, string expected) =>
        GoDuration.Humanize(GoDuration.Parse(text)).ShouldBe(expected);

    [Theory]
    [InlineData(1, "1 use")]
    [InlineData(3, "3 uses")]
    [InlineData(0, "0 uses")]
    public void Pluralises(long count, string expected) => GoDuration.Plural(count, "use").ShouldBe(expected);
}
