using System.Diagnostics;
using Amazon.S3.Model;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.S3;
using Registry.StorageTests.Services;

namespace Registry.StorageTests.Drivers;

/// <summary>S3 behaviour beyond the conformance suite: request counts, appends of large files, multipart copy, presigned URLs.</summary>
public sealed partial class S3DriverTests
{
    private const int MiB = 1024 * 1024;

    [SkippableFact]
    public async Task Writer_SmallFile_CostsOnePutObject()
    {
        var recorder = new S3RequestRecorder();
        var driver = CreateDriver(options => options.WrapHttpHandler = recorder.Wrap);
        await Driver.PutContentAsync("/small/sibling", Bytes(1, seed: 1));

        await using (var writer = await driver.WriterAsync("/small/data", 0))
        {
            await writer.WriteAsync(Bytes(1024, seed: 2));
            await writer.CommitAsync();
        }

        Assert.Equal(["PUT"], recorder.Snapshot());
        var head = await HeadAsync("/small/data");
        Assert.DoesNotContain("-", head.ETag);
        Assert.Equal(Bytes(1024, seed: 2), await Driver.GetContentAsync("/small/data"));
    }

    [SkippableFact]
    public async Task Writer_AppendsAcrossDrivers_StoresAllBytes()
    {
        var first = Bytes(12 * MiB, seed: 3);
        var second = Bytes(7 * MiB, seed: 4);
        var third = Bytes(3 * 1024, seed: 5);
        var otherDriver = CreateDriver(options => { });

        await WriteAndCommitAsync(Driver, "/append/data", 0, first);
        await WriteAndCommitAsync(otherDriver, "/append/data", first.Length, second);
        await WriteAndCommitAsync(Driver, "/append/data", first.Length + second.Length, third);

        Assert.Equal(Concat(first, second, third), await otherDriver.GetContentAsync("/append/data"));
        Assert.Empty(await PendingUploadsAsync());
    }

    [SkippableFact]
    public async Task Writer_DisposedAfterFullPart_AppendContinues()
    {
        var first = Bytes(11 * MiB, seed: 6);
        var second = Bytes(100, seed: 7);
        await using (var writer = await Driver.WriterAsync("/dispose/data", 0))
        {
            await writer.WriteAsync(first);
        }

        Assert.Equal(first.Length, (await Driver.StatAsync("/dispose/data")).Size);
        await WriteAndCommitAsync(CreateDriver(options => { }), "/dispose/data", first.Length, second);

        Assert.Equal(Concat(first, second), await Driver.GetContentAsync("/dispose/data"));
    }

    [SkippableFact]
    public async Task Writer_TruncatesLargeObject_KeepsPrefix()
    {
        var original = Bytes(12 * MiB, seed: 8);
        var added = Bytes(10, seed: 9);
        await WriteAndCommitAsync(Driver, "/truncate/data", 0, original);

        await WriteAndCommitAsync(CreateDriver(options => { }), "/truncate/data", 6 * MiB, added);

        Assert.Equal(Concat(original[..(6 * MiB)], added), await Driver.GetContentAsync("/truncate/data"));
    }

