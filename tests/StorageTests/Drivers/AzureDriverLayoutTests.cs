using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.Azure;
using Registry.StorageTests.Services;

namespace Registry.StorageTests.Drivers;

/// <summary>What the Azure driver stores in the container: blob names, block lists, blob types and signed URLs.</summary>
public sealed class AzureDriverLayoutTests : IAsyncLifetime
{
    private const int KiB = 1024;
    private const int MiB = 1024 * 1024;

    private readonly string _prefix = TestServices.UniquePrefix("azure-layout");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Snapshots and uncommitted blobs included, so that a test that leaves them fails here.
        foreach (var name in await AzureTestStore.RemainingBlobsAsync(_prefix))
        {
            var blob = AzureTestStore.Container.GetBlockBlobClient(name);
            if (!await blob.ExistsAsync())
            {
                await blob.CommitBlockListAsync([]);
            }

            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots);
        }
    }

    [Fact]
    public async Task Writer_SmallFile_StoresOnePutBlob()
    {
        var driver = AzureTestStore.CreateDriver(_prefix);
        var content = Bytes(KiB, seed: 1);

        await using (var writer = await driver.WriterAsync("/upload/data", 0))
        {
            await writer.WriteAsync(content);
            await writer.CommitAsync();
        }

        var blockList = await BlockListAsync("upload/data");
        Assert.Empty(blockList.CommittedBlocks);
        Assert.Empty(blockList.UncommittedBlocks);
        Assert.Equal(content, await driver.GetContentAsync("/upload/data"));
    }

    [Fact]
    public async Task Writer_AppendAcrossDrivers_ContinuesBlockList()
    {
        var first = Bytes(9 * MiB, seed: 2);
        var second = Bytes(5 * MiB, seed: 3);
        var third = Bytes(3 * KiB, seed: 4);

        await WriteAsync(AzureTestStore.CreateDriver(_prefix), "/upload/data", 0, first, commit: true);
        await WriteAsync(AzureTestStore.CreateDriver(_prefix), "/upload/data", first.Length, second, commit: false);
        await WriteAsync(AzureTestStore.CreateDriver(_prefix), "/upload/data", first.Length + second.Length, third, commit: true);

        var blockList = await BlockListAsync("upload/data");
        var ids = blockList.CommittedBlocks.Select(block => block.Name).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Single(ids.Select(id => id.Length).Distinct());
        Assert.Equal(first.Length + second.Length + third.Length, blockList.CommittedBlocks.Sum(block => block.SizeLong));
        Assert.Empty(blockList.UncommittedBlocks);
        Assert.Equal(Concat(first, second, third), await AzureTestStore.CreateDriver(_prefix).GetContentAsync("/upload/data"));
    }

    [Theory]
    [InlineData(6 * MiB)]
    [InlineData(4 * MiB)]
    [InlineData(100)]
    public async Task Writer_OffsetInsideBlock_KeepsPrefix(int offset)
    {
        var original = Bytes(9 * MiB, seed: 5);
        var added = Bytes(10, seed: 6);
        var driver = AzureTestStore.CreateDriver(_prefix);
        await WriteAsync(driver, "/upload/data", 0, original, commit: true);

        await WriteAsync(AzureTestStore.CreateDriver(_prefix), "/upload/data", offset, added, commit: true);

        Assert.Equal(Concat(original[..offset], added), await driver.GetContentAsync("/upload/data"));
    }

    [Fact]
    public async Task Writer_ContinuesPutContentFile_AppendsBytes()
    {
        var first = Bytes(5 * MiB, seed: 7);
        var second = Bytes(2 * MiB, seed: 8);
        var driver = AzureTestStore.CreateDriver(_prefix);
        await driver.PutContentAsync("/upload/data", first);

        await WriteAsync(AzureTestStore.CreateDriver(_prefix), "/upload/data", first.Length, second, commit: true);

        Assert.Equal(Concat(first, second), await driver.GetContentAsync("/upload/data"));
    }

    [Fact]
    public async Task Writer_CancelAfterStagedBlocks_LeavesNoBlob()
    {
        var driver = AzureTestStore.CreateDriver(_prefix);

        await using (var writer = await driver.WriterAsync("/upload/data", 0))
        {
            await writer.WriteAsync(Bytes(9 * MiB, seed: 9));
            await writer.CancelAsync();
        }

        Assert.Empty(await AzureTestStore.RemainingBlobsAsync(_prefix));
    }

    [Fact]
    public async Task Writer_LegacyAppendBlob_ContinuesAppending()
    {
        var first = Bytes(1000, seed: 10);
        var second = Bytes(5 * MiB, seed: 11);
        var legacy = AzureTestStore.Container.GetAppendBlobClient(_prefix + "/upload/data");
        await legacy.CreateAsync();
        await legacy.AppendBlockAsync(new MemoryStream(first));
        var driver = AzureTestStore.CreateDriver(_prefix);

        await WriteAsync(driver, "/upload/data", first.Length, second, commit: true);

        Assert.Equal(Concat(first, second), await driver.GetContentAsync("/upload/data"));
        Assert.Equal(BlobType.Append, (await legacy.GetPropertiesAsync()).Value.BlobType);
    }

    [Fact]
    public async Task PutContent_LegacyAppendBlob_ReplacesIt()
    {
        var legacy = AzureTestStore.Container.GetAppendBlobClient(_prefix + "/link");
        await legacy.CreateAsync();
        await legacy.AppendBlockAsync(new MemoryStream(Bytes(10, seed: 12)));
        var driver = AzureTestStore.CreateDriver(_prefix);

        await driver.PutContentAsync("/link", Bytes(20, seed: 13));

        Assert.Equal(Bytes(20, seed: 13), await driver.GetContentAsync("/link"));
        Assert.Equal(BlobType.Block, (await legacy.GetPropertiesAsync()).Value.BlobType);
    }

    [Fact]
    public async Task Move_MultiBlockFile_CopiesOnServer()
    {
        var content = Bytes(9 * MiB, seed: 14);
        var driver = AzureTestStore.CreateDriver(_prefix);
        await WriteAsync(driver, "/upload/data", 0, content, commit: true);

        await driver.MoveAsync("/upload/data", "/blobs/sha256/ab/abcd/data");

        Assert.Equal(content, await driver.GetContentAsync("/blobs/sha256/ab/abcd/data"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => driver.StatAsync("/upload/data"));
    }

    [Fact]
    public async Task RedirectUrl_FetchedWithHttpClient_ReturnsBytes()
    {
        var content = Bytes(3000, seed: 15);
        var driver = AzureTestStore.CreateDriver(_prefix);
        await driver.PutContentAsync("/blobs/data", content);

        var url = await driver.RedirectUrlAsync("/blobs/data", "GET");

        Assert.NotNull(url);
        Assert.Contains("sig=", url.Query);
        Assert.Contains("sp=r&", url.Query);
        using var http = new HttpClient();
        Assert.Equal(content, await http.GetByteArrayAsync(url));
        Assert.Null(await driver.RedirectUrlAsync("/blobs/data", "PUT"));
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("/{0}")]
    [InlineData("{0}/")]
    [InlineData("/{0}/")]
    public async Task RootDirectory_AnyForm_MapsLikeDistribution(string rootDirectory)
    {
        var driver = AzureTestStore.CreateDriver(string.Format(rootDirectory, _prefix + "/registry"));

        await driver.PutContentAsync("/docker/registry/v2/repositories/app/_layers/sha256/ab/link", Encoding.ASCII.GetBytes("sha256:ab"));

        Assert.Equal(
            [_prefix + "/registry/docker/registry/v2/repositories/app/_layers/sha256/ab/link"],
            await AzureTestStore.RemainingBlobsAsync(_prefix));
        Assert.Equal(["/docker"], await driver.ListAsync("/"));
    }

    [SkippableFact]
    public async Task LegacyRootPrefix_Enabled_KeepsLeadingSlash()
    {
        // Checked against Azurite 3.37.0: it stores "/a/b" as "a/b", while Azure Storage keeps the slash.
        Skip.If(TestServices.AzureIsEmulator, "Azurite drops the leading slash of a blob name, so it cannot hold distribution v2.8's blob names");
        var options = AzureTestStore.Options(_prefix);
        options.LegacyRootPrefix = true;
        var driver = new AzureDriver(options);

        await driver.PutContentAsync("/docker/registry/v2/file", Bytes(5, seed: 16));

        var blob = AzureTestStore.Container.GetBlobClient("/" + _prefix + "/docker/registry/v2/file");
        Assert.True((await blob.ExistsAsync()).Value);
        Assert.Equal(["/docker/registry/v2/file"], await driver.WalkAsync("/").Select(file => file.Path).ToListAsync());
        await driver.DeleteAsync("/");
        Assert.False((await blob.ExistsAsync()).Value);
    }

    [Fact]
    public async Task Failure_WrongKey_NamesAccountWithoutKey()
    {
        const string wrongKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";
        var options = AzureTestStore.Options(_prefix);
        options.CredentialType = AzureCredentialType.SharedKey;
        options.AccountName = "devstoreaccount1";
        options.AccountKey = wrongKey;
        options.ServiceUrl = AzureTestStore.Container.GetParentBlobServiceClient().Uri;
        options.MaxRetries = 0;
        var driver = new AzureDriver(options);

        var exception = await Assert.ThrowsAsync<StorageDriverException>(() => driver.GetContentAsync("/file"));

        Assert.Contains("devstoreaccount1", exception.Message);
        Assert.Contains(TestServices.AzureContainer, exception.Message);
        Assert.Contains("403", exception.Message);
        Assert.DoesNotContain(wrongKey, exception.Message);
    }

    private static async Task WriteAsync(IStorageDriver driver, string path, long offset, byte[] content, bool commit)
    {
        await using var writer = await driver.WriterAsync(path, offset);
        Assert.Equal(offset, writer.Size);
        for (var start = 0; start < content.Length; start += 256 * KiB)
        {
            await writer.WriteAsync(content.AsMemory(start, Math.Min(256 * KiB, content.Length - start)));
        }

        if (commit)
        {
            await writer.CommitAsync();
        }
    }

    private async Task<BlockList> BlockListAsync(string path) =>
        (await AzureTestStore.Container.GetBlockBlobClient(_prefix + "/" + path).GetBlockListAsync(BlockListTypes.All)).Value;

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(part => part).ToArray();

    private static byte[] Bytes(int length, int seed)
    {
        var content = new byte[length];
        new Random(seed).NextBytes(content);
        return content;
    }
}
