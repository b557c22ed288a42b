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
}
