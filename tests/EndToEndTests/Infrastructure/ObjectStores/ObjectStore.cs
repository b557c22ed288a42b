namespace Registry.EndToEndTests.Infrastructure.ObjectStores;

/// <summary>
/// An object-store server that a registry can keep its data on, and the API it is reached through.
/// s3rver is not one: it has no CopyObject, which the S3 driver needs to move a finished upload to its blob.
/// </summary>
public enum StoreBackend
{
    /// <summary>The S3 driver on the s3api middleware of the Swift all-in-one.</summary>
    S3OnSwift,

    /// <summary>The azure driver on Azurite.</summary>
    Azure,

    /// <summary>The gcs driver on the firebase-tools storage emulator.</summary>
    Gcs,

    /// <summary>The swift driver on the native API of the Swift all-in-one, with tempauth.</summary>
    Swift,
}

/// <summary>
/// One test's own area of an object store: a root directory (or Swift prefix) no other test uses,
/// in a bucket or container shared by the tests. It writes the registry's storage driver block,
/// creates the bucket, lists what the registries wrote there and deletes it.
/// </summary>
public abstract class ObjectStore : IAsyncDisposable
{
    /// <summary>The tree that distribution's storage layout writes under the driver's root.</summary>
    public const string RegistryTree = "docker/registry/v2/";

    protected ObjectStore(StoreBackend backend)
    {
        Backend = backend;
        RootDirectory = $"e2e-{Guid.NewGuid():N}";
    }

    public StoreBackend Backend { get; }

    /// <summary>The test's root directory in the bucket, without slashes. Every key of the test starts with it.</summary>
    public string RootDirectory { get; }

    /// <summary>The key prefix of distribution's <c>docker/registry/v2/</c> tree in this store.</summary>
    public virtual string RegistryTreePrefix => $"{RootDirectory}/{RegistryTree}";

    /// <summary>The driver block under <c>storage:</c> of a registry config, such as <c>s3:</c> and its keys.</summary>
    public abstract string DriverYaml { get; }

    /// <summary>
    /// The start of the URL of a blob GET redirect to this store, or null when the driver cannot presign
    /// here, in which case <see cref="NoRedirectReason"/> gives the reason.
    /// </summary>
    public abstract string? RedirectUrlPrefix { get; }

    /// <summary>Environment variables that a registry process needs for this store, beside its config.</summary>
    public virtual IReadOnlyDictionary<string, string> ServerEnvironment { get; } = new Dictionary<string, string>();

    /// <summary>Why a registry serves blobs itself on this store even with redirects on, or null when it redirects.</summary>
    public virtual string? NoRedirectReason => null;

    /// <summary>
    /// Returns the options of a registry that keeps its data here, with blob redirects on or off
    /// (<c>storage.redirect.disable</c>).
    /// </summary>
    public ServerOptions CreateServerOptions(bool redirect) => new()
    {
        StorageDriverYaml = DriverYaml,
        Environment = _ => ServerEnvironment,
        StorageYaml = $"redirect:\n  disable: {(redirect ? "false" : "true")}\n",
    };

    /// <summary>Creates the shared bucket or container when it does not exist yet.</summary>
    public abstract Task CreateBucketAsync();

    /// <summary>Returns every key under <see cref="RootDirectory"/>, sorted ordinally.</summary>
    public abstract Task<IReadOnlyList<string>> ListKeysAsync();

    /// <summary>Deletes one key.</summary>
    protected abstract Task DeleteKeyAsync(string key);

    /// <summary>Deletes every key under <see cref="RootDirectory"/> and returns how many there were.</summary>
    public virtual async Task<int> DeleteAllAsync()
    {
        var keys = await ListKeysAsync();
        foreach (var key in keys)
        {
            await DeleteKeyAsync(key);
        }

        return keys.Count;
    }

    /// <summary>Returns the keys of distribution's tree, relative to <see cref="RegistryTreePrefix"/>.</summary>
    public async Task<IReadOnlyList<string>> ListRegistryTreeAsync()
    {
        var keys = await ListKeysAsync();
        return keys.Where(key => key.StartsWith(RegistryTreePrefix, StringComparison.Ordinal))
            .Select(key => key[RegistryTreePrefix.Length..])
            .ToList();
    }

    public static ObjectStore Create(StoreBackend backend) => backend switch
    {
        StoreBackend.S3OnSwift => new S3Store("http://127.0.0.1:6040", "test:tester", "testing"),
        StoreBackend.Azure => new AzureStore(),
        StoreBackend.Gcs => new GcsStore(),
        StoreBackend.Swift => new SwiftStore(),
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "No object store is defined for this backend."),
    };

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>The shared bucket or container of the end-to-end tests.</summary>
    protected const string SharedBucket = "registry-e2e";
}
