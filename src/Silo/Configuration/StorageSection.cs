using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>
/// The <c>storage</c> section: exactly one driver key (<c>filesystem</c>, <c>inmemory</c>, <c>s3</c>,
/// <c>azure</c>, <c>gcs</c> or <c>swift</c>; <c>oss</c> is read but stops start-up) plus the
/// driver-independent sections. As in distribution, <c>storage: inmemory</c> names a driver with no
/// parameters, and any other key is read as a driver name.
/// </summary>
[ScalarNamesKey]
[UnknownKeyIsError("storage driver", "filesystem, inmemory, s3, azure, gcs or swift")]
public sealed class StorageSection : IValidatedSection
{
    /// <summary>The storage drivers this version serves.</summary>
    public static readonly IReadOnlyList<string> SupportedDrivers = ["filesystem", "inmemory", "s3", "azure", "gcs", "swift"];

    /// <summary><c>storage.filesystem</c>: the local-disk driver, and the default when no driver is named.</summary>
    [ConfigKey("filesystem")]
    public FileSystemStorageSection? FileSystem { get; set; }

    /// <summary><c>storage.inmemory</c>: the in-memory driver, for tests. It takes no parameters.</summary>
    [ConfigKey("inmemory")]
    public InMemoryStorageSection? InMemory { get; set; }

    /// <summary><c>storage.s3</c>: Amazon S3 and compatible services.</summary>
    [ConfigKey("s3")]
    public S3StorageSection? S3 { get; set; }

    /// <summary><c>storage.azure</c>: Azure Blob Storage.</summary>
    [ConfigKey("azure")]
    public AzureStorageSection? Azure { get; set; }

    /// <summary><c>storage.gcs</c>: Google Cloud Storage.</summary>
    [ConfigKey("gcs")]
    public GcsStorageSection? Gcs { get; set; }

    /// <summary><c>storage.swift</c>: OpenStack Swift (distribution v2 only).</summary>
    [ConfigKey("swift")]
    public SwiftStorageSection? Swift { get; set; }

    /// <summary><c>storage.oss</c>: Aliyun OSS (distribution v2 only). It is read and validated, but this registry has no OSS driver, so it stops start-up.</summary>
    [ConfigKey("oss")]
    public OssStorageSection? Oss { get; set; }

    /// <summary><c>storage.delete</c>: whether manifests and blobs may be deleted.</summary>
    [ConfigKey("delete")]
    public StorageDeleteSection Delete { get; set; } = new();

    /// <summary><c>storage.redirect</c>: redirects of blob downloads to the storage backend.</summary>
    [ConfigKey("redirect")]
    public StorageRedirectSection Redirect { get; set; } = new();

    /// <summary><c>storage.cache</c>: the blob descriptor cache.</summary>
    [ConfigKey("cache")]
    public StorageCacheSection Cache { get; set; } = new();

    /// <summary><c>storage.maintenance</c>: upload purging and read-only mode.</summary>
    [ConfigKey("maintenance")]
    public StorageMaintenanceSection Maintenance { get; set; } = new();

    /// <summary><c>storage.tag</c>: tag lookup when a manifest is deleted.</summary>
    [ConfigKey("tag")]
    public StorageTagSection Tag { get; set; } = new();

    /// <summary>The configured driver's key, such as <c>s3</c>, or <c>filesystem</c> when none is named.</summary>
    public string Driver => ConfiguredDrivers().FirstOrDefault() ?? "filesystem";

    /// <summary>Selects a driver that takes default parameters and removes every other driver section.</summary>
    /// <exception cref="ArgumentException"><paramref name="driver"/> is neither <c>filesystem</c> nor <c>inmemory</c>.</exception>
    public void SelectDriver(string driver)
    {
        if (driver == Driver && ConfiguredDrivers().Count() == 1)
        {
            return;
        }

        var fileSystem = FileSystem;
        FileSystem = null;
        InMemory = null;
        S3 = null;
        Azure = null;
        Gcs = null;
        Swift = null;
        Oss = null;
        switch (driver)
        {
            case "filesystem":
                FileSystem = fileSystem ?? new FileSystemStorageSection();
                break;
            case "inmemory":
                InMemory = new InMemoryStorageSection();
                break;
            default:
                throw new ArgumentException($"storage driver '{driver}' needs parameters; only filesystem and inmemory can be selected without a storage section", nameof(driver));
        }
    }

