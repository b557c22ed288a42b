using Google.Cloud.Storage.V1;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.Gcs;
using Registry.StorageTests.Conformance;
using Registry.StorageTests.Services;

namespace Registry.StorageTests.Drivers;

/// <summary>
/// The conformance suite against the firebase-tools storage emulator, or against a real bucket when
/// <c>REGISTRY_TEST_GCS_KEYFILE</c> is set, plus the behaviour that only this driver has.
/// </summary>
public sealed class GcsDriverTests : StorageDriverConformanceTests
{
    private const int KiB = 1024;
    private const int MiB = 1024 * KiB;

    private readonly string _prefix = TestServices.UniquePrefix("gcs");

    protected override bool FilesAndDirectoriesExclude => false;

    protected override IStorageDriver CreateDriver()
    {
        TestServices.EnsureGcsReachable();
        return new GcsDriver(Options(), NullLogger<GcsDriver>.Instance);
    }

    protected override string? GapOf(StoreFeature feature)
    {
        if (!TestServices.GcsIsEmulator)
        {
            return null;
        }

        return feature switch
        {
            StoreFeature.ChunkedResumableUpload =>
                "the firebase-tools storage emulator publishes a resumable upload after its first chunk and has no compose, so appends to a file of one chunk or more fail there",
            _ => null,
        };
    }

    /// <summary>Every object under the test's prefix, the writers' part objects included.</summary>
    /// <summary>Deletes the test's tree and checks the store, also after tests that used only drivers of their own.</summary>
    public override Task DisposeAsync()
    {
        _ = Driver;
        return base.DisposeAsync();
    }

    protected override async Task<IReadOnlyList<string>> RemainingObjectsAsync()
    {
        var remaining = new List<string>();
        await foreach (var item in RawClient().ListObjectsAsync(TestServices.GcsBucket, _prefix + "/"))
        {
            remaining.Add(item.Name);
        }

        return remaining;
    }

    [Fact]
    public async Task PutContent_DriverPath_IsObjectUnderRoot()
    {
        await Driver.PutContentAsync("/docker/registry/v2/blobs/data", new byte[] { 1, 2, 3 });

        var item = await RawClient().GetObjectAsync(TestServices.GcsBucket, $"{_prefix}/docker/registry/v2/blobs/data");

        Assert.Equal(3UL, item.Size);
        Assert.Equal("application/octet-stream", item.ContentType);
    }

    [Fact]
    public async Task GetContent_ObjectWrittenUnderRoot_IsRead()
    {
        await RawClient().UploadObjectAsync(
            TestServices.GcsBucket, $"{_prefix}/docker/registry/v2/link/current", "application/octet-stream", new MemoryStream([4, 5]));

        Assert.Equal([4, 5], await Driver.GetContentAsync("/docker/registry/v2/link/current"));
    }

    [Fact]
    public async Task Writer_OneKibFile_IsOneSimpleUpload()
    {
        var counter = new RequestCounter();
        var driver = new GcsDriver(Options(), NullLogger.Instance, inner => counter.Wrap(inner));
        var content = Bytes(KiB, seed: 1);

        await using (var writer = await driver.WriterAsync("/upload/data", 0))
        {
            await writer.WriteAsync(content);
            await writer.CommitAsync();
        }

        Assert.Equal(1, counter.Count(request => request.RequestUri!.Query.Contains("uploadType=media")));
        Assert.Equal(0, counter.Count(request => request.RequestUri!.Query.Contains("uploadType=resumable")));
        Assert.Equal(0, counter.Count(request => request.Method == HttpMethod.Put));
        Assert.Equal(2, counter.Count(_ => true));
        Assert.Equal(content, await Driver.GetContentAsync("/upload/data"));
    }

    [Fact]
    public async Task PutContent_SmallFile_IsOneRequest()
    {
        var counter = new RequestCounter();
        var driver = new GcsDriver(Options(), NullLogger.Instance, inner => counter.Wrap(inner));

        await driver.PutContentAsync("/content/link", Bytes(71, seed: 2));

        Assert.Equal(1, counter.Count(_ => true));
    }

    [SkippableFact]
    public async Task Writer_AppendAcrossInstances_StoresAllBytes()
    {
        Require(StoreFeature.ChunkedResumableUpload);
        byte[][] parts = [Bytes(9 * MiB, seed: 3), Bytes(5 * MiB, seed: 4), Bytes(3 * KiB, seed: 5)];
        long committed = 0;

        foreach (var part in parts)
        {
            // A new instance per request, as another replica would serve it.
            await using var writer = await CreateDriver().WriterAsync("/upload/data", committed);
            await WriteInPiecesAsync(writer, part, 1 * MiB + 7);
            await writer.CommitAsync();
            committed = writer.Size;
        }

        byte[] expected = [.. parts[0], .. parts[1], .. parts[2]];
        Assert.Equal(expected.Length, committed);
        Assert.Equal(expected, await Driver.GetContentAsync("/upload/data"));
        Assert.Equal([$"{_prefix}/upload/data"], await RemainingUnderAsync("/upload"));
    }

