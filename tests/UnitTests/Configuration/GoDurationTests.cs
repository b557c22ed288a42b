using Registry.Silo.Configuration;

namespace Registry.UnitTests.Configuration;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("0s", 0L)]
    [InlineData("500ms", 500_000_000L)]
    [InlineData("10s", 10_000_000_000L)]
    [InlineData("1h30m", 5_400_000_000_000L)]
    [InlineData("24h", 86_400_000_000_000L)]
    [InlineData("168h", 604_800_000_000_000L)]
    [InlineData("2h10m", 7_800_000_000_000L)]
    [InlineData("1.5h", 5_400_000_000_000L)]
    [InlineData(".5s", 500_000_000L)]
    [InlineData("1.s", 1_000_000_000L)]
    [InlineData("-2m", -120_000_000_000L)]
    [InlineData("+5s", 5_000_000_000L)]
    [InlineData("1h2m3s4ms5us6ns", 3_723_004_005_006L)]
    [InlineData("3000s", 3_000_000_000_000L)]
    [InlineData("100ns", 100L)]
    [InlineData("1us", 1_000L)]
    [InlineData("1\u00b5s", 1_000L)]
    [InlineData("1\u03bcs", 1_000L)]
    [InlineData("0.000000001s", 1L)]
    [InlineData("9223372036854775807ns", long.MaxValue)]
    [InlineData("2562047h", 9_223_369_200_000_000_000L)]
    public void TryParseNanoseconds_ValidDuration_ReturnsGoValue(string text, long expected)
    {
        Assert.True(GoDuration.TryParseNanoseconds(text, out var nanoseconds));
        Assert.Equal(expected, nanoseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData(".")]
    [InlineData(".s")]
    [InlineData("1..5s")]
    [InlineData("1.2.3s")]
    [InlineData("1x")]
    [InlineData("1 s")]
    [InlineData(" 1s")]
    [InlineData("1s ")]
    [InlineData("1S")]
    [InlineData("1e3s")]
    [InlineData("1h-5m")]
    [InlineData("--1s")]
    [InlineData("tomorrow")]
    [InlineData("9223372036854775808ns")]
    [InlineData("2562048h")]
    [InlineData("99999999999999999999999999999999h")]
    public void TryParse_InvalidDuration_ReturnsFalse(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData("150ns", 1L)]
    [InlineData("99ns", 0L)]
    [InlineData("-150ns", -1L)]
    [InlineData("1ms", 10_000L)]
    public void TryParse_SubTickRemainder_TruncatesTowardZero(string text, long expectedTicks)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(expectedTicks, duration.Ticks);
    }

    [Fact]
    public void Parse_InvalidDuration_ThrowsFormatExceptionNamingText()
    {
        var exception = Assert.Throws<FormatException>(() => GoDuration.Parse("tomorrow"));
        Assert.Contains("'tomorrow'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidDuration_ReturnsTimeSpan()
    {
        Assert.Equal(TimeSpan.FromMinutes(90), GoDuration.Parse("1h30m"));
    }
}
