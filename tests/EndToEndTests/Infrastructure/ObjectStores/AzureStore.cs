using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Registry.EndToEndTests.Infrastructure.ObjectStores;

/// <summary>A test's root directory in a container of Azurite's well-known development account.</summary>
public sealed class AzureStore : ObjectStore
{
    private const string AccountName = "devstoreaccount1";

    // Azurite's published development key, the same on every installation; it guards nothing.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string ServiceUrl = $"http://127.0.0.1:10000/{AccountName}";

    private readonly BlobContainerClient _container;

    public AzureStore()
        : base(StoreBackend.Azure)
    {
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={ServiceUrl};";
        _container = new BlobContainerClient(connectionString, SharedBucket);
    }

    // NOTE: distribution's azure driver builds its URL from accountname and realm only, always over
    // HTTPS. serviceurl is the key that points ours at Azurite.
    public override string DriverYaml => $"""
        azure:
          accountname: {AccountName}
          accountkey: {Yaml.Quote(AccountKey)}
          container: {SharedBucket}
          serviceurl: {ServiceUrl}
          rootdirectory: /{RootDirectory}
        """;

    public override string? RedirectUrlPrefix => $"{ServiceUrl}/{SharedBucket}/{RootDirectory}/";

    public override Task CreateBucketAsync() => _container.CreateIfNotExistsAsync();

    public override async Task<IReadOnlyList<string>> ListKeysAsync()
    {
        var keys = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{RootDirectory}/", CancellationToken.None))
        {
            keys.Add(blob.Name);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    protected override Task DeleteKeyAsync(string key) => _container.DeleteBlobIfExistsAsync(key);
}
