using System.Security.Cryptography;
using Registry.Storage.Drivers;

namespace Registry.StorageTests.Conformance;

/// <summary>
/// The contract of <see cref="IStorageDriver"/> that every driver must keep. Each driver runs it
/// through a subclass that creates the driver over a store of its own (a fresh directory, or a
/// fresh prefix of a bucket or container) and lists what is left in that store after the test.
/// </summary>
/// <remarks>
/// After each test the whole tree is deleted through the driver, and the test fails if the store
/// still contains anything under its prefix: an abandoned multipart upload, a segment, a temporary
/// object. A test that needs a feature that an emulator lacks calls <see cref="Require"/>, which
/// skips it against that emulator with a message naming the gap.
/// </remarks>
public abstract partial class StorageDriverConformanceTests : IAsyncLifetime
{
    private const int KiB = 1024;
    private const int MiB = 1024 * 1024;

    /// <summary>
    /// The part size that object stores' multipart uploads commonly use (S3's minimum part), where
    /// drivers switch from one PUT to parts. Sizes in these tests cluster around it.
    /// </summary>
    private const int PartSize = 5 * MiB;

    /// <summary>How many files the tests that need thousands of them write at once.</summary>
    private const int WriteParallelism = 16;

    private IStorageDriver? _driver;

    protected IStorageDriver Driver => _driver ??= CreateDriver();

    /// <summary>
    /// Creates a driver over the test's store. Every call returns a new instance over the same
    /// store, as another replica of the registry would have; the first one finds no files.
    /// </summary>
    protected abstract IStorageDriver CreateDriver();

    /// <summary>
    /// Lists what the store still contains for this test, in the store's own terms (object keys,
    /// pending multipart uploads, files), after the test deleted its whole tree.
    /// </summary>
    protected abstract Task<IReadOnlyList<string>> RemainingObjectsAsync();

    /// <summary>
    /// Whether a file and a directory of the same path exclude each other, as on a disk. Object
    /// stores have no directories, so a key may also be a prefix of other keys.
    /// </summary>
    protected virtual bool FilesAndDirectoriesExclude => true;

    /// <summary>
    /// Whether a read that races a replacement of the same object may find no object at all. It
    /// then still never returns a mix of two values.
    /// </summary>
    protected virtual bool ReplaceMayHideObject => false;

    /// <summary>Returns why the store under test lacks <paramref name="feature"/>, or null when it has it.</summary>
    protected virtual string? GapOf(StoreFeature feature) => null;

    /// <summary>Skips the running test when the store under test lacks <paramref name="feature"/>.</summary>
    protected void Require(StoreFeature feature)
    {
        var gap = GapOf(feature);
        Skip.If(gap is not null, gap);
    }

    /// <summary>
    /// Skips the running test when a writer of <paramref name="size"/> bytes sends more than one part
    /// and the store under test cannot take an upload in several chunks.
    /// </summary>
    protected void RequireMultipartWrite(long size)
    {
        if (size > PartSize)
        {
            Require(StoreFeature.ChunkedResumableUpload);
        }
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
        Assert.True(remaining.Count == 0, $"the store still contains {remaining.Count} objects after the test: {string.Join(", ", remaining.Take(20))}");
    }

    public static TheoryData<int> ContentSizes => new() { 0, 1, 1000, 64 * KiB + 1, 3 * MiB + 17 };

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

    protected static async Task WriteInChunksAsync(IStorageWriter writer, ReadOnlyMemory<byte> content, int chunkSize = 64 * 1024)
    {
        for (var start = 0; start < content.Length; start += chunkSize)
        {
            await writer.WriteAsync(content.Slice(start, Math.Min(chunkSize, content.Length - start)));
        }
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Appends the next <paramref name="length"/> bytes of <paramref name="pattern"/> at the writer's
    /// size, in writes of <paramref name="chunkSize"/> bytes, and checks the size after each write.
    /// </summary>
    /// <remarks>The buffer is reused between writes, as callers with pooled buffers do, so a driver
    /// that keeps a reference to it after <see cref="IStorageWriter.WriteAsync"/> returns stores wrong bytes.</remarks>
    private static async Task WritePatternAsync(IStorageWriter writer, ContentPattern pattern, long length, int chunkSize)
    {
        var buffer = new byte[(int)Math.Clamp(length, 1, chunkSize)];
        var end = writer.Size + length;
        while (writer.Size < end)
        {
            var count = (int)Math.Min(buffer.Length, end - writer.Size);
            var expectedSize = writer.Size + count;
            pattern.Fill(writer.Size, buffer.AsSpan(0, count));

            await writer.WriteAsync(buffer.AsMemory(0, count));

            Assert.Equal(expectedSize, writer.Size);
        }
    }

    /// <summary>
    /// Reads <paramref name="path"/> whole and checks that it is the first <paramref name="length"/>
    /// bytes of <paramref name="pattern"/>: the same length, no differing byte and the same SHA-256.
    /// </summary>
    private static async Task AssertPatternContentAsync(IStorageDriver driver, string path, ContentPattern pattern, long length)
    {
        Assert.Equal(length, (await driver.StatAsync(path)).Size);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[MiB];
        var expected = new byte[MiB];
        long read = 0;
        long firstDifference = -1;
        await using (var stream = await driver.ReaderAsync(path, 0))
        {
            int count;
            while ((count = await stream.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, count);
                if (firstDifference < 0 && read + count <= length)
                {
                    pattern.Fill(read, expected.AsSpan(0, count));
                    var same = buffer.AsSpan(0, count).CommonPrefixLength(expected.AsSpan(0, count));
                    firstDifference = same < count ? read + same : -1;
                }

                read += count;
            }
        }

        Assert.Equal(length, read);
        Assert.True(firstDifference < 0, $"{path} differs from the written content at byte {firstDifference}");
        Assert.Equal(Convert.ToHexString(pattern.Sha256(length)), Convert.ToHexString(hash.GetHashAndReset()));
    }

    /// <summary>Writes each file with <see cref="IStorageDriver.PutContentAsync"/>, <see cref="WriteParallelism"/> at a time. A file of size n contains <c>Bytes(n, seed: n)</c>.</summary>
    private async Task PutFilesAsync(IReadOnlyDictionary<string, int> sizes)
    {
        var driver = Driver;
        await Parallel.ForEachAsync(
            sizes,
            new ParallelOptions { MaxDegreeOfParallelism = WriteParallelism },
            async (file, cancellationToken) => await driver.PutContentAsync(file.Key, Bytes(file.Value, seed: file.Value), cancellationToken));
    }

    private static async Task<List<StorageFileInfo>> WalkToListAsync(IStorageDriver driver, string path)
    {
        var files = new List<StorageFileInfo>();
        await foreach (var file in driver.WalkAsync(path))
        {
            files.Add(file);
        }

        return files;
    }
}
