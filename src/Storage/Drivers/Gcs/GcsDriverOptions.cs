namespace Registry.Storage.Drivers.Gcs;

/// <summary>Settings of the <c>gcs</c> driver (<c>storage.gcs</c> in <c>config.yml</c>).</summary>
public sealed class GcsDriverOptions
{
    /// <summary>The smallest unit of a resumable upload chunk that GCS accepts: 256 KiB.</summary>
    public const int ChunkGranularity = 256 * 1024;

    /// <summary>The default chunk size, 5 MiB, as distribution's documentation of <c>storage.gcs.chunksize</c> gives it.</summary>
    public const int DefaultChunkSize = 5 * 1024 * 1024;

    /// <summary>Name of the bucket, set by <c>storage.gcs.bucket</c>. Required.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>
    /// Prefix of every object name, set by <c>storage.gcs.rootdirectory</c>, without leading or
    /// trailing slashes. The driver path <c>/a/b</c> is the object <c>&lt;RootDirectory&gt;/a/b</c>,
    /// or <c>a/b</c> when it is empty. Default empty.
    /// </summary>
    public string RootDirectory { get; set; } = "";

    /// <summary>
    /// Path of a service account key file in JSON, set by <c>storage.gcs.keyfile</c>. Default none.
    /// When neither this nor <see cref="ServiceAccountJson"/> is set, Application Default Credentials are used.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// A service account key in JSON, built from the <c>storage.gcs.credentials</c> section. Default
    /// none. <see cref="KeyFile"/> wins when both are set, as in distribution.
    /// </summary>
    public string? ServiceAccountJson { get; set; }

    /// <summary>
    /// Size of one resumable upload chunk in bytes, set by <c>storage.gcs.chunksize</c>: a positive
    /// multiple of 256 KiB. A writer that receives less than this sends its file in one simple
    /// upload. Default 5 MiB.
    /// </summary>
    public int ChunkSize { get; set; } = DefaultChunkSize;

    /// <summary>Whether each HTTP connection serves one request, set by <c>storage.gcs.disablekeepalives</c>. Default false.</summary>
    public bool DisableKeepAlives { get; set; }

    /// <summary>
    /// Base URL of the JSON API, for emulators such as <c>http://127.0.0.1:6062/</c>. Default null, the
    /// public endpoint. Not a distribution key: this registry's extension, for tests.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Whether requests carry no credentials, as emulators expect. Default false. Not a distribution key.
    /// </summary>
    public bool Anonymous { get; set; }

    /// <summary>How many times a failed idempotent request is sent again (on 429, 5xx or a transport error). Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Delay before the first retry; each further retry doubles it. Default 1 second.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the configuration key of the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            throw new ArgumentException("storage.gcs.bucket is missing or empty. Set it to the name of the bucket that stores the registry's data.");
        }

        if (ChunkSize <= 0 || ChunkSize % ChunkGranularity != 0)
        {
            throw new ArgumentException(
                $"storage.gcs.chunksize is {ChunkSize}, but it must be a positive multiple of {ChunkGranularity} (256 KiB), for example {DefaultChunkSize}.");
        }

        if (MaxRetries < 0)
        {
            throw new ArgumentException($"The GCS retry count is {MaxRetries}, but it must be 0 or more.");
        }
    }
}
