namespace Registry.Storage.Drivers.S3;

/// <summary>Settings of the <c>s3</c> driver (<c>storage.s3</c> in <c>config.yml</c>), with distribution's defaults.</summary>
public sealed class S3DriverOptions
{
    /// <summary>Smallest part that S3 accepts in a multipart upload, except for the last part: 5 MiB.</summary>
    public const long MinPartSize = 5L * 1024 * 1024;

    /// <summary>Largest part, and largest range of one UploadPartCopy, that S3 accepts: 5 GiB.</summary>
    public const long MaxPartSize = 5L * 1024 * 1024 * 1024;

    /// <summary>Storage class value that sends no <c>x-amz-storage-class</c> header, for services that reject it.</summary>
    public const string NoStorageClass = "NONE";

    /// <summary>Access key ID (<c>accesskey</c>). Empty to use the SDK's default credential chain.</summary>
    public string AccessKey { get; set; } = "";

    /// <summary>Secret access key (<c>secretkey</c>). Empty to use the SDK's default credential chain.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>AWS region (<c>region</c>), such as <c>us-east-1</c>. With <see cref="RegionEndpoint"/> it is only the signing region; default <c>us-east-1</c> there.</summary>
    public string Region { get; set; } = "";

    /// <summary>Endpoint URL of an S3-compatible service (<c>regionendpoint</c>). Empty for AWS.</summary>
    public string RegionEndpoint { get; set; } = "";

    /// <summary>Bucket that stores the tree (<c>bucket</c>). Required.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>Whether requests address the bucket in the path instead of the host name (<c>forcepathstyle</c>). Default false.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Whether HTTPS is used when <see cref="RegionEndpoint"/> has no scheme, or for AWS (<c>secure</c>). Default true.</summary>
    public bool Secure { get; set; } = true;

    /// <summary>Whether the service's TLS certificate is accepted without verification (<c>skipverify</c>). Default false.</summary>
    public bool SkipVerify { get; set; }

    /// <summary>Whether requests are signed with AWS Signature Version 4 (<c>v4auth</c>). Default true; the SDK signs only with version 4.</summary>
    public bool V4Auth { get; set; } = true;

    /// <summary>Whether AWS dual-stack (IPv4 and IPv6) endpoints are used (<c>usedualstack</c>). Default false.</summary>
    public bool UseDualStack { get; set; }

    /// <summary>Whether S3 Transfer Acceleration endpoints are used (<c>accelerate</c>). Default false.</summary>
    public bool Accelerate { get; set; }

    /// <summary>Whether AWS FIPS endpoints are used (<c>usefipsendpoint</c>). Default false.</summary>
    public bool UseFipsEndpoint { get; set; }

    /// <summary>Whether objects are encrypted on the server side (<c>encrypt</c>): SSE-S3, or SSE-KMS when <see cref="KeyId"/> is set. Default false.</summary>
    public bool Encrypt { get; set; }

    /// <summary>KMS key ID for SSE-KMS (<c>keyid</c>), used only when <see cref="Encrypt"/> is true. Default empty.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>Storage class of new objects (<c>storageclass</c>), or <see cref="NoStorageClass"/>. Default <c>STANDARD</c>.</summary>
    public string StorageClass { get; set; } = "STANDARD";

    /// <summary>Canned ACL of new objects (<c>objectacl</c>). Default <c>private</c>.</summary>
    public string ObjectAcl { get; set; } = "private";

    /// <summary>Text added to the User-Agent header of every request (<c>useragent</c>). Default empty.</summary>
    public string UserAgent { get; set; } = "";

    /// <summary>
    /// Part size of multipart uploads, in bytes (<c>chunksize</c>): a writer buffers this much before
    /// it sends a part. Between 5 MiB and the largest array (about 2 GiB); default 10 MiB.
    /// </summary>
    public long ChunkSize { get; set; } = 10L * 1024 * 1024;

    /// <summary>Range of one UploadPartCopy in a multipart copy, in bytes (<c>multipartcopychunksize</c>). Between 5 MiB and 5 GiB; default 32 MiB.</summary>
    public long MultipartCopyChunkSize { get; set; } = 32L * 1024 * 1024;

    /// <summary>Maximum number of UploadPartCopy requests of one copy in flight (<c>multipartcopymaxconcurrency</c>). At least 1; default 100.</summary>
    public int MultipartCopyMaxConcurrency { get; set; } = 100;

    /// <summary>
    /// Object size above which a move copies in parts, in bytes (<c>multipartcopythresholdsize</c>);
    /// a smaller object is copied with one CopyObject. Between 0 and 5 GiB; default 32 MiB.
    /// </summary>
    public long MultipartCopyThresholdSize { get; set; } = 32L * 1024 * 1024;

    /// <summary>Key prefix of the tree (<c>rootdirectory</c>); leading and trailing slashes are ignored. Default empty: the bucket root.</summary>
    public string RootDirectory { get; set; } = "";

    /// <summary>
    /// Whether each S3 request is logged at Debug with its method, path and status (<c>loglevel</c>
    /// other than <c>off</c>). Default false. Signatures and bodies are never logged.
    /// </summary>
    public bool LogRequests { get; set; }

    /// <summary>Attempts of one request, the first included, with the SDK's standard retry mode. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Time allowed to open a connection to the service. Default 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one request, body included. Default 5 minutes, enough for one part on a slow link.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Keys per ListObjectsV2 page, at most 1000 (the S3 maximum, and the default); tests lower it to exercise paging.</summary>
    internal int ListPageSize { get; set; } = 1000;

    /// <summary>Wraps the socket handler of the S3 client, under the driver's own logging; tests use it to count or fail requests. Default none.</summary>
    internal Func<HttpMessageHandler, HttpMessageHandler>? WrapHttpHandler { get; set; }
}
