using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

// Keys as distribution v2.8's oss storage-driver page lists them. v3.0 removed the driver and
// this registry does not serve it: selecting it stops start-up.

/// <summary>The <c>storage.oss</c> section: Aliyun OSS.</summary>
public sealed class OssStorageSection
{
    /// <summary><c>accesskeyid</c>: the access key ID.</summary>
    [ConfigKey("accesskeyid")]
    public string AccessKeyId { get; set; } = "";

    /// <summary><c>accesskeysecret</c>: the access key secret.</summary>
    [ConfigKey("accesskeysecret")]
    [Secret]
    public string AccessKeySecret { get; set; } = "";

    /// <summary><c>region</c>: the OSS region, such as <c>oss-cn-beijing</c>.</summary>
    [ConfigKey("region")]
    public string Region { get; set; } = "";

    /// <summary><c>endpoint</c>: the endpoint. Default derived from the bucket and region.</summary>
    [ConfigKey("endpoint")]
    public string Endpoint { get; set; } = "";

    /// <summary><c>internal</c>: whether the region's internal endpoint is used. Default false.</summary>
    [ConfigKey("internal")]
    public bool Internal { get; set; }

    /// <summary><c>bucket</c>: the bucket that stores the registry's data.</summary>
    [ConfigKey("bucket")]
    public string Bucket { get; set; } = "";

    /// <summary><c>encrypt</c>: whether objects are encrypted on the server side. Default false.</summary>
    [ConfigKey("encrypt")]
    public bool Encrypt { get; set; }

    /// <summary><c>encryptionkeyid</c>: the KMS key ID used for encryption.</summary>
    [ConfigKey("encryptionkeyid")]
    public string EncryptionKeyId { get; set; } = "";

    /// <summary><c>secure</c>: whether HTTPS is used. Default true.</summary>
    [ConfigKey("secure")]
    public bool Secure { get; set; } = true;

    /// <summary><c>chunksize</c>: the multipart upload part size, in bytes. Default 10 MiB, at least 5 MiB.</summary>
    [ConfigKey("chunksize")]
    public long ChunkSize { get; set; }

    /// <summary><c>rootdirectory</c>: a prefix applied to every object name.</summary>
    [ConfigKey("rootdirectory")]
    public string RootDirectory { get; set; } = "";
}