    /// <summary>The keys of the driver sections present, in schema order.</summary>
    public IEnumerable<string> ConfiguredDrivers()
    {
        var drivers = new (string Name, object? Section)[]
        {
            ("filesystem", FileSystem), ("inmemory", InMemory), ("s3", S3), ("azure", Azure), ("gcs", Gcs), ("swift", Swift), ("oss", Oss),
        };
        return drivers.Where(driver => driver.Section is not null).Select(driver => driver.Name);
    }

    void IValidatedSection.Validate(ValidationContext context)
    {
        var drivers = ConfiguredDrivers().ToList();
        if (drivers.Count > 1)
        {
            throw context.Fail(this, $"storage names {drivers.Count} drivers ({string.Join(", ", drivers)}), but must name exactly one", context.LastWritten(this, drivers));
        }

        if (drivers.Count == 1 && !SupportedDrivers.Contains(drivers[0]))
        {
            throw context.Fail(
                this,
                $"storage driver '{drivers[0]}' is not supported by this registry; use {string.Join(", ", SupportedDrivers.SkipLast(1))} or {SupportedDrivers[^1]}",
                drivers[0]);
        }
    }
}

/// <summary>The <c>storage.delete</c> section.</summary>
public sealed class StorageDeleteSection
{
    /// <summary><c>storage.delete.enabled</c>: whether manifests and blobs may be deleted by digest. Default false.</summary>
    [ConfigKey("enabled")]
    public bool Enabled { get; set; }
}

/// <summary>The <c>storage.redirect</c> section.</summary>
public sealed class StorageRedirectSection
{
    /// <summary>
    /// <c>storage.redirect.disable</c>: whether blob downloads are served by the registry even when the
    /// backend could serve a redirect. Default false. The filesystem and inmemory drivers never redirect.
    /// </summary>
    [ConfigKey("disable")]
    public bool Disable { get; set; }
}

/// <summary>The <c>storage.tag</c> section.</summary>
public sealed class StorageTagSection
{
    /// <summary>
    /// <c>storage.tag.concurrencylimit</c>: how many tags are read at once when a deleted manifest's
    /// tags are looked up. Default 0, which means the number of processors.
    /// </summary>
    [ConfigKey("concurrencylimit")]
    public int ConcurrencyLimit { get; set; }
}

/// <summary>The <c>storage.cache</c> section.</summary>
public sealed class StorageCacheSection : IValidatedSection
{
    /// <summary><c>storage.cache.blobdescriptor</c>: inmemory or redis. Default none (no cache).</summary>
    [ConfigKey("blobdescriptor")]
    public BlobDescriptorCacheKind? BlobDescriptor { get; set; }

    /// <summary><c>storage.cache.layerinfo</c>: the deprecated name of <c>blobdescriptor</c>, used when that is absent.</summary>
    [ConfigKey("layerinfo")]
    public BlobDescriptorCacheKind? LayerInfo { get; set; }

    /// <summary><c>storage.cache.blobdescriptorsize</c>: the maximum number of descriptors the inmemory cache keeps. Default 10000, 0 for no limit.</summary>
    [ConfigKey("blobdescriptorsize")]
    public int BlobDescriptorSize { get; set; } = 10_000;

    void IValidatedSection.Validate(ValidationContext context)
    {
        if (BlobDescriptorSize < 0)
        {
            throw context.Invalid(this, "blobdescriptorsize", "must be 0 (no limit) or a positive number of descriptors");
        }

        if (LayerInfo is not null && BlobDescriptor is null)
        {
            BlobDescriptor = LayerInfo;
            context.Warn(this, "layerinfo", "storage.cache.layerinfo is deprecated; write storage.cache.blobdescriptor");
        }
    }
}

/// <summary>A <c>storage.cache.blobdescriptor</c> value.</summary>
public enum BlobDescriptorCacheKind
{
    InMemory,
    Redis,
}
