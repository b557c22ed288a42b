using Registry.Storage.Drivers;

namespace Registry.StorageTests.Conformance;

/// <summary>
/// The contract of <see cref="IStorageDriver"/> that every driver must keep. Each driver runs it
/// through a subclass that creates the driver over a store of its own (a fresh directory, or a
/// fresh prefix of a bucket or container) and lists what is left in that store after the test.
/// </summary>
/// <remarks>
/// After each test the whole tree is deleted through the driver, and the test fails if the store
/// still holds anything under its prefix: an abandoned multipart upload, a segment, a temporary
/// object. A test that needs a feature that an emulator lacks calls <see cref="Require"/>, which
/// skips it against that emulator with a message naming the gap.
/// </remarks>
public abstract class StorageDriverConformanceTests : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;

    private IStorageDriver? _driver;

    protected IStorageDriver Driver => _driver ??= CreateDriver();

    /// <summary>
    /// Creates a driver over the test's store. Every call returns a new instance over the same
    /// store, as another replica of the registry would have; the first one holds no files.
    /// </summary>
    protected abstract IStorageDriver CreateDriver();

    /// <summary>
    /// Lists what the store still holds for this test, in the store's own terms (object keys,
    /// pending multipart uploads, files), after the test deleted its whole tree.
    /// </summary>
    protected abstract Task<IReadOnlyList<string>> RemainingObjectsAsync();

    /// <summary>
    /// Whether a file and a directory of the same path exclude each other, as on a disk. Object
    /// stores have no directories, so a key may also be a prefix of other keys.
    /// </summary>
    protected virtual bool FilesAndDirectoriesExclude => true;

    /// <summary>Returns why the store under test lacks <paramref name="feature"/>, or null when it has it.</summary>
    protected virtual string? GapOf(StoreFeature feature) => null;

    /// <summary>Skips the running test when the store under test lacks <paramref name="feature"/>.</summary>
    protected void Require(StoreFeature feature)
    {
        var gap = GapOf(feature);
        Skip.If(gap is not null, gap);
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_driver is null)
        {
            return;
        }

        await _driver.DeleteIfExistsAsync("/");
        var remaining = await RemainingObjectsAsync();
        Assert.True(remaining.Count == 0, $"the store still holds {remaining.Count} objects after the test: {string.Join(", ", remaining.Take(20))}");
    }

    public static TheoryData<int> ContentSizes => new() { 0, 1, 1000, 3 * MiB + 17 };

    public static TheoryData<string> InvalidPaths =>
        new() { "", "relative", "/a/../b", "/a//b", "/a/./b", "/a/b/", "/a b", "/a\\b", "/ä", "/a\n", "/..", "/." };

    public static TheoryData<string> Operations =>
        new() { "get", "put", "reader", "writer", "stat", "list", "move-source", "move-destination", "delete", "redirect" };

    public static TheoryData<string, string> InvalidPathOperations
    {
        get
        {
            var rows = new TheoryData<string, string>();
            foreach (var operation in Operations)
            {
                foreach (var path in InvalidPaths)
                {
                    rows.Add(operation, path);
                }
            }

            return rows;
        }
    }

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
                AssertOneValue(await Driver.GetContentAsync(path), size);
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
    public async Task Stat_File_ReturnsSizeAndFileKind()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await Driver.PutContentAsync("/stat/file", Bytes(123, seed: 22));

        var info = await Driver.StatAsync("/stat/file");

        Assert.Equal("/stat/file", info.Path);
        Assert.Equal(123, info.Size);
        Assert.False(info.IsDirectory);
        Assert.InRange(info.ModifiedAt, before, DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [SkippableFact]
    public async Task Stat_Directory_ReturnsDirectoryKind()
    {
        await Driver.PutContentAsync("/stat/dir/nested/file", Bytes(123, seed: 23));

        var info = await Driver.StatAsync("/stat/dir");

        Assert.Equal("/stat/dir", info.Path);
        Assert.Equal(0, info.Size);
        Assert.True(info.IsDirectory);
    }

    [SkippableFact]
    public async Task List_Directory_ReturnsChildrenSortedOrdinally()
    {
        foreach (var path in new[] { "/list/b", "/list/a/x", "/list/a/y/z", "/list/C", "/list/a-b", "/list/_z", "/other/q" })
        {
            await Driver.PutContentAsync(path, Bytes(1, seed: 24));
        }

        var children = await Driver.ListAsync("/list");

        Assert.Equal(["/list/C", "/list/_z", "/list/a", "/list/a-b", "/list/b"], children);
        Assert.Equal(["/list/a/x", "/list/a/y"], await Driver.ListAsync("/list/a"));
    }

    [SkippableFact]
    public async Task List_MissingDirectory_ThrowsPathNotFound()
    {
        await Driver.PutContentAsync("/list/file", Bytes(1, seed: 25));

        var exception = await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.ListAsync("/list/missing"));

        Assert.Equal("/list/missing", exception.Path);
    }

    [SkippableFact]
    public async Task List_File_ThrowsPathNotFound()
    {
        await Driver.PutContentAsync("/list/file", Bytes(1, seed: 26));

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.ListAsync("/list/file"));
    }

    [SkippableFact]
    public async Task Move_File_CreatesTargetAndRemovesSource()
    {
        Require(StoreFeature.ServerSideCopy);
        await Driver.PutContentAsync("/move/source", Bytes(2000, seed: 27));

        await Driver.MoveAsync("/move/source", "/moved/deep/target");

        Assert.Equal(Bytes(2000, seed: 27), await Driver.GetContentAsync("/moved/deep/target"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/move/source"));
    }

    [SkippableFact]
    public async Task Move_OverExistingTarget_ReplacesTarget()
    {
        Require(StoreFeature.ServerSideCopy);
        await Driver.PutContentAsync("/move/source", Bytes(10, seed: 28));
        await Driver.PutContentAsync("/move/target", Bytes(20, seed: 29));

        await Driver.MoveAsync("/move/source", "/move/target");

        Assert.Equal(Bytes(10, seed: 28), await Driver.GetContentAsync("/move/target"));
        Assert.Equal(["/move/target"], await Driver.ListAsync("/move"));
    }

    [SkippableFact]
    public async Task Move_MissingSource_ThrowsPathNotFound()
    {
        await Driver.PutContentAsync("/move/target", Bytes(20, seed: 30));

        var exception = await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.MoveAsync("/move/missing", "/move/target"));

        Assert.Equal("/move/missing", exception.Path);
        Assert.Equal(Bytes(20, seed: 30), await Driver.GetContentAsync("/move/target"));
    }

    [SkippableFact]
    public async Task Delete_File_RemovesOnlyThatFile()
    {
        await Driver.PutContentAsync("/delete/file", Bytes(1, seed: 31));
        await Driver.PutContentAsync("/delete/other", Bytes(1, seed: 32));

        await Driver.DeleteAsync("/delete/file");

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/delete/file"));
        Assert.Equal(["/delete/other"], await Driver.ListAsync("/delete"));
    }

    [SkippableFact]
    public async Task Delete_Directory_RemovesWholeTree()
    {
        foreach (var path in new[] { "/tree/keep", "/tree/gone/a", "/tree/gone/b/c", "/tree/gone/b/d/e" })
        {
            await Driver.PutContentAsync(path, Bytes(1, seed: 33));
        }

        await Driver.DeleteAsync("/tree/gone");

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/tree/gone"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/tree/gone/b/d/e"));
        Assert.Equal(["/tree/keep"], await Driver.ListAsync("/tree"));
    }

    [SkippableTheory]
    [InlineData("get")]
    [InlineData("stat")]
    [InlineData("reader")]
    [InlineData("delete")]
    [InlineData("list")]
    [InlineData("move-source")]
    public async Task Operation_MissingPath_ThrowsPathNotFound(string operation)
    {
        await Driver.PutContentAsync("/present/file", Bytes(1, seed: 34));

        var exception = await Assert.ThrowsAsync<PathNotFoundException>(() => RunAsync(operation, "/present/missing"));

        Assert.Equal("/present/missing", exception.Path);
        Assert.Equal(Driver.Name, exception.DriverName);
    }

    [SkippableTheory]
    [InlineData("get")]
    [InlineData("reader")]
    [InlineData("move-source")]
    public async Task Operation_DirectoryAsFile_ThrowsPathNotFound(string operation)
    {
        await Driver.PutContentAsync("/present/dir/file", Bytes(1, seed: 35));

        await Assert.ThrowsAsync<PathNotFoundException>(() => RunAsync(operation, "/present/dir"));
    }

    [SkippableTheory]
    [MemberData(nameof(InvalidPathOperations))]
    public async Task Operation_InvalidPath_ThrowsInvalidPath(string operation, string path)
    {
        await Driver.PutContentAsync("/valid", Bytes(1, seed: 36));

        var exception = await Assert.ThrowsAsync<InvalidPathException>(() => RunAsync(operation, path));

        Assert.Equal(path, exception.Path);
        Assert.Equal(["/valid"], await Driver.ListAsync("/"));
    }

    /// <summary>Runs one driver operation on <paramref name="path"/>, with <c>/valid</c> as the other path of a move.</summary>
    private async Task RunAsync(string operation, string path)
    {
        switch (operation)
        {
            case "get":
                await Driver.GetContentAsync(path);
                break;
            case "put":
                await Driver.PutContentAsync(path, Bytes(1, seed: 37));
                break;
            case "reader":
                await (await Driver.ReaderAsync(path, 0)).DisposeAsync();
                break;
            case "writer":
                await (await Driver.WriterAsync(path, 0)).CancelAsync();
                break;
            case "stat":
                await Driver.StatAsync(path);
                break;
            case "list":
                await Driver.ListAsync(path);
                break;
            case "move-source":
                await Driver.MoveAsync(path, "/valid");
                break;
            case "move-destination":
                await Driver.MoveAsync("/valid", path);
                break;
            case "delete":
                await Driver.DeleteAsync(path);
                break;
            case "redirect":
                await Driver.RedirectUrlAsync(path, "GET");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown operation");
        }
    }

    private static byte[] Bytes(int length, int seed)
    {
        var content = new byte[length];
        new Random(seed).NextBytes(content);
        return content;
    }

    private static byte[] Concat(byte[] first, byte[] second) => [.. first, .. second];

    private static byte[] Filled(int length, byte value)
    {
        var content = new byte[length];
        Array.Fill(content, value);
        return content;
    }

    private static void AssertOneValue(byte[] content, int expectedLength)
    {
        Assert.Equal(expectedLength, content.Length);
        var mixedAt = content.AsSpan().IndexOfAnyExcept(content[0]);
        Assert.True(mixedAt < 0, $"content mixes values {content[0]} and {(mixedAt < 0 ? 0 : content[mixedAt])} at byte {mixedAt}");
    }

    private static async Task WriteInChunksAsync(IStorageWriter writer, byte[] content)
    {
        const int chunkSize = 64 * 1024;
        for (var start = 0; start < content.Length; start += chunkSize)
        {
            await writer.WriteAsync(content.AsMemory(start, Math.Min(chunkSize, content.Length - start)));
        }
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
