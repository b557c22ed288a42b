using Registry.Storage.Drivers;

namespace Registry.StorageTests.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [SkippableTheory]
    [MemberData(nameof(ContentSizes))]
    public async Task PutContent_ThenGetContent_ReturnsSameBytes(int size)
    {
        var content = Bytes(size, seed: size);

        await Driver.PutContentAsync("/content/file", content);

        Assert.Equal(content, await Driver.GetContentAsync("/content/file"));
        Assert.Equal(size, (await Driver.StatAsync("/content/file")).Size);
    }

    [SkippableFact]
    public async Task PutContent_ExistingFile_ReplacesContent()
    {
        await Driver.PutContentAsync("/content/file", Bytes(5000, seed: 1));

        await Driver.PutContentAsync("/content/file", Bytes(10, seed: 2));

        Assert.Equal(Bytes(10, seed: 2), await Driver.GetContentAsync("/content/file"));
    }

    [SkippableFact]
    public async Task PutContent_OverDirectory_ThrowsIOException()
    {
        Skip.IfNot(FilesAndDirectoriesExclude, "an object store lets a key also be a prefix of other keys");
        await Driver.PutContentAsync("/dir/child", Bytes(1, seed: 1));

        await Assert.ThrowsAnyAsync<IOException>(() => Driver.PutContentAsync("/dir", Bytes(1, seed: 2)));
        Assert.True((await Driver.StatAsync("/dir")).IsDirectory);
    }

    [SkippableFact]
    public async Task PutContent_UnderFile_ThrowsIOException()
    {
        Skip.IfNot(FilesAndDirectoriesExclude, "an object store lets a key also be a prefix of other keys");
        await Driver.PutContentAsync("/file", Bytes(1, seed: 1));

        await Assert.ThrowsAnyAsync<IOException>(() => Driver.PutContentAsync("/file/child", Bytes(1, seed: 2)));
        Assert.Equal(Bytes(1, seed: 1), await Driver.GetContentAsync("/file"));
    }

    [SkippableFact]
    public async Task PutContent_ConcurrentWriters_NeverMixValues()
    {
        Require(StoreFeature.AtomicReplace);
        const int size = 256 * 1024;
        const string path = "/race/file";
        byte[] values = [1, 2, 3, 4, 5, 6, 7, 8];
        await Driver.PutContentAsync(path, Filled(size, 0));

        using var writersDone = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            // Every read, taken while the writers replace the file, must be one whole value.
            var reads = 0;
            while (!writersDone.IsCancellationRequested || reads == 0)
            {
                byte[] content;
                try
                {
                    content = await Driver.GetContentAsync(path);
                }
                catch (PathNotFoundException) when (ReplaceMayHideObject)
                {
                    continue;
                }

                AssertOneValue(content, size);
                reads++;
            }
        });
        var writers = values.Select(value => Task.Run(async () =>
        {
            for (var round = 0; round < 5; round++)
            {
                await Driver.PutContentAsync(path, Filled(size, value));
            }
        }));
        await Task.WhenAll(writers);
        await writersDone.CancelAsync();
        await reader;

        var final = await Driver.GetContentAsync(path);
        AssertOneValue(final, size);
        Assert.Contains(final[0], values);
    }

    public static TheoryData<long> StreamedSizes => new()
    {
        0,
        1,
        PartSize - 1,
        PartSize,
        PartSize + 1,
        16 * MiB + 3,
        100 * MiB,
    };

    [SkippableTheory]
    [MemberData(nameof(StreamedSizes))]
    public async Task Writer_ThenReaderOnOtherInstance_ReturnsSameBytes(long size)
    {
        RequireMultipartWrite(size);
        var pattern = new ContentPattern(seed: 100);

        await using (var writer = await Driver.WriterAsync("/streamed/data", 0))
        {
            // An odd chunk size makes writes straddle every part boundary.
            await WritePatternAsync(writer, pattern, size, chunkSize: 64 * KiB + 7);
            await writer.CommitAsync();
            Assert.Equal(size, writer.Size);
        }

        await AssertPatternContentAsync(CreateDriver(), "/streamed/data", pattern, size);
    }

    [SkippableTheory]
    [InlineData(4 * KiB)]
    [InlineData(PartSize + 1)]
    public async Task Writer_ConcurrentWritersFromInstances_LeaveOneWholeContent(int baseSize)
    {
        Require(StoreFeature.AtomicReplace);
        RequireMultipartWrite(baseSize);
        const string path = "/race/data";
        const int writerCount = 4;

        // Writer k stores value k + 1 in a length of its own, so the result shows both mixing and truncation.
        var writers = new List<IStorageWriter>();
        for (var k = 0; k < writerCount; k++)
        {
            writers.Add(await CreateDriver().WriterAsync(path, 0));
        }

        await Task.WhenAll(writers.Select((writer, k) => Task.Run(async () =>
        {
            var content = Filled(baseSize + k * 1000, (byte)(k + 1));
            await WriteInChunksAsync(writer, content);
        })));
        await Task.WhenAll(writers.Select(writer => Task.Run(() => writer.CommitAsync())));
        foreach (var writer in writers)
        {
            await writer.DisposeAsync();
        }

        var final = await CreateDriver().GetContentAsync(path);
        Assert.NotEmpty(final);
        Assert.InRange(final[0], 1, writerCount);
        AssertOneValue(final, baseSize + (final[0] - 1) * 1000);
    }
}
