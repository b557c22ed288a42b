using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

// Keys as distribution's s3 storage-driver page lists them (v2.8 and v3.0).

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

    /// <summary><c>usefipsendpoint</c>: whether AWS FIPS endpoints are used. Default false.</summary>
    [ConfigKey("usefipsendpoint")]
    public bool UseFipsEndpoint { get; set; }

    /// <summary><c>objectacl</c>: the canned ACL of each object. Default private.</summary>
    [ConfigKey("objectacl")]
    public string ObjectAcl { get; set; } = "";

    /// <summary><c>loglevel</c>: the S3 client's log level. Default off.</summary>
    [ConfigKey("loglevel")]
    public string LogLevel { get; set; } = "";
}
