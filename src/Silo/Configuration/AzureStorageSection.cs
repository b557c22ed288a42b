using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

// Keys as distribution's azure storage driver reads them (v2.8 and v3.0), plus legacyrootprefix,
// this registry's own key for the blob names that v2.8 wrote.

/// <summary>The <c>storage.azure</c> section: Azure Blob Storage.</summary>
public sealed class AzureStorageSection
{
    /// <summary><c>accountname</c>: the storage account. Required unless <c>connectionstring</c> or <c>serviceurl</c> names the endpoint.</summary>
    [ConfigKey("accountname")]
    public string AccountName { get; set; } = "";

    /// <summary><c>accountkey</c>: the storage account's key, base64-encoded, for the <c>shared_key</c> credential.</summary>
    [ConfigKey("accountkey")]
    [Secret]
    public string AccountKey { get; set; } = "";

    /// <summary><c>connectionstring</c>: a storage connection string, used instead of <c>accountname</c> and <c>accountkey</c>.</summary>
    [ConfigKey("connectionstring")]
    [Secret]
    public string ConnectionString { get; set; } = "";

    /// <summary><c>container</c>: the container that stores the registry's data. Created at first use when missing.</summary>
    [ConfigKey("container")]
    public string Container { get; set; } = "";

    /// <summary><c>realm</c>: the domain suffix of the service. Default core.windows.net.</summary>
    [ConfigKey("realm")]
    public string Realm { get; set; } = "";

    /// <summary><c>serviceurl</c>: the Blob service endpoint (distribution v3). Default https://&lt;accountname&gt;.blob.&lt;realm&gt;.</summary>
    [ConfigKey("serviceurl")]
    public string ServiceUrl { get; set; } = "";

    /// <summary><c>rootdirectory</c>: a prefix applied to every blob name.</summary>
    [ConfigKey("rootdirectory")]
    public string RootDirectory { get; set; } = "";

    /// <summary>
    /// <c>legacyrootprefix</c>: whether blob names start with a slash, as distribution v2.8 wrote
    /// them. Default false, the v3 layout. This registry's own key.
    /// </summary>
    [ConfigKey("legacyrootprefix")]
    public bool LegacyRootPrefix { get; set; }

    /// <summary><c>skipverify</c>: whether the service's TLS certificate is accepted without verification. Default false.</summary>
    [ConfigKey("skipverify")]
    public bool SkipVerify { get; set; }

    /// <summary><c>credentials</c>: how requests are authenticated (distribution v3).</summary>
    [ConfigKey("credentials")]
    public AzureCredentialsSection Credentials { get; set; } = new();

    /// <summary><c>max_retries</c>: retries of a request that failed with a transient error (distribution v3). Default 5.</summary>
    [ConfigKey("max_retries")]
    public int MaxRetries { get; set; } = 5;

    /// <summary><c>retry_delay</c>: the first delay before a retry, doubled for each later one, as a Go duration (distribution v3). Default 100ms.</summary>
    [ConfigKey("retry_delay")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary><c>copy_status_poll_max_retry</c>: polls of a copy's status. Default 5, -1 for none.</summary>
    [ConfigKey("copy_status_poll_max_retry")]
    public int CopyStatusPollMaxRetry { get; set; } = 5;

    /// <summary><c>copy_status_poll_delay</c>: the base delay between those polls, as a Go duration. Default 100ms.</summary>
    [ConfigKey("copy_status_poll_delay")]
    public TimeSpan CopyStatusPollDelay { get; set; } = TimeSpan.FromMilliseconds(100);
}

/// <summary>The <c>storage.azure.credentials</c> section.</summary>
public sealed class AzureCredentialsSection
{
    /// <summary><c>type</c>: <c>shared_key</c> (the default), <c>client_secret</c> or <c>default_credentials</c>.</summary>
    [ConfigKey("type")]
    public string Type { get; set; } = "";

    /// <summary><c>clientid</c>: the application's client ID.</summary>
    [ConfigKey("clientid")]
    public string ClientId { get; set; } = "";

    /// <summary><c>tenantid</c>: the directory's tenant ID.</summary>
    [ConfigKey("tenantid")]
    public string TenantId { get; set; } = "";

    /// <summary><c>secret</c>: the client secret.</summary>
    [ConfigKey("secret")]
    [Secret]
    public string Secret { get; set; } = "";
}
