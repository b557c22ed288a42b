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

    protected override IStorageDriver CreateDriver()
    {
        TestServices.EnsureAzureReachable();
        return AzureTestStore.CreateDriver(_prefix);
    }

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

/// <summary>How the Azure driver retries and reports an unreachable service.</summary>
public sealed class AzureDriverRetryTests
{
    [Fact]
    public async Task Request_UnreachableEndpoint_LogsEachRetry()
    {
        var logger = new RecordingLogger();
        var options = AzureTestStore.Options("retry");
        options.CredentialType = AzureCredentialType.SharedKey;
        options.AccountName = "devstoreaccount1";
        options.AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        // Port 9 (discard) has no listener here, so each attempt fails to connect.
        options.ServiceUrl = new Uri("http://127.0.0.1:9/devstoreaccount1");
        options.MaxRetries = 2;
        options.RetryDelay = TimeSpan.FromMilliseconds(1);
        var driver = new AzureDriver(options, logger);

        var exception = await Assert.ThrowsAsync<StorageDriverException>(() => driver.StatAsync("/file"));

        Assert.Contains("devstoreaccount1", exception.Message);
        Assert.Equal([1, 2], logger.Retries);
    }

    private sealed class RecordingLogger : Microsoft.Extensions.Logging.ILogger<AzureDriver>
    {
        public List<int> Retries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(
            Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 4203 && state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                lock (Retries)
                {
                    Retries.Add((int)fields.First(field => field.Key == "Attempt").Value!);
                }
            }
        }
    }
}
