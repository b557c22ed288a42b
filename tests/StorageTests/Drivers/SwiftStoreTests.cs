using System.Net;
using System.Text.Json;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.Swift;
using Registry.StorageTests.Services;

namespace Registry.StorageTests.Drivers;

/// <summary>What the Swift driver stores, checked with raw HTTP against the Swift all-in-one.</summary>
public sealed class SwiftStoreTests : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;

    private readonly string _prefix = TestServices.UniquePrefix("swift");
    private readonly List<SwiftDriver> _drivers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var driver = Create(MiB);
        await driver.DeleteIfExistsAsync("/");
        var remaining = await SwiftTestStore.ListAsync(_prefix);
        foreach (var created in _drivers)
        {
            created.Dispose();
        }

        Assert.True(remaining.Count == 0, $"the store still holds: {string.Join(", ", remaining.Take(20))}");
    }

    [Fact]
    public async Task Writer_SmallFile_IsOnePutWithoutSegments()
    {
        var counter = new RequestCounter();
        var driver = Create(5 * MiB, handler: counter);
        await driver.StartAsync();
        counter.Clear();

        await using (var writer = await driver.WriterAsync("/small/data", 0))
        {
            await writer.WriteAsync(Bytes(1024, seed: 1));
            await writer.CommitAsync();
        }

        Assert.Equal(1, counter.Count(HttpMethod.Put));
        Assert.Equal([$"{_prefix}/files/small/data"], await SwiftTestStore.ListAsync(_prefix));
        Assert.Equal(Bytes(1024, seed: 1), await driver.GetContentAsync("/small/data"));
    }

    [Fact]
    public async Task Writer_LargeFile_IsStaticLargeObjectOfThreeSegments()
    {
        var driver = Create(5 * MiB);
        var content = Bytes(12 * MiB, seed: 2);

        await using (var writer = await driver.WriterAsync("/large/data", 0))
        {
            await writer.WriteAsync(content);
            await writer.CommitAsync();
        }

        using var head = await SwiftTestStore.SendAsync(HttpMethod.Head, $"{_prefix}/files/large/data");
        Assert.Equal("True", head.Headers.GetValues("X-Static-Large-Object").First(), ignoreCase: true);
        using var manifest = await SwiftTestStore.SendAsync(HttpMethod.Get, $"{_prefix}/files/large/data?multipart-manifest=get");
        using var rows = JsonDocument.Parse(await manifest.Content.ReadAsByteArrayAsync());
        Assert.Equal(
            [5 * MiB, 5 * MiB, 2 * MiB],
            rows.RootElement.EnumerateArray().Select(row => row.GetProperty("bytes").GetInt64()).ToArray());
        Assert.All(
            rows.RootElement.EnumerateArray(),
            row => Assert.StartsWith($"/{SwiftTestStore.Container}/{_prefix}/segments/", row.GetProperty("name").GetString()));
        Assert.Equal(content, await driver.GetContentAsync("/large/data"));
        Assert.Equal(content.Length, (await driver.StatAsync("/large/data")).Size);
    }

    [Fact]
    public async Task Writer_AppendFromSecondDriver_ContinuesStoredFile()
    {
        var first = Bytes(7 * MiB + 3, seed: 3);
        var second = Bytes(4 * MiB + 5, seed: 4);
        await using (var writer = await Create(5 * MiB).WriterAsync("/append/data", 0))
        {
            await writer.WriteAsync(first);
            await writer.CommitAsync();
        }

        var other = Create(5 * MiB);
        await using (var writer = await other.WriterAsync("/append/data", first.Length))
        {
            Assert.Equal(first.Length, writer.Size);
            await writer.WriteAsync(second);
            await writer.CommitAsync();
        }

        byte[] expected = [.. first, .. second];
        Assert.Equal(expected, await Create(5 * MiB).GetContentAsync("/append/data"));
    }

    [Fact]
    public async Task Writer_TruncateLargeFile_KeepsPrefixAndDropsSegments()
    {
        var driver = Create(MiB);
        var content = Bytes(5 * MiB, seed: 5);
        await using (var writer = await driver.WriterAsync("/truncate/data", 0))
        {
            await writer.WriteAsync(content);
        }

        await using (var writer = await Create(MiB).WriterAsync("/truncate/data", 2 * MiB + 10))
        {
            await writer.WriteAsync(Bytes(100, seed: 6));
        }

        byte[] expected = [.. content[..(2 * MiB + 10)], .. Bytes(100, seed: 6)];
        Assert.Equal(expected, await driver.GetContentAsync("/truncate/data"));
        var segments = (await SwiftTestStore.ListAsync(_prefix)).Count(name => name.StartsWith($"{_prefix}/segments/", StringComparison.Ordinal));
        Assert.Equal(3, segments);
    }

    [Fact]
    public async Task PutContent_OverLargeFile_DeletesItsSegments()
    {
        var driver = Create(MiB);
        await using (var writer = await driver.WriterAsync("/replace/data", 0))
        {
            await writer.WriteAsync(Bytes(3 * MiB, seed: 7));
        }

        await driver.PutContentAsync("/replace/data", Bytes(10, seed: 8));

        Assert.Equal([$"{_prefix}/files/replace/data"], await SwiftTestStore.ListAsync(_prefix));
    }

    [Fact]
    public async Task Move_LargeFile_CopiesManifestAndKeepsSegments()
    {
        var driver = Create(MiB);
        var content = Bytes(3 * MiB + 1, seed: 9);
        await using (var writer = await driver.WriterAsync("/move/source", 0))
        {
            await writer.WriteAsync(content);
        }

        var before = await SwiftTestStore.ListAsync(_prefix);

        await driver.MoveAsync("/move/source", "/moved/target");

        Assert.Equal(content, await driver.GetContentAsync("/moved/target"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => driver.StatAsync("/move/source"));
        var after = await SwiftTestStore.ListAsync(_prefix);
        Assert.Equal(
            before.Where(name => name.Contains("/segments/", StringComparison.Ordinal)),
            after.Where(name => name.Contains("/segments/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RedirectUrl_WithSecretKey_ServesBytesWithoutToken()
    {
        var driver = Create(MiB, secretKey: "registry-tests-tempurl-key");
        await driver.PutContentAsync("/redirect/data", Bytes(3000, seed: 10));

        var url = await driver.RedirectUrlAsync("/redirect/data", "GET");

        Assert.NotNull(url);
        Assert.Contains("temp_url_sig=", url.Query);
        Assert.Contains("temp_url_expires=", url.Query);
        using var http = new HttpClient();
        Assert.Equal(Bytes(3000, seed: 10), await GetWhenKeyIsKnownAsync(http, url));
    }

    /// <summary>
    /// GETs a TempURL, retrying while Swift returns 401. The proxy caches account metadata for up
    /// to 60 s, and a request of a parallel test can put the account's metadata from before the
    /// driver set the key back into that cache.
    /// </summary>
    private static async Task<byte[]> GetWhenKeyIsKnownAsync(HttpClient http, Uri url)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(75);
        while (true)
        {
            using var response = await http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.Unauthorized || DateTime.UtcNow > deadline)
            {
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsByteArrayAsync();
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task RedirectUrl_WithoutSecretKey_ReturnsNull()
    {
        var driver = Create(MiB);
        await driver.PutContentAsync("/redirect/data", Bytes(10, seed: 11));

        Assert.Null(await driver.RedirectUrlAsync("/redirect/data", "GET"));
    }

    [Fact]
    public async Task Reader_DynamicLargeObjectOfDistribution_ReadsSegments()
    {
        // The layout distribution v2.8 writes: numbered segments and an empty object with X-Object-Manifest.
        var segmentsPath = $"{_prefix}/segments/abc/{new string('d', 37)}";
        byte[][] parts = [Bytes(MiB, seed: 12), Bytes(MiB, seed: 13), Bytes(1000, seed: 14)];
        for (var number = 1; number <= parts.Length; number++)
        {
            using var put = await SwiftTestStore.SendAsync(HttpMethod.Put, $"{segmentsPath}/{number:D16}", parts[number - 1]);
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using (var manifest = await SwiftTestStore.SendAsync(
            HttpMethod.Put, $"{_prefix}/files/dlo/data", [], new Dictionary<string, string> { ["X-Object-Manifest"] = $"{SwiftTestStore.Container}/{segmentsPath}" }))
        {
            Assert.Equal(HttpStatusCode.Created, manifest.StatusCode);
        }

        var driver = Create(MiB);
        byte[] content = [.. parts[0], .. parts[1], .. parts[2]];

        Assert.Equal(content, await driver.GetContentAsync("/dlo/data"));
        Assert.Equal(content.Length, (await driver.StatAsync("/dlo/data")).Size);
        await using (var stream = await driver.ReaderAsync("/dlo/data", MiB + 7))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(content[(MiB + 7)..], copy.ToArray());
        }

        await using (var writer = await driver.WriterAsync("/dlo/data", content.Length))
        {
            await writer.WriteAsync(Bytes(2 * MiB, seed: 15));
        }

        byte[] appended = [.. content, .. Bytes(2 * MiB, seed: 15)];
        Assert.Equal(appended, await driver.GetContentAsync("/dlo/data"));
    }

    private SwiftDriver Create(long chunkSize, string secretKey = "", HttpMessageHandler? handler = null)
    {
        var driver = new SwiftDriver(SwiftTestStore.Options(_prefix, chunkSize, secretKey), handler: handler);
        _drivers.Add(driver);
        return driver;
    }

    private static byte[] Bytes(int length, int seed)
    {
        var content = new byte[length];
        new Random(seed).NextBytes(content);
        return content;
    }

    /// <summary>Counts the requests that pass through it, by method.</summary>
    private sealed class RequestCounter() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly List<HttpMethod> _methods = [];

        public int Count(HttpMethod method)
        {
            lock (_methods)
            {
                return _methods.Count(seen => seen == method);
            }
        }

        public void Clear()
        {
            lock (_methods)
            {
                _methods.Clear();
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_methods)
            {
                _methods.Add(request.Method);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