    [SkippableFact]
    public async Task Writer_TruncateLargeFile_KeepsBytesBeforeOffset()
    {
        Require(StoreFeature.ChunkedResumableUpload);
        var original = Bytes(6 * MiB + 5, seed: 6);
        await using (var writer = await Driver.WriterAsync("/upload/data", 0))
        {
            await WriteInPiecesAsync(writer, original, MiB);
            await writer.CommitAsync();
        }

        await using (var writer = await CreateDriver().WriterAsync("/upload/data", 5 * MiB + 1))
        {
            await writer.WriteAsync(Bytes(10, seed: 7));
            await writer.CommitAsync();
        }

        byte[] expected = [.. original[..(5 * MiB + 1)], .. Bytes(10, seed: 7)];
        Assert.Equal(expected, await Driver.GetContentAsync("/upload/data"));
    }

    [Fact]
    public async Task Writer_AppendBelowOneChunk_RewritesWholeFile()
    {
        var first = Bytes(300 * KiB, seed: 8);
        var second = Bytes(200 * KiB, seed: 9);
        await Driver.PutContentAsync("/upload/data", first);

        await using (var writer = await CreateDriver().WriterAsync("/upload/data", first.Length))
        {
            await writer.WriteAsync(second);
            await writer.CommitAsync();
        }

        byte[] expected = [.. first, .. second];
        Assert.Equal(expected, await Driver.GetContentAsync("/upload/data"));
        Assert.Equal([$"{_prefix}/upload/data"], await RemainingUnderAsync("/upload"));
    }

    [Fact]
    public async Task Writer_Cancel_RemovesPartObjects()
    {
        await Driver.PutContentAsync("/upload/data", Bytes(10, seed: 10));
        await RawClient().UploadObjectAsync(
            TestServices.GcsBucket, $"{_prefix}/upload/data~part-abandoned", "application/octet-stream", new MemoryStream([1]));

        await using (var writer = await Driver.WriterAsync("/upload/data", 10))
        {
            await writer.WriteAsync(Bytes(10, seed: 11));
            await writer.CancelAsync();
        }

        Assert.Empty(await RemainingUnderAsync("/upload"));
    }

    [Fact]
    public async Task List_PartObject_IsLeftOut()
    {
        await Driver.PutContentAsync("/upload/data", Bytes(10, seed: 12));
        await RawClient().UploadObjectAsync(
            TestServices.GcsBucket, $"{_prefix}/upload/data~part-abandoned", "application/octet-stream", new MemoryStream([1]));

        Assert.Equal(["/upload/data"], await Driver.ListAsync("/upload"));
    }

    [Fact]
    public async Task Stat_DistributionUploadSession_ThrowsPathNotFound()
    {
        // registry:2 keeps an unfinished upload as an object of this content type at the file's name.
        await RawClient().UploadObjectAsync(
            TestServices.GcsBucket, $"{_prefix}/upload/data", "application/x-docker-upload-session", new MemoryStream([1, 2]));

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/upload/data"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.ReaderAsync("/upload/data", 0));
    }

    [Fact]
    public async Task RedirectUrl_ServiceAccountKey_IsSignedForTwentyMinutes()
    {
        var options = Options();
        options.Anonymous = false;
        options.KeyFile = null;
        options.ServiceAccountJson = ThrowawayServiceAccount.Json();
        var driver = new GcsDriver(options, NullLogger<GcsDriver>.Instance);

        var url = await driver.RedirectUrlAsync("/docker/registry/v2/blobs/sha256/ab/abcd/data", "GET");

        Assert.NotNull(url);
        Assert.Equal("https", url.Scheme);
        Assert.Equal("storage.googleapis.com", url.Host);
        Assert.Equal($"/{TestServices.GcsBucket}/{_prefix}/docker/registry/v2/blobs/sha256/ab/abcd/data", url.AbsolutePath);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("1200", query["X-Goog-Expires"]);
        Assert.Equal("GOOG4-RSA-SHA256", query["X-Goog-Algorithm"]);
        Assert.StartsWith(ThrowawayServiceAccount.ClientEmail + "/", query["X-Goog-Credential"]);
        Assert.Matches("^[0-9a-f]{512}$", query["X-Goog-Signature"]);
    }

    [Fact]
    public async Task RedirectUrl_PutMethod_ReturnsNull()
    {
        var options = Options();
        options.Anonymous = false;
        options.KeyFile = null;
        options.ServiceAccountJson = ThrowawayServiceAccount.Json();
        var driver = new GcsDriver(options, NullLogger<GcsDriver>.Instance);

        Assert.Null(await driver.RedirectUrlAsync("/docker/registry/v2/blobs/data", "PUT"));
    }

    [SkippableFact]
    public async Task RedirectUrl_NoSigningCredential_ReturnsNull()
    {
        Skip.IfNot(TestServices.GcsIsEmulator, "a real bucket is reached with a service account key, which can sign");

        Assert.Null(await Driver.RedirectUrlAsync("/docker/registry/v2/blobs/data", "GET"));
    }

