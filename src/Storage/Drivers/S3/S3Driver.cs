using System.Net;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Registry.Storage.Drivers.S3;

/// <summary>
/// A driver over an Amazon S3 bucket or an S3-compatible service, with the key layout of
/// distribution's s3-aws driver (see <see cref="S3Keys"/>), so a bucket written by registry:2 is
/// served as it is.
/// </summary>
/// <remarks>
/// Files are objects and directories are key prefixes: a directory exists while a key lies below it,
/// and a path may be a file and a directory at once. Every SDK failure surfaces as a
/// <see cref="StorageDriverException"/> that names the endpoint, the bucket and the S3 error code,
/// or as <see cref="PathNotFoundException"/> for a missing key.
/// </remarks>
public sealed partial class S3Driver : IStorageDriver, IDisposable
{
    public const string DriverName = "s3";

    /// <summary>Lifetime of a presigned URL, the one distribution gives its redirects.</summary>
    internal static readonly TimeSpan RedirectLifetime = TimeSpan.FromMinutes(20);

    private const string ContentType = "application/octet-stream";

    private readonly AmazonS3Client _client;
    private readonly S3DriverOptions _options;
    private readonly S3Keys _keys;
    private readonly ILogger _logger;
    private readonly string _endpoint;

    public S3Driver(S3DriverOptions options, ILogger<S3Driver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        S3DriverOptionsValidator.Validate(options);
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _keys = new S3Keys(options.RootDirectory);
        _endpoint = S3ClientFactory.EndpointUrl(options) ?? $"AWS region {options.Region}";
        if (!options.V4Auth)
        {
            S3DriverLog.V4AuthIgnored(_logger);
        }

        _client = S3ClientFactory.Create(options, _logger);
        S3DriverLog.DriverCreated(_logger, options.Bucket, _endpoint, options.RootDirectory);
    }

    public string Name => DriverName;

    internal AmazonS3Client Client => _client;

    internal S3DriverOptions Options => _options;

    internal ILogger Logger => _logger;

    internal S3Keys Keys => _keys;

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        var request = new GetObjectRequest { BucketName = _options.Bucket, Key = _keys.KeyOf(path) };
        return await CallAsync("GetObject", path, async () =>
        {
            using var response = await _client.GetObjectAsync(request, cancellationToken);
            var content = new byte[response.ContentLength];
            await response.ResponseStream.ReadExactlyAsync(content, cancellationToken);
            return content;
        }, cancellationToken);
    }

    public async Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        await PutObjectAsync(path, content, cancellationToken);
    }

    public async Task<Stream> ReaderAsync(string path, long offset, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var request = new GetObjectRequest { BucketName = _options.Bucket, Key = _keys.KeyOf(path) };
        if (offset > 0)
        {
            request.ByteRange = new ByteRange($"bytes={offset}-");
        }

        var response = await CallAsync("GetObject", path, async () =>
        {
            try
            {
                return await _client.GetObjectAsync(request, cancellationToken);
            }
            catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                return null;
            }
        }, cancellationToken);
        if (response is not null)
        {
            return new OwnedReadStream(response.ResponseStream, response, response.ContentLength);
        }

        // S3 rejects a range that starts at the end of the object, where the read is empty.
        var info = await StatFileAsync(path, cancellationToken);
        if (offset > info.Size)
        {
            throw new InvalidOffsetException(Name, path, offset);
        }

        return Stream.Null;
    }

    public Task<IStorageWriter> WriterAsync(string path, long offset, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return S3WriterOpening.OpenAsync(this, path, offset, cancellationToken);
    }

    public async Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        if (path != "/")
        {
            var file = await TryStatFileAsync(path, cancellationToken);
            if (file is not null)
            {
                return file;
            }
        }

        // A directory is a prefix with at least one key below it.
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = _keys.DirectoryPrefix(path), MaxKeys = 1 };
        var response = await CallAsync("ListObjectsV2", path, () => _client.ListObjectsV2Async(request, cancellationToken), cancellationToken);
        if (response.S3Objects is not { Count: > 0 } objects)
        {
            throw new PathNotFoundException(Name, path);
        }

        return new StorageFileInfo(path, 0, ToOffset(objects[0].LastModified), IsDirectory: true);
    }

    public Task<Uri?> RedirectUrlAsync(string path, string method, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        var verb = method.ToUpperInvariant() switch
        {
            "GET" => HttpVerb.GET,
            "HEAD" => HttpVerb.HEAD,
            _ => (HttpVerb?)null,
        };
        if (verb is null)
        {
            return Task.FromResult<Uri?>(null);
        }

        var request = new GetPreSignedUrlRequest
        {
            BucketName = _options.Bucket,
            Key = _keys.KeyOf(path),
            Verb = verb.Value,
            Expires = DateTime.UtcNow.Add(RedirectLifetime),
            Protocol = IsHttp ? Protocol.HTTP : Protocol.HTTPS,
        };
        return CallAsync<Uri?>("GetPreSignedURL", path, async () => new Uri(await _client.GetPreSignedURLAsync(request)), cancellationToken);
    }

    public void Dispose() => _client.Dispose();

    private bool IsHttp => S3ClientFactory.EndpointUrl(_options) is { } url
        ? url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        : !_options.Secure;

    /// <summary>Returns the size and time of a file, or raises <see cref="PathNotFoundException"/>.</summary>
    internal async Task<StorageFileInfo> StatFileAsync(string path, CancellationToken cancellationToken) =>
        await TryStatFileAsync(path, cancellationToken) ?? throw new PathNotFoundException(Name, path);

    /// <summary>Returns the size and time of a file from HeadObject, or null when no object has its key.</summary>
    internal async Task<StorageFileInfo?> TryStatFileAsync(string path, CancellationToken cancellationToken)
    {
        var request = new GetObjectMetadataRequest { BucketName = _options.Bucket, Key = _keys.KeyOf(path) };
        try
        {
            var response = await CallAsync("HeadObject", path, () => _client.GetObjectMetadataAsync(request, cancellationToken), cancellationToken);
            return new StorageFileInfo(path, response.ContentLength, ToOffset(response.LastModified), IsDirectory: false);
        }
        catch (PathNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Stores a whole object with one PutObject.</summary>
    internal async Task PutObjectAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var body = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        await using (body)
        {
            var request = new PutObjectRequest
            {
                BucketName = _options.Bucket,
                Key = _keys.KeyOf(path),
                InputStream = body,
                AutoCloseStream = false,
                ContentType = ContentType,

                // Swift's s3api rejects aws-chunked bodies with 501, and s3rver corrupts them.
                UseChunkEncoding = false,
            };
            request.Headers.ContentLength = content.Length;
            ApplyObjectSettings(request);
            await CallAsync("PutObject", path, () => _client.PutObjectAsync(request, cancellationToken), cancellationToken);
        }
    }

    private static DateTimeOffset ToOffset(DateTime? time) =>
        time is { } value ? new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
}
