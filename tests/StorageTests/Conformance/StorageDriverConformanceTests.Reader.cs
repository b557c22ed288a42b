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

    /// <summary>Size of the file that the part-boundary reads use: one whole part, then a smaller second one.</summary>
    private const int TwoPartFileSize = PartSize + MiB + 3;

    public static TheoryData<int> TwoPartFileOffsets => new()
    {
        0,
        1,
        PartSize - 1,
        PartSize,
        PartSize + 1,
        TwoPartFileSize / 2,
        TwoPartFileSize - 1,
        TwoPartFileSize,
    };

    [SkippableTheory]
    [MemberData(nameof(TwoPartFileOffsets))]
    public async Task Reader_TwoPartFileAtOffset_ReturnsBytesFromOffset(int offset)
    {
        var pattern = await WriteTwoPartFileAsync("/reader/parts");

        await using var stream = await CreateDriver().ReaderAsync("/reader/parts", offset);

        var read = await ReadToEndAsync(stream);
        Assert.Equal(TwoPartFileSize - offset, read.Length);
        Assert.Equal(pattern.ToArray(offset, TwoPartFileSize - offset), read);
    }

    [SkippableFact]
    public async Task Reader_TwoPartFilePastEnd_ThrowsInvalidOffset()
    {
        await WriteTwoPartFileAsync("/reader/parts");

        var exception = await Assert.ThrowsAsync<InvalidOffsetException>(() => CreateDriver().ReaderAsync("/reader/parts", TwoPartFileSize + 1));

        Assert.Equal(TwoPartFileSize + 1, exception.Offset);
        Assert.Equal("/reader/parts", exception.Path);
    }

    [SkippableFact]
    public async Task Reader_DisposedBeforeEnd_LeavesFileReadable()
    {
        var pattern = await WriteTwoPartFileAsync("/reader/parts");

        // A client that disconnects stops reading in the middle of a part.
        await using (var stream = await Driver.ReaderAsync("/reader/parts", PartSize - 10))
        {
            var head = new byte[20];
            await stream.ReadExactlyAsync(head);
            Assert.Equal(pattern.ToArray(PartSize - 10, 20), head);
        }

        await AssertPatternContentAsync(CreateDriver(), "/reader/parts", pattern, TwoPartFileSize);
    }

    /// <summary>
    /// Writes a file of <see cref="TwoPartFileSize"/> bytes as one writer of a whole part and a second
    /// writer on another instance, so object stores hold it in two parts or segments.
    /// </summary>
    private async Task<ContentPattern> WriteTwoPartFileAsync(string path)
    {
        Require(StoreFeature.ResumableMultipartUpload);
        RequireMultipartWrite(TwoPartFileSize);
        var pattern = new ContentPattern(seed: 200);
        await using (var writer = await Driver.WriterAsync(path, 0))
        {
            await WritePatternAsync(writer, pattern, PartSize, chunkSize: MiB);
            await writer.CommitAsync();
        }

        await using (var writer = await CreateDriver().WriterAsync(path, PartSize))
        {
            await WritePatternAsync(writer, pattern, TwoPartFileSize - PartSize, chunkSize: MiB);
            await writer.CommitAsync();
        }

        return pattern;
    }
}