    [Fact]
    public async Task Request_TransientFailures_AreRetriedAndLogged()
    {
        var failing = new FailingHandler(failures: 2, System.Net.HttpStatusCode.ServiceUnavailable);
        var logger = new RecordingLogger();
        var driver = new GcsDriver(Options(), logger, inner => failing.Wrap(inner));

        await driver.PutContentAsync("/retry/file", Bytes(10, seed: 13));

        Assert.Equal(2, failing.Failed);
        Assert.Equal(2, logger.Count(4301));
        Assert.Equal(Bytes(10, seed: 13), await Driver.GetContentAsync("/retry/file"));
    }

    [Fact]
    public async Task DisableKeepAlives_EveryRequest_ClosesConnection()
    {
        var counter = new RequestCounter();
        var options = Options();
        options.DisableKeepAlives = true;
        var driver = new GcsDriver(options, NullLogger.Instance, inner => counter.Wrap(inner));

        await driver.PutContentAsync("/content/file", Bytes(10, seed: 15));
        await driver.StatAsync("/content/file");

        Assert.Equal(2, counter.Count(_ => true));
        Assert.Equal(2, counter.Count(request => request.Headers.ConnectionClose == true));
    }

    [Theory]
    [InlineData("get")]
    [InlineData("put")]
    [InlineData("stat")]
    [InlineData("list")]
    [InlineData("delete")]
    [InlineData("move")]
    [InlineData("writer")]
    public async Task Request_PersistentFailure_ThrowsNamingBucketAndStatus(string operation)
    {
        var failing = new FailingHandler(failures: int.MaxValue, System.Net.HttpStatusCode.ServiceUnavailable);
        var options = Options();
        options.MaxRetries = 2;
        var driver = new GcsDriver(options, NullLogger.Instance, inner => failing.Wrap(inner));

        var exception = await Assert.ThrowsAsync<StorageDriverException>(() => operation switch
        {
            "get" => driver.GetContentAsync("/retry/file"),
            "put" => driver.PutContentAsync("/retry/file", Bytes(1, seed: 14)),
            "stat" => driver.StatAsync("/retry/file"),
            "list" => driver.ListAsync("/retry"),
            "delete" => driver.DeleteAsync("/retry/file"),
            "move" => driver.MoveAsync("/retry/file", "/retry/target"),
            _ => driver.WriterAsync("/retry/file", 0),
        });

        // One request and two retries, each sent once: the client library adds no retries of its own.
        Assert.Equal(3, failing.Failed);
        Assert.Contains(TestServices.GcsBucket, exception.Message);
        Assert.Contains("503", exception.Message);
        Assert.StartsWith("/retry", exception.Path);
    }

    [Theory]
    [InlineData(0, "storage.gcs.chunksize")]
    [InlineData(100_000, "storage.gcs.chunksize")]
    [InlineData(-262_144, "storage.gcs.chunksize")]
    public void Constructor_InvalidChunkSize_ThrowsNamingTheKey(int chunkSize, string key)
    {
        var options = Options();
        options.ChunkSize = chunkSize;

        var exception = Assert.Throws<ArgumentException>(() => new GcsDriver(options, NullLogger<GcsDriver>.Instance));

        Assert.Contains(key, exception.Message);
    }

    [Fact]
    public void Constructor_MissingBucket_ThrowsNamingTheKey()
    {
        var options = Options();
        options.Bucket = " ";

        var exception = Assert.Throws<ArgumentException>(() => new GcsDriver(options, NullLogger<GcsDriver>.Instance));

        Assert.Contains("storage.gcs.bucket", exception.Message);
    }

    private GcsDriverOptions Options() => new()
    {
        Bucket = TestServices.GcsBucket,
        RootDirectory = _prefix,
        KeyFile = TestServices.GcsKeyFile,
        Endpoint = TestServices.GcsIsEmulator ? new Uri(TestServices.GcsEndpoint) : null,
        Anonymous = TestServices.GcsIsEmulator,
        InitialRetryDelay = TimeSpan.FromMilliseconds(20),
    };

    private static StorageClient RawClient() => GcsTestClient.Create();

    private async Task<List<string>> RemainingUnderAsync(string path)
    {
        var names = new List<string>();
        await foreach (var item in RawClient().ListObjectsAsync(TestServices.GcsBucket, _prefix + path + "/"))
        {
            names.Add(item.Name);
        }

        return names;
    }

    private static async Task WriteInPiecesAsync(IStorageWriter writer, byte[] content, int pieceSize)
    {
        for (var start = 0; start < content.Length; start += pieceSize)
        {
            await writer.WriteAsync(content.AsMemory(start, Math.Min(pieceSize, content.Length - start)));
        }
    }

    private static byte[] Bytes(int length, int seed)
    {
        var content = new byte[length];
        new Random(seed).NextBytes(content);
        return content;
    }
}
