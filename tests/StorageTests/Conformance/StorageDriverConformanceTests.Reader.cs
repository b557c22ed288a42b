using Registry.Storage.Drivers;

namespace Registry.StorageTests.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(500)]
    [InlineData(999)]
    [InlineData(1000)]
    public async Task Reader_AtOffset_ReturnsBytesFromOffset(int offset)
    {
        var content = Bytes(1000, seed: 3);
        await Driver.PutContentAsync("/reader/file", content);

        await using var stream = await Driver.ReaderAsync("/reader/file", offset);

        Assert.Equal(content[offset..], await ReadToEndAsync(stream));
    }

    [SkippableFact]
    public async Task Reader_LargeFileAtMiddle_ReturnsRemainingBytes()
    {
        var content = Bytes(4 * MiB + 3, seed: 4);
        await Driver.PutContentAsync("/reader/large", content);

        await using var stream = await Driver.ReaderAsync("/reader/large", 2 * MiB + 1);

        Assert.Equal(content[(2 * MiB + 1)..], await ReadToEndAsync(stream));
    }

    [SkippableFact]
    public async Task Reader_PastEnd_ThrowsInvalidOffset()
    {
        await Driver.PutContentAsync("/reader/file", Bytes(1000, seed: 3));

        var exception = await Assert.ThrowsAsync<InvalidOffsetException>(() => Driver.ReaderAsync("/reader/file", 1001));

        Assert.Equal(1001, exception.Offset);
        Assert.Equal("/reader/file", exception.Path);
        Assert.Equal(Driver.Name, exception.DriverName);
    }

    [SkippableFact]
    public async Task Reader_NegativeOffset_ThrowsArgumentOutOfRange()
    {
        await Driver.PutContentAsync("/reader/file", Bytes(10, seed: 3));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Driver.ReaderAsync("/reader/file", -1));
    }
}
