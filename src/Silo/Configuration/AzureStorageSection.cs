using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

// Keys as distribution's azure storage-driver page lists them (v2.8 and v3.0).

/// <summary>The <c>storage.azure</c> section: Azure Blob Storage.</summary>
public sealed class AzureStorageSection
{
    /// <summary><c>accountname</c>: the storage account.</summary>
    [ConfigKey("accountname")]
    public string AccountName { get; set; } = "";

    /// <summary><c>accountkey</c>: the storage account's key.</summary>
    [ConfigKey("accountkey")]
    [Secret]
    public string AccountKey { get; set; } = "";

    /// <summary><c>container</c>: the container that stores the registry's data.</summary>
    [ConfigKey("container")]
    public string Container { get; set; } = "";

    /// <summary><c>realm</c>: the domain suffix of the service. Default core.windows.net.</summary>
    [ConfigKey("realm")]
    public string Realm { get; set; } = "";

    /// <summary><c>rootdirectory</c>: a prefix applied to every blob name.</summary>
    [ConfigKey("rootdirectory")]
    public string RootDirectory { get; set; } = "";

    /// <summary><c>credentials</c>: a client-secret credential instead of the account key.</summary>
    [ConfigKey("credentials")]
    public AzureCredentialsSection Credentials { get; set; } = new();

    /// <summary><c>max_retries</c>: retries of a failed request (distribution v3).</summary>
    [ConfigKey("max_retries")]
    public int MaxRetries { get; set; }

    /// <summary><c>retry_delay</c>: the delay between retries, as a Go duration (distribution v3).</summary>
    [ConfigKey("retry_delay")]
    public TimeSpan RetryDelay { get; set; }

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
    /// <summary><c>type</c>: the credential type, such as <c>client_secret</c>.</summary>
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
