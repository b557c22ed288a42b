using Microsoft.Extensions.Logging.Abstractions;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.Gcs;
using Registry.StorageTests.Conformance;
using Registry.StorageTests.Services;

namespace Registry.StorageTests.Drivers;

/// <summary>
/// The conformance suite with the smallest chunk size (256 KiB), so that most writers use resumable
/// uploads in several chunks and appends use compose. Against the emulator those two features come
/// from <see cref="GcsProtocolShim"/>; against a real bucket the store itself serves them.
/// </summary>
public sealed class GcsChunkedDriverTests : StorageDriverConformanceTests
{
    private const int KiB = 1024;
    private const int MiB = 1024 * KiB;

    private readonly string _prefix = TestServices.UniquePrefix("gcs-chunked");
    private readonly List<GcsProtocolShim> _shims = [];

    protected override bool FilesAndDirectoriesExclude => false;

    protected override IStorageDriver CreateDriver()
    {
        TestServices.EnsureGcsReachable();
        return CreateDriver(GcsDriverOptions.ChunkGranularity);
    }

    /// <summary>Deletes the test's tree and checks the store, also after tests that used only drivers of their own.</summary>
    public override Task DisposeAsync()
    {
        _ = Driver;
        return base.DisposeAsync();
    }

    protected override async Task<IReadOnlyList<string>> RemainingObjectsAsync()
    {
        var remaining = new List<string>();
        await foreach (var item in GcsTestClient.Create().ListObjectsAsync(TestServices.GcsBucket, _prefix + "/"))
        {
            remaining.Add(item.Name);
        }

        return remaining;
    }

    [Fact]
    public async Task Writer_AppendAcrossInstances_ComposesParts()
    {
        byte[][] parts = [Bytes(9 * MiB, seed: 1), Bytes(5 * MiB, seed: 2), Bytes(3 * KiB, seed: 3)];
        long committed = 0;

        foreach (var part in parts)
        {
            // A new instance per request with the default chunk size, as another replica would serve it.
            await using var writer = await CreateDriver(GcsDriverOptions.DefaultChunkSize).WriterAsync("/upload/data", committed);
            for (var start = 0; start < part.Length; start += MiB + 7)
            {
                await writer.WriteAsync(part.AsMemory(start, Math.Min(MiB + 7, part.Length - start)));
            }

            await writer.CommitAsync();
            committed = writer.Size;
        }

        byte[] expected = [.. parts[0], .. parts[1], .. parts[2]];
        Assert.Equal(expected.Length, committed);
        Assert.Equal(expected, await Driver.GetContentAsync("/upload/data"));
        Assert.Equal(["/upload/data"], await Driver.ListAsync("/upload"));
        if (TestServices.GcsIsEmulator)
        {
            // The second and third writers continue a file of at least one chunk.
            Assert.Equal(2, _shims.Sum(shim => shim.ComposeCount));
        }
    }

    [Fact]
    public async Task Writer_ExactlyOneChunk_IsOneSimpleUpload()
    {
        var driver = CreateDriver(GcsDriverOptions.ChunkGranularity);
        var content = Bytes(GcsDriverOptions.ChunkGranularity, seed: 4);

        await using (var writer = await driver.WriterAsync("/upload/data", 0))
        {
            await writer.WriteAsync(content);
            await writer.CommitAsync();
        }

        Assert.Equal(content, await Driver.GetContentAsync("/upload/data"));
        if (TestServices.GcsIsEmulator)
        {
            Assert.Equal(0, _shims.Sum(shim => shim.SessionCount));
        }
    }

    [Fact]
    public async Task Writer_DisposedMidChunk_PublishesWrittenBytes()
    {
        var content = Bytes(GcsDriverOptions.ChunkGranularity * 3 + 11, seed: 5);

        await using (var writer = await CreateDriver().WriterAsync("/upload/data", 0))
        {
            await writer.WriteAsync(content);
        }

        Assert.Equal(content, await CreateDriver().GetContentAsync("/upload/data"));
    }

    [Fact]
    public async Task Writer_CancelDuringSession_LeavesNothing()
    {
        await using (var writer = await CreateDriver().WriterAsync("/upload/data", 0))
        {
            await writer.WriteAsync(Bytes(GcsDriverOptions.ChunkGranularity * 2 + 1, seed: 6));
            await writer.CancelAsync();
        }

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/upload/data"));
    }

    private IStorageDriver CreateDriver(int chunkSize)
    {
        var options = new GcsDriverOptions
        {
            Bucket = TestServices.GcsBucket,
            RootDirectory = _prefix,
            KeyFile = TestServices.GcsKeyFile,
            Endpoint = TestServices.GcsIsEmulator ? new Uri(TestServices.GcsEndpoint) : null,
            Anonymous = TestServices.GcsIsEmulator,
            ChunkSize = chunkSize,
            InitialRetryDelay = TimeSpan.FromMilliseconds(20),
        };
        if (!TestServices.GcsIsEmulator)
        {
            return new GcsDriver(options, NullLogger<GcsDriver>.Instance);
        }

        return new GcsDriver(options, NullLogger.Instance, inner =>
        {
            var shim = new GcsProtocolShim(inner);
            lock (_shims)
            {
                _shims.Add(shim);
            }

            return shim;
        });
    }

    private static byte[] Bytes(int length, int seed)
    {
        var content = new byte[length];
        new Random(seed).NextBytes(content);
        return content;
    }
}
