using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.Azure;
using Registry.StorageTests.Conformance;
using Registry.StorageTests.Services;

namespace Registry.StorageTests.Drivers;

/// <summary>The conformance suite against Azurite, or against the account that REGISTRY_TEST_AZURE_CONNECTIONSTRING names.</summary>
public sealed class AzureDriverTests : StorageDriverConformanceTests
{
    private readonly string _prefix = TestServices.UniquePrefix("azure");

    protected override bool FilesAndDirectoriesExclude => false;

    protected override IStorageDriver CreateDriver() => AzureTestStore.CreateDriver(_prefix);

    protected override Task<IReadOnlyList<string>> RemainingObjectsAsync() => AzureTestStore.RemainingBlobsAsync(_prefix);
}

/// <summary>The container and driver settings that the Azure tests share.</summary>
internal static class AzureTestStore
{
    public static BlobContainerClient Container { get; } =
        new BlobServiceClient(TestServices.AzureConnectionString).GetBlobContainerClient(TestServices.AzureContainer);

    public static AzureDriverOptions Options(string rootDirectory, int blockSize = 4 * 1024 * 1024) => new()
    {
        CredentialType = AzureCredentialType.ConnectionString,
        ConnectionString = TestServices.AzureConnectionString,
        Container = TestServices.AzureContainer,
        RootDirectory = rootDirectory,
        BlockSize = blockSize,
    };

    public static AzureDriver CreateDriver(string rootDirectory, int blockSize = 4 * 1024 * 1024) => new(Options(rootDirectory, blockSize));

    /// <summary>Lists every blob under the prefix, including those with only uncommitted blocks.</summary>
    public static async Task<IReadOnlyList<string>> RemainingBlobsAsync(string prefix)
    {
        var remaining = new List<string>();
        var options = new GetBlobsOptions { Prefix = prefix + "/", States = BlobStates.Uncommitted | BlobStates.Snapshots };
        await foreach (var blob in Container.GetBlobsAsync(options))
        {
            remaining.Add(blob.Name);
        }

        return remaining;
    }
}
