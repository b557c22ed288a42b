namespace Registry.Storage.Drivers.Azure;

/// <summary>How the <c>azure</c> driver authenticates to the Blob service.</summary>
public enum AzureCredentialType
{
    /// <summary>The storage account's name and key (distribution's <c>shared_key</c>, the default).</summary>
    SharedKey,

    /// <summary>A Microsoft Entra application's client secret (distribution's <c>client_secret</c>).</summary>
    ClientSecret,

    /// <summary>The environment's credential chain of Azure.Identity (distribution's <c>default_credentials</c>).</summary>
    DefaultCredentials,

    /// <summary>A storage connection string, which names the endpoint and the key or a SAS token.</summary>
    ConnectionString,
}

/// <summary>Settings of the <c>azure</c> driver (<c>storage.azure</c> in <c>config.yml</c>).</summary>
public sealed class AzureDriverOptions
{
    /// <summary>The credential used for every request. Default <see cref="AzureCredentialType.SharedKey"/>.</summary>
    public AzureCredentialType CredentialType { get; set; } = AzureCredentialType.SharedKey;

    /// <summary>The storage account's name. Required unless a connection string or <see cref="ServiceUrl"/> names the endpoint.</summary>
    public string AccountName { get; set; } = "";

    /// <summary>The storage account's key, base64-encoded, for <see cref="AzureCredentialType.SharedKey"/>.</summary>
    public string AccountKey { get; set; } = "";

    /// <summary>The connection string for <see cref="AzureCredentialType.ConnectionString"/>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The directory (tenant) ID for <see cref="AzureCredentialType.ClientSecret"/>.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The application (client) ID for <see cref="AzureCredentialType.ClientSecret"/>.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The client secret for <see cref="AzureCredentialType.ClientSecret"/>.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The container that stores the registry's data. Created at first use when missing.</summary>
    public string Container { get; set; } = "";

    /// <summary>
    /// The Blob service endpoint, such as <c>https://account.blob.core.windows.net</c>. Default null,
    /// which derives <c>https://&lt;AccountName&gt;.blob.&lt;Realm&gt;</c>.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>The domain suffix of the service, used when <see cref="ServiceUrl"/> is null. Default <c>core.windows.net</c>.</summary>
    public string Realm { get; set; } = "core.windows.net";

    /// <summary>
    /// A prefix of every blob name. The driver path <c>/a/b</c> is the blob
    /// <c>&lt;RootDirectory without its trailing slash&gt;/a/b</c> without its leading slash, as in
    /// distribution v3. Default empty, the container's root.
    /// </summary>
    public string RootDirectory { get; set; } = "";

    /// <summary>
    /// Whether blob names keep the leading slash, as distribution v2.8 wrote them (<c>/docker/registry/v2/...</c>,
    /// shown as an unnamed top folder by the Azure portal). Default false, the v3 layout.
    /// </summary>
    public bool LegacyRootPrefix { get; set; }

    /// <summary>Retries of a request that failed with a transient error (408, 429, 500, 502, 503, 504, network). Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first delay before a retry; later delays double, with jitter. Default 100 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between two retries. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Polls of a pending server-side copy before the move is aborted. Default 5. -1 polls never,
    /// so a copy that is still pending after its start fails the move.
    /// </summary>
    public int CopyStatusPollMaxRetry { get; set; } = 5;

    /// <summary>The delay before the first poll of a pending copy; the n-th poll waits n times as long. Default 100 ms.</summary>
    public TimeSpan CopyStatusPollDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The size of each staged block, in bytes, and the size below which a writer stores its file
    /// with one Put Blob. Default 4 MiB, which allows blobs of about 195 GiB (50,000 blocks).
    /// </summary>
    public int BlockSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Whether the service's TLS certificate is accepted without verification. Default false.</summary>
    public bool SkipVerify { get; set; }

    /// <summary>How long a redirect URL stays valid. Default 20 minutes, as in distribution.</summary>
    public TimeSpan RedirectExpiry { get; set; } = TimeSpan.FromMinutes(20);
}
