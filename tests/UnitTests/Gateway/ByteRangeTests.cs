using Registry.Gateway.Http;

namespace Registry.UnitTests.Gateway;

public sealed class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-9", 100, 0, 9)]
    [InlineData("bytes=10-", 100, 10, 99)]
    [InlineData("bytes=90-200", 100, 90, 99)]
    [InlineData("bytes=-10", 100, 90, 99)]
    [InlineData("bytes=-1000", 100, 0, 99)]
    [InlineData("bytes=99-99", 100, 99, 99)]
    public void TryParse_SatisfiableRange_ResolvesAgainstSize(string header, long size, long start, long end)
    {
        Assert.Equal(ByteRange.ParseResult.Satisfiable, ByteRange.TryParse(header, size, out var range));
        Assert.Equal(start, range.Start);
        Assert.Equal(end, range.End);
    }

    [Theory]
    [InlineData("bytes=100-", 100)]
    [InlineData("bytes=150-160", 100)]
    [InlineData("bytes=-0", 100)]
    [InlineData("bytes=0-", 0)]
    [InlineData("bytes=-5", 0)]
    public void TryParse_UnsatisfiableRange_ReportsIt(string header, long size)
    {
        Assert.Equal(ByteRange.ParseResult.Unsatisfiable, ByteRange.TryParse(header, size, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("items=0-9")]
    [InlineData("bytes=0-9,20-29")]
    [InlineData("bytes=9-0")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=5")]
    public void TryParse_UnusableHeader_ServesWholeBlob(string? header)
    {
        Assert.Equal(ByteRange.ParseResult.None, ByteRange.TryParse(header, 100, out _));
    }
}
