using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

// The object-store drivers' keys, as distribution's storage-driver pages list them (v2.8 and v3.0).
// They are parsed so that a distribution configuration loads, but this version serves none of these
// drivers yet, so selecting one stops start-up.

/// <summary>The <c>storage.s3</c> section: Amazon S3 and S3-compatible services.</summary>
public sealed class S3StorageSection
{
    /// <summary><c>accesskey</c>: the AWS access key. Empty to use instance or IAM credentials.</summary>
    [ConfigKey("accesskey")]
    public string AccessKey { get; set; } = "";

    /// <summary><c>secretkey</c>: the AWS secret key.</summary>
    [ConfigKey("secretkey")]
    [Secret]
    public string SecretKey { get; set; } = "";

    /// <summary><c>region</c>: the bucket's AWS region, such as <c>us-east-1</c>.</summary>
    [ConfigKey("region")]
    public string Region { get; set; } = "";

    /// <summary><c>regionendpoint</c>: the endpoint URL of an S3-compatible service.</summary>
    [ConfigKey("regionendpoint")]
    public string RegionEndpoint { get; set; } = "";

    /// <summary><c>forcepathstyle</c>: whether path-style addressing is used. Default false.</summary>
    [ConfigKey("forcepathstyle")]
    public bool ForcePathStyle { get; set; }

    /// <summary><c>accelerate</c>: whether S3 Transfer Acceleration is used. Default false.</summary>
    [ConfigKey("accelerate")]
    public bool Accelerate { get; set; }

    /// <summary><c>bucket</c>: the bucket that stores the registry's data.</summary>
    [ConfigKey("bucket")]
    public string Bucket { get; set; } = "";

    /// <summary><c>encrypt</c>: whether objects are encrypted on the server side. Default false.</summary>
    [ConfigKey("encrypt")]
    public bool Encrypt { get; set; }

    /// <summary><c>keyid</c>: the KMS key ID used when <c>encrypt</c> is true.</summary>
    [ConfigKey("keyid")]
    public string KeyId { get; set; } = "";

    /// <summary><c>secure</c>: whether HTTPS is used. Default true.</summary>
    [ConfigKey("secure")]
    public bool Secure { get; set; } = true;

    /// <summary><c>skipverify</c>: whether the service's TLS certificate is not verified. Default false.</summary>
    [ConfigKey("skipverify")]
    public bool SkipVerify { get; set; }

    /// <summary><c>v4auth</c>: whether AWS signature version 4 is used. Default true.</summary>
    [ConfigKey("v4auth")]
    public bool V4Auth { get; set; } = true;

    /// <summary><c>chunksize</c>: the multipart upload part size, in bytes. At least 5 MiB.</summary>
    [ConfigKey("chunksize")]
    public long ChunkSize { get; set; }

    /// <summary><c>multipartcopychunksize</c>: the part size when copying stored objects, in bytes.</summary>
    [ConfigKey("multipartcopychunksize")]
    public long MultipartCopyChunkSize { get; set; }

    /// <summary><c>multipartcopymaxconcurrency</c>: the maximum number of parts copied at once.</summary>
    [ConfigKey("multipartcopymaxconcurrency")]
    public int MultipartCopyMaxConcurrency { get; set; }

    /// <summary><c>multipartcopythresholdsize</c>: the object size above which a copy is multipart, in bytes.</summary>
    [ConfigKey("multipartcopythresholdsize")]
    public long MultipartCopyThresholdSize { get; set; }

    /// <summary><c>rootdirectory</c>: a prefix applied to every key. Default the bucket root.</summary>
    [ConfigKey("rootdirectory")]
    public string RootDirectory { get; set; } = "";

    /// <summary><c>storageclass</c>: the S3 storage class of each object. Default STANDARD.</summary>
    [ConfigKey("storageclass")]
    public string StorageClass { get; set; } = "";