    [SkippableFact]
    public async Task Writer_PendingUploadAtOffset_IsContinued()
    {
        var first = Bytes(5 * MiB, seed: 10);
        var second = Bytes(2000, seed: 11);
        var key = $"{_prefix}/pending/data";
        using (var client = _store.CreateClient())
        {
            var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _store.Bucket, Key = key });
            await client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = _store.Bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartNumber = 1,
                InputStream = new MemoryStream(first),
                UseChunkEncoding = false,
            });
        }

        await WriteAndCommitAsync(Driver, "/pending/data", first.Length, second);

        Assert.Equal(Concat(first, second), await Driver.GetContentAsync("/pending/data"));
        Assert.Empty(await PendingUploadsAsync());
    }

    [SkippableFact]
    public async Task Writer_PendingUploadCommittedUnchanged_IsPublished()
    {
        var part = Bytes(5 * MiB, seed: 22);
        var key = $"{_prefix}/pending/data";
        using (var client = _store.CreateClient())
        {
            var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _store.Bucket, Key = key });
            await client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = _store.Bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartNumber = 1,
                InputStream = new MemoryStream(part),
                UseChunkEncoding = false,
            });
        }

        await WriteAndCommitAsync(Driver, "/pending/data", part.Length, []);

        Assert.Equal(part, await Driver.GetContentAsync("/pending/data"));
        Assert.Empty(await PendingUploadsAsync());
    }

    [SkippableFact]
    public async Task Writer_PendingUploadPastOffset_IsTruncated()
    {
        var parts = new[] { Bytes(5 * MiB, seed: 12), Bytes(5 * MiB, seed: 13) };
        var added = Bytes(30, seed: 14);
        var key = $"{_prefix}/pending/data";
        using (var client = _store.CreateClient())
        {
            var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _store.Bucket, Key = key });
            for (var index = 0; index < parts.Length; index++)
            {
                await client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = _store.Bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = index + 1,
                    InputStream = new MemoryStream(parts[index]),
                    UseChunkEncoding = false,
                });
            }
        }

        await WriteAndCommitAsync(Driver, "/pending/data", 7 * MiB, added);

        Assert.Equal(Concat(parts[0], parts[1][..(2 * MiB)], added), await Driver.GetContentAsync("/pending/data"));
        Assert.Empty(await PendingUploadsAsync());
    }

    [SkippableFact]
    public async Task Move_AboveThreshold_CopiesInParts()
    {
        var recorder = new S3RequestRecorder();
        var driver = CreateDriver(options =>
        {
            options.MultipartCopyThresholdSize = 5 * MiB;
            options.MultipartCopyChunkSize = 5 * MiB;
            options.WrapHttpHandler = recorder.Wrap;
        });
        var content = Bytes(12 * MiB, seed: 15);
        await Driver.PutContentAsync("/copy/source", content);

        await driver.MoveAsync("/copy/source", "/copy/target");

        Assert.Equal(content, await Driver.GetContentAsync("/copy/target"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/copy/source"));

        // 12 MiB in 5 MiB ranges: 5 MiB, then the last 2 MiB merged into 7 MiB.
        Assert.Equal(2, recorder.Snapshot().Count(request => request == "PUT partNumber uploadId copy"));
        Assert.EndsWith("-2\"", (await HeadAsync("/copy/target")).ETag);
    }

    [SkippableFact]
    public async Task Move_AtThreshold_CopiesWithOneRequest()
    {
        var recorder = new S3RequestRecorder();
        var driver = CreateDriver(options =>
        {
            options.MultipartCopyThresholdSize = 5 * MiB;
            options.WrapHttpHandler = recorder.Wrap;
        });
        await Driver.PutContentAsync("/copy/source", Bytes(5 * MiB, seed: 16));

        await driver.MoveAsync("/copy/source", "/copy/target");

        Assert.Equal(Bytes(5 * MiB, seed: 16), await Driver.GetContentAsync("/copy/target"));
        Assert.Equal(["HEAD", "PUT copy", "DELETE"], recorder.Snapshot());
    }

    [SkippableFact]
    public async Task Reader_DisposedBeforeEnd_DoesNotThrow()
    {
        var content = Bytes(3 * MiB, seed: 20);
        await Driver.PutContentAsync("/reader/data", content);
        var head = new byte[10];

        var stream = await Driver.ReaderAsync("/reader/data", 0);
        await stream.ReadExactlyAsync(head);
        await stream.DisposeAsync();

        Assert.Equal(content[..10], head);
    }

    [SkippableFact]
    public async Task Move_OntoItself_KeepsFile()
    {
        await Driver.PutContentAsync("/copy/source", Bytes(100, seed: 23));

        await Driver.MoveAsync("/copy/source", "/copy/source");

        Assert.Equal(Bytes(100, seed: 23), await Driver.GetContentAsync("/copy/source"));
    }

    [SkippableTheory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task RedirectUrl_FetchedWithHttpClient_ServesFile(string method)
    {
        var content = Bytes(3000, seed: 17);
        await Driver.PutContentAsync("/redirect/data", content);

        var url = await Driver.RedirectUrlAsync("/redirect/data", method);

        Assert.NotNull(url);
        using var http = new HttpClient();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        Assert.True(response.IsSuccessStatusCode, $"the presigned {method} returned {(int)response.StatusCode}");
        Assert.Equal(content.Length, response.Content.Headers.ContentLength);
        if (method == "GET")
        {
            Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [SkippableFact]
    public async Task RedirectUrl_OtherMethod_ReturnsNull()
    {
        await Driver.PutContentAsync("/redirect/data", Bytes(10, seed: 18));

        Assert.Null(await Driver.RedirectUrlAsync("/redirect/data", "PUT"));
    }

    [SkippableFact]
    public async Task Delete_PendingUploadOnly_AbortsIt()
    {
        using (var client = _store.CreateClient())
        {
            await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _store.Bucket, Key = $"{_prefix}/uploads/x/data" });
        }

        await Driver.DeleteAsync("/uploads");

        Assert.Empty(await PendingUploadsAsync());
    }

    [SkippableFact]
    public async Task Listings_SeveralPages_ReturnEveryKey()
    {
        const int count = 25;
        var driver = CreateDriver(options => options.ListPageSize = 4);
        var expected = Enumerable.Range(0, count).Select(index => $"/many/f{index:D2}").ToList();
        foreach (var path in expected)
        {
            await Driver.PutContentAsync(path, Bytes(1, seed: 21));
        }

        var listed = await driver.ListAsync("/many");
        var walked = await driver.WalkAsync("/many").Select(info => info.Path).Order(StringComparer.Ordinal).ToListAsync();
        await driver.DeleteAsync("/many");

        Assert.Equal(expected, listed);
        Assert.Equal(expected, walked);
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/many"));
    }

    [SkippableFact]
    public async Task PutContent_RootDirectory_UsesDistributionKey()
    {
        var driver = CreateDriver(options => options.RootDirectory = $"/{_prefix}/root/");

        await driver.PutContentAsync("/docker/registry/v2/blobs/data", Bytes(4, seed: 19));

        using var client = _store.CreateClient();
        var response = await client.GetObjectMetadataAsync(_store.Bucket, $"{_prefix}/root/docker/registry/v2/blobs/data");
        Assert.Equal(4, response.ContentLength);
    }

    [SkippableFact]
    public async Task Stat_UnreachableEndpoint_ThrowsNamingEndpoint()
    {
        var driver = new S3Driver(new S3DriverOptions
        {
            RegionEndpoint = "http://127.0.0.1:9",
            Bucket = "registry-tests",
            AccessKey = "unreachable-access-key",
            SecretKey = "unreachable-secret-key",
            MaxAttempts = 2,
            ConnectTimeout = TimeSpan.FromSeconds(2),
        });
        var clock = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<StorageDriverException>(() => driver.StatAsync("/"));

        Assert.Contains("http://127.0.0.1:9", exception.Message);
        Assert.Contains("registry-tests", exception.Message);
        Assert.DoesNotContain("unreachable-secret-key", exception.ToString());
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    [SkippableFact]
    public async Task Stat_MissingBucket_ThrowsNamingErrorCode()
    {
        var driver = CreateDriver(options => options.Bucket = "registry-tests-missing-bucket");

        var exception = await Assert.ThrowsAsync<StorageDriverException>(() => driver.StatAsync("/file"));

        Assert.IsNotType<PathNotFoundException>(exception);
        Assert.Contains("NoSuchBucket", exception.Message);
        Assert.Contains("registry-tests-missing-bucket", exception.Message);
        Assert.DoesNotContain(TestServices.S3SecretKey, exception.Message);
    }

    private async Task<GetObjectMetadataResponse> HeadAsync(string path)
    {
        using var client = _store.CreateClient();
        return await client.GetObjectMetadataAsync(_store.Bucket, _prefix + path);
    }

    private async Task<IReadOnlyList<string>> PendingUploadsAsync() =>
        [.. (await _store.RemainingAsync(_prefix + "/")).Where(item => item.StartsWith("upload ", StringComparison.Ordinal))];

    private static async Task WriteAndCommitAsync(IStorageDriver driver, string path, long offset, byte[] content)
    {
        await using var writer = await driver.WriterAsync(path, offset);
        Assert.Equal(offset, writer.Size);
        for (var start = 0; start < content.Length; start += 256 * 1024)
        {
            await writer.WriteAsync(content.AsMemory(start, Math.Min(256 * 1024, content.Length - start)));
        }

        await writer.CommitAsync();
        Assert.Equal(offset + content.Length, writer.Size);
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(part => part).ToArray();

    private static byte[] Bytes(int length, int seed)
    {
        var content = new byte[length];
        new Random(seed).NextBytes(content);
        return content;
    }
}
