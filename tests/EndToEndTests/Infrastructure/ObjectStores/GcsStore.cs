using System.Net;
using Google;
using Google.Cloud.Storage.V1;

namespace Registry.EndToEndTests.Infrastructure.ObjectStores;

/// <summary>A test's root directory in a bucket of the firebase-tools storage emulator (GCS JSON API).</summary>
public sealed class GcsStore : ObjectStore
{
    private const string EmulatorHost = "127.0.0.1:6062";

    private const string Endpoint = $"http://{EmulatorHost}/";

    private readonly StorageClient _client;

    public GcsStore()
        : base(StoreBackend.Gcs)
    {
        _client = new StorageClientBuilder { BaseUri = Endpoint, UnauthenticatedAccess = true }.Build();
    }

    public override string DriverYaml => $"""
        gcs:
          bucket: {SharedBucket}
          rootdirectory: /{RootDirectory}
          chunksize: {EmulatorChunkSize}
        """;

    // The emulator cuts a resumable upload sent in several chunks to its first chunk, so every
    // layer of these tests must fit in one chunk: 32 MiB, a multiple of 256 KiB.
    private const int EmulatorChunkSize = 32 * 1024 * 1024;

    // distribution's gcs driver has no endpoint key. Like Google's client libraries, ours goes to the
    // emulator that STORAGE_EMULATOR_HOST names, without credentials.
    public override IReadOnlyDictionary<string, string> ServerEnvironment { get; } =
        new Dictionary<string, string> { ["STORAGE_EMULATOR_HOST"] = EmulatorHost };

    public override string? RedirectUrlPrefix => null;

    public override string NoRedirectReason =>
        "a GCS URL is signed with a service account's private key, and the emulator runs without one, so the registry serves blobs itself";

    // The emulator creates a bucket on its first write and cannot create one on request.
    public override Task CreateBucketAsync() => Task.CompletedTask;

    public override async Task<IReadOnlyList<string>> ListKeysAsync()
    {
        var keys = new List<string>();
        try
        {
            await foreach (var item in _client.ListObjectsAsync(SharedBucket, $"{RootDirectory}/"))
            {
                keys.Add(item.Name);
            }
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            // The bucket does not exist until the first write.
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    protected override Task DeleteKeyAsync(string key) => _client.DeleteObjectAsync(SharedBucket, key);

    public override ValueTask DisposeAsync()
    {
        _client.Dispose();
        return base.DisposeAsync();
    }
}
