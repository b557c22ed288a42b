using Registry.Gateway.Http;

namespace Registry.UnitTests.Gateway;

public sealed class ContentRangeTests
{
    [Theory]
    [InlineData("0-0", 0, 0)]
    [InlineData("0-1023", 0, 1023)]
    [InlineData("1024-2047", 1024, 2047)]
    [InlineData(" 5-9 ", 5, 9)]
    [InlineData("bytes 0-99/100", 0, 99)]
    [InlineData("bytes 100-199/*", 100, 199)]
    public void TryParse_ValidRange_ReturnsBounds(string header, long start, long end)
    {
        Assert.True(ContentRange.TryParse(header, out var range));
        Assert.Equal(start, range.Start);
        Assert.Equal(end, range.End);
        Assert.Equal(end - start + 1, range.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("5")]
    [InlineData("-5")]
    [InlineData("5-")]
    [InlineData("9-5")]
    [InlineData("a-b")]
    [InlineData("1-2-3")]
    [InlineData("+1-2")]
    [InlineData("0x10-0x20")]
    [InlineData("99999999999999999999-1")]
    [InlineData("bytes */100")]
    public void TryParse_MalformedRange_ReturnsFalse(string? header)
    {
        Assert.False(ContentRange.TryParse(header, out _));
    }
}