    /// <summary><c>useragent</c>: the User-Agent of S3 requests.</summary>
    [ConfigKey("useragent")]
    public string UserAgent { get; set; } = "";

    /// <summary><c>usedualstack</c>: whether AWS dual-stack endpoints are used. Default false.</summary>
    [ConfigKey("usedualstack")]
    public bool UseDualStack { get; set; }

    /// <summary><c>objectacl</c>: the canned ACL of each object. Default private.</summary>
    [ConfigKey("objectacl")]
    public string ObjectAcl { get; set; } = "";

    /// <summary><c>loglevel</c>: the S3 client's log level. Default off.</summary>
    [ConfigKey("loglevel")]
    public string LogLevel { get; set; } = "";
}

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

/// <summary>The <c>storage.gcs</c> section: Google Cloud Storage.</summary>
public sealed class GcsStorageSection
{
    /// <summary><c>bucket</c>: the bucket that stores the registry's data.</summary>
    [ConfigKey("bucket")]
    public string Bucket { get; set; } = "";

    /// <summary><c>keyfile</c>: a service account key file in JSON.</summary>
    [ConfigKey("keyfile")]
    public string KeyFile { get; set; } = "";

    /// <summary><c>credentials</c>: a service account key given inline instead of <c>keyfile</c>.</summary>
    [ConfigKey("credentials")]
    public GcsCredentialsSection Credentials { get; set; } = new();

    /// <summary><c>rootdirectory</c>: a prefix applied to every object name.</summary>
    [ConfigKey("rootdirectory")]
    public string RootDirectory { get; set; } = "";

    /// <summary><c>chunksize</c>: the upload chunk size, in bytes, a multiple of 256 KiB. Default 5242880.</summary>
    [ConfigKey("chunksize")]
    public long ChunkSize { get; set; } = 5_242_880;

    /// <summary><c>disablekeepalives</c>: whether each HTTP connection serves one request. Default false.</summary>
    [ConfigKey("disablekeepalives")]
    public bool DisableKeepAlives { get; set; }
}

/// <summary>The <c>storage.gcs.credentials</c> section: the fields of a service account key file.</summary>
public sealed class GcsCredentialsSection
{
    /// <summary><c>type</c>: the key type, <c>service_account</c>.</summary>
    [ConfigKey("type")]
    public string Type { get; set; } = "";

    /// <summary><c>project_id</c>: the Google Cloud project.</summary>
    [ConfigKey("project_id")]
    public string ProjectId { get; set; } = "";

    /// <summary><c>private_key_id</c>: the ID of the private key.</summary>
    [ConfigKey("private_key_id")]
    public string PrivateKeyId { get; set; } = "";

    /// <summary><c>private_key</c>: the private key, in PEM.</summary>
    [ConfigKey("private_key")]
    [Secret]
    public string PrivateKey { get; set; } = "";

    /// <summary><c>client_email</c>: the service account's address.</summary>
    [ConfigKey("client_email")]
    public string ClientEmail { get; set; } = "";

    /// <summary><c>client_id</c>: the service account's client ID.</summary>
    [ConfigKey("client_id")]
    public string ClientId { get; set; } = "";

    /// <summary><c>auth_uri</c>: the OAuth authorization endpoint.</summary>
    [ConfigKey("auth_uri")]
    public string AuthUri { get; set; } = "";

    /// <summary><c>token_uri</c>: the OAuth token endpoint.</summary>
    [ConfigKey("token_uri")]
    public string TokenUri { get; set; } = "";

    /// <summary><c>auth_provider_x509_cert_url</c>: the URL of the provider's certificates.</summary>
    [ConfigKey("auth_provider_x509_cert_url")]
    public string AuthProviderX509CertUrl { get; set; } = "";

    /// <summary><c>client_x509_cert_url</c>: the URL of the service account's certificates.</summary>
    [ConfigKey("client_x509_cert_url")]
    public string ClientX509CertUrl { get; set; } = "";
}
