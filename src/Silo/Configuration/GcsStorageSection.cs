using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

// Keys as distribution's gcs storage-driver page lists them (v2.8 and v3.0).

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
