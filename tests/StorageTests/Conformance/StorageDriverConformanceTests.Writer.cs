using Registry.Storage.Drivers;

namespace Registry.StorageTests.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [SkippableFact]
    public async Task Writer_AtZeroThenCommit_StoresBytes()
    {
        var content = Bytes(3 * MiB + 5, seed: 5);

        await using (var writer = await Driver.WriterAsync("/upload/data", 0))
        {
            Assert.Equal(0, writer.Size);
            await WriteInChunksAsync(writer, content);
            Assert.Equal(content.Length, writer.Size);
            await writer.CommitAsync();
        }

        Assert.Equal(content, await Driver.GetContentAsync("/upload/data"));
        Assert.Equal(content.Length, (await Driver.StatAsync("/upload/data")).Size);
    }

    [SkippableFact]
    public async Task Writer_ContinuesAtCommittedOffset_AppendsBytes()
    {
        var first = Bytes(MiB + 1, seed: 6);
        var second = Bytes(2 * MiB + 7, seed: 7);
        long committedSize;
        await using (var writer = await Driver.WriterAsync("/upload/data", 0))
        {
            await WriteInChunksAsync(writer, first);
            await writer.CommitAsync();
            committedSize = writer.Size;
        }

        await using (var writer = await Driver.WriterAsync("/upload/data", committedSize))
        {
            Assert.Equal(first.Length, writer.Size);
            await WriteInChunksAsync(writer, second);
            Assert.Equal(first.Length + second.Length, writer.Size);
            await writer.CommitAsync();
        }

        Assert.Equal(Concat(first, second), await Driver.GetContentAsync("/upload/data"));
    }

    [SkippableTheory]
    [InlineData(0, 10)]
    [InlineData(40, 10)]
    [InlineData(40, 0)]
    [InlineData(99, 5)]
    [InlineData(100, 0)]
    public async Task Writer_AtOffsetInsideFile_DropsBytesPastOffset(int offset, int appended)
    {
        var original = Bytes(100, seed: 8);
        var added = Bytes(appended, seed: 9);
        await Driver.PutContentAsync("/upload/data", original);

        await using (var writer = await Driver.WriterAsync("/upload/data", offset))
        {
            Assert.Equal(offset, writer.Size);
            await writer.WriteAsync(added);
            await writer.CommitAsync();
        }

        Assert.Equal(Concat(original[..offset], added), await Driver.GetContentAsync("/upload/data"));
    }

    [SkippableFact]
    public async Task Writer_OffsetPastEnd_ThrowsInvalidOffset()
    {
        await Driver.PutContentAsync("/upload/data", Bytes(10, seed: 10));

        var exception = await Assert.ThrowsAsync<InvalidOffsetException>(() => Driver.WriterAsync("/upload/data", 11));

        Assert.Equal(11, exception.Offset);
        Assert.Equal(Bytes(10, seed: 10), await Driver.GetContentAsync("/upload/data"));
    }

    [SkippableFact]
    public async Task Writer_OffsetOnMissingFile_ThrowsInvalidOffset()
    {
        await Assert.ThrowsAsync<InvalidOffsetException>(() => Driver.WriterAsync("/upload/data", 1));

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/upload/data"));
    }

    [SkippableFact]
    public async Task Writer_NegativeOffset_ThrowsArgumentOutOfRange()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Driver.WriterAsync("/upload/data", -1));
    }

    [SkippableFact]
    public async Task Writer_NewFileBeforeCommit_IsNotVisible()
    {
        await Driver.PutContentAsync("/upload/sibling", Bytes(1, seed: 11));
        await using var writer = await Driver.WriterAsync("/upload/data", 0);
        await writer.WriteAsync(Bytes(1000, seed: 12));

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/upload/data"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.ReaderAsync("/upload/data", 0));
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.GetContentAsync("/upload/data"));
        Assert.Equal(["/upload/sibling"], await Driver.ListAsync("/upload"));

        await writer.CommitAsync();

        Assert.Equal(Bytes(1000, seed: 12), await Driver.GetContentAsync("/upload/data"));
    }

    [SkippableFact]
    public async Task Writer_ReplacingFile_KeepsOldUntilCommit()
    {
        await Driver.PutContentAsync("/upload/data", Bytes(50, seed: 13));
        await using var writer = await Driver.WriterAsync("/upload/data", 0);
        await writer.WriteAsync(Bytes(70, seed: 14));

        Assert.Equal(Bytes(50, seed: 13), await Driver.GetContentAsync("/upload/data"));

        await writer.CommitAsync();

        Assert.Equal(Bytes(70, seed: 14), await Driver.GetContentAsync("/upload/data"));
    }

    [SkippableFact]
    public async Task Writer_DisposedWithoutCommit_KeepsWrittenBytes()
    {
        var first = Bytes(1000, seed: 15);
        var second = Bytes(500, seed: 16);
        await using (var writer = await Driver.WriterAsync("/upload/data", 0))
        {
            await writer.WriteAsync(first);
        }

        Assert.Equal(first, await Driver.GetContentAsync("/upload/data"));

        await using (var writer = await Driver.WriterAsync("/upload/data", first.Length))
        {
            await writer.WriteAsync(second);
        }

        Assert.Equal(Concat(first, second), await Driver.GetContentAsync("/upload/data"));
    }

    [SkippableFact]
    public async Task Writer_CancelNewFile_LeavesNoFile()
    {
        await using (var writer = await Driver.WriterAsync("/upload/data", 0))
        {
            await writer.WriteAsync(Bytes(100, seed: 17));
            await writer.CancelAsync();
        }

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/upload/data"));
    }

    [SkippableFact]
    public async Task Writer_CancelContinuedFile_DeletesCommittedBytes()
    {
        await Driver.PutContentAsync("/upload/data", Bytes(100, seed: 18));

        await using (var writer = await Driver.WriterAsync("/upload/data", 100))
        {
            await writer.WriteAsync(Bytes(10, seed: 19));
            await writer.CancelAsync();
        }

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/upload/data"));
    }

    [SkippableFact]
    public async Task Writer_CallsAfterCommit_ThrowInvalidOperation()
    {
        await using var writer = await Driver.WriterAsync("/upload/data", 0);
        await writer.WriteAsync(Bytes(10, seed: 20));
        await writer.CommitAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync(Bytes(1, seed: 21)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CommitAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CancelAsync());
        Assert.Equal(Bytes(10, seed: 20), await Driver.GetContentAsync("/upload/data"));
    }

    [SkippableFact]
    public async Task Writer_AppendsFromThreeInstances_StoresConcatenation()
    {
        Require(StoreFeature.ResumableMultipartUpload);
        RequireMultipartWrite(12 * MiB);
        const string path = "/upload/data";
        var pattern = new ContentPattern(seed: 300);
        IStorageDriver[] instances = [Driver, CreateDriver(), CreateDriver()];

        // Appends of more and less than a part, the larger ones also as a single write of many parts.
        (int Length, int ChunkSize)[] appends =
        [
            (12 * MiB, 64 * KiB),
            (7 * MiB, 7 * MiB),
            (3 * KiB, 3 * KiB),
            (16 * KiB, 16 * KiB),
            (16 * KiB, 16 * KiB),
            (16 * KiB, 16 * KiB),
            (16 * KiB, 4 * KiB),
            (PartSize + 1, PartSize + 1),
        ];
        long size = 0;
        for (var i = 0; i < appends.Length; i++)
        {
            await using (var writer = await instances[i % instances.Length].WriterAsync(path, size))
            {
                Assert.Equal(size, writer.Size);
                await WritePatternAsync(writer, pattern, appends[i].Length, appends[i].ChunkSize);
                await writer.CommitAsync();
                Assert.Equal(size + appends[i].Length, writer.Size);
                size = writer.Size;
            }

            Assert.Equal(size, (await CreateDriver().StatAsync(path)).Size);
        }

        await AssertPatternContentAsync(CreateDriver(), path, pattern, size);
    }

    public static TheoryData<int, int> DisposedWriterLengths => new()
    {
        { 3 * KiB, 16 * KiB },
        { PartSize + 1, MiB + 3 },
    };

    [SkippableTheory]
    [MemberData(nameof(DisposedWriterLengths))]
    public async Task Writer_DisposedWithoutCommit_ContinuesOnOtherInstance(int firstLength, int secondLength)
    {
        Require(StoreFeature.ResumableMultipartUpload);
        RequireMultipartWrite(firstLength + secondLength);
        const string path = "/upload/data";
        var pattern = new ContentPattern(seed: 301);

        // Each writer is dropped as on a client disconnect. The next replica continues at the size that writer reported.
        long reportedSize;
        await using (var writer = await Driver.WriterAsync(path, 0))
        {
            await WritePatternAsync(writer, pattern, firstLength, chunkSize: 64 * KiB);
            reportedSize = writer.Size;
        }

        Assert.Equal(firstLength, reportedSize);
        await using (var writer = await CreateDriver().WriterAsync(path, reportedSize))
        {
            Assert.Equal(firstLength, writer.Size);
            await WritePatternAsync(writer, pattern, secondLength, chunkSize: 64 * KiB);
            reportedSize = writer.Size;
        }

        Assert.Equal(firstLength + secondLength, reportedSize);
        await using (var writer = await CreateDriver().WriterAsync(path, reportedSize))
        {
            await WritePatternAsync(writer, pattern, 100, chunkSize: 100);
            await writer.CommitAsync();
            reportedSize = writer.Size;
        }

        await AssertPatternContentAsync(CreateDriver(), path, pattern, reportedSize);
    }

    [SkippableFact]
    public async Task Writer_CommitEmptyNewFile_CreatesEmptyFile()
    {
        await using (var writer = await Driver.WriterAsync("/upload/empty", 0))
        {
            await writer.WriteAsync(ReadOnlyMemory<byte>.Empty);
            Assert.Equal(0, writer.Size);
            await writer.CommitAsync();
            Assert.Equal(0, writer.Size);
        }

        var other = CreateDriver();
        var info = await other.StatAsync("/upload/empty");
        Assert.Equal(0, info.Size);
        Assert.False(info.IsDirectory);
        Assert.Empty(await other.GetContentAsync("/upload/empty"));
        Assert.Equal(["/upload/empty"], await other.ListAsync("/upload"));
    }

    [SkippableFact]
    public async Task Writer_CommitWithoutWritesOnContinuedFile_KeepsContent()
    {
        await Driver.PutContentAsync("/upload/data", Bytes(1000, seed: 302));

        await using (var writer = await CreateDriver().WriterAsync("/upload/data", 1000))
        {
            await writer.CommitAsync();
            Assert.Equal(1000, writer.Size);
        }

        Assert.Equal(Bytes(1000, seed: 302), await CreateDriver().GetContentAsync("/upload/data"));
    }

    [SkippableFact]
    public async Task Writer_Size_CountsEveryWrite()
    {
        int[] writes = [0, 1, 16 * KiB, 0, 3, 64 * KiB + 5];
        var pattern = new ContentPattern(seed: 303);

        long expected = 0;
        await using (var writer = await Driver.WriterAsync("/upload/data", 0))
        {
            foreach (var length in writes)
            {
                await writer.WriteAsync(pattern.ToArray(expected, length));
                expected += length;
                Assert.Equal(expected, writer.Size);
            }

            await writer.CommitAsync();
            Assert.Equal(expected, writer.Size);
        }

        await AssertPatternContentAsync(CreateDriver(), "/upload/data", pattern, expected);
    }

    [SkippableFact]
    public async Task Writer_CancelLargeNewFile_LeavesNothing()
    {
        Require(StoreFeature.ResumableMultipartUpload);
        RequireMultipartWrite(PartSize + 1);

        await using (var writer = await Driver.WriterAsync("/upload/data", 0))
        {
            await WritePatternAsync(writer, new ContentPattern(seed: 304), PartSize + 1, chunkSize: MiB);
            await writer.CancelAsync();
        }

        // The teardown fails on any part, segment or temporary object that the cancel left.
        await Assert.ThrowsAsync<PathNotFoundException>(() => CreateDriver().StatAsync("/upload/data"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => CreateDriver().ReaderAsync("/upload/data", 0));
    }

    [SkippableFact]
    public async Task Writer_CancelOnOtherInstance_DeletesWholeFile()
    {
        Require(StoreFeature.ResumableMultipartUpload);
        RequireMultipartWrite(PartSize + 1 + MiB);
        var pattern = new ContentPattern(seed: 305);
        await Driver.PutContentAsync("/upload/sibling", Bytes(10, seed: 306));
        await using (var writer = await Driver.WriterAsync("/upload/data", 0))
        {
            await WritePatternAsync(writer, pattern, PartSize + 1, chunkSize: MiB);
            await writer.CommitAsync();
        }

        await using (var writer = await CreateDriver().WriterAsync("/upload/data", PartSize + 1))
        {
            await WritePatternAsync(writer, pattern, MiB, chunkSize: 64 * KiB);
            await writer.CancelAsync();
        }

        var other = CreateDriver();
        await Assert.ThrowsAsync<PathNotFoundException>(() => other.StatAsync("/upload/data"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => other.GetContentAsync("/upload/data"));
        Assert.Equal(["/upload/sibling"], await other.ListAsync("/upload"));
        Assert.Equal(Bytes(10, seed: 306), await other.GetContentAsync("/upload/sibling"));
    }

    [SkippableFact]
    public async Task Writer_CancelDisposedUpload_LeavesNothing()
    {
        Require(StoreFeature.ResumableMultipartUpload);
        RequireMultipartWrite(PartSize + 1);

        // An upload abandoned by a disconnect and then cancelled from another replica, as a DELETE of the upload does.
        long reportedSize;
        await using (var writer = await Driver.WriterAsync("/upload/data", 0))
        {
            await WritePatternAsync(writer, new ContentPattern(seed: 307), PartSize + 1, chunkSize: MiB);
            reportedSize = writer.Size;
        }

        await using (var writer = await CreateDriver().WriterAsync("/upload/data", reportedSize))
        {
            await writer.CancelAsync();
        }

        await Assert.ThrowsAsync<PathNotFoundException>(() => CreateDriver().StatAsync("/upload/data"));
    }
}
