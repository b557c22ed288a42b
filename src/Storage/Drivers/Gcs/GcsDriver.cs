using System.Net;
using Google.Cloud.Storage.V1;
using Microsoft.Extensions.Logging;
using GcsObject = Google.Apis.Storage.v1.Data.Object;

namespace Registry.Storage.Drivers.Gcs;

/// <summary>
/// A driver over a Google Cloud Storage bucket, with distribution's object names (see
/// <see cref="GcsObjectNames"/>), so a bucket written by registry:2 is served as it is.
/// </summary>
/// <remarks>
/// Small files are one request each: <see cref="PutContentAsync"/> is a simple upload and
/// <see cref="GetContentAsync"/> one download. Writers are described in <see cref="GcsWriter"/>.
/// Every request that can be repeated safely is retried by <see cref="GcsRetryPolicy"/>.
/// </remarks>
public sealed partial class GcsDriver : IStorageDriver
{
    public const string DriverName = "gcs";

    private static readonly TimeSpan RedirectLifetime = TimeSpan.FromMinutes(20);

    private readonly GcsClient _client;
    private readonly ILogger _logger;
    private readonly UrlSigner? _urlSigner;
    private int _redirectUnavailableLogged;

    public GcsDriver(GcsDriverOptions options, ILogger<GcsDriver> logger)
        : this(options, logger, wrapHandler: null)
    {
    }

    /// <summary>Creates the driver with <paramref name="wrapHandler"/> around its HTTP handler, which tests use to count requests.</summary>
    internal GcsDriver(GcsDriverOptions options, ILogger logger, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _logger = logger;
        _client = GcsClientFactory.Create(options, wrapHandler);
        Names = new GcsObjectNames(options.RootDirectory);
        Media = new GcsMediaClient(_client.Storage, options.Bucket);
        var endpoint = options.Endpoint?.ToString() ?? _client.Storage.Service.BaseUri;
        Retry = new GcsRetryPolicy(DriverName, options.Bucket, endpoint, options, logger);
        // NOTE: signed URLs always name storage.googleapis.com, even with an emulator endpoint.
        _urlSigner = _client.Signer;

        GcsDriverLog.DriverCreated(logger, options.Bucket, endpoint, options.RootDirectory, options.ChunkSize, _client.CredentialKind);
    }

    public string Name => DriverName;

    internal GcsDriverOptions Options { get; }

    internal GcsObjectNames Names { get; }

    internal GcsMediaClient Media { get; }

    internal GcsRetryPolicy Retry { get; }

    internal StorageClient Storage => _client.Storage;

    internal ILogger Logger => _logger;

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = await ReaderAsync(path, 0, cancellationToken);
        using var content = new MemoryStream();
        await stream.CopyToAsync(content, cancellationToken);
        return content.ToArray();
    }

    public Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        var key = Names.KeyOf(path);
        return Retry.RunAsync("upload", path, key, token => Media.UploadAsync(key, content, token), cancellationToken);
    }

    public async Task<Stream> ReaderAsync(string path, long offset, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var key = Names.KeyOf(path);
        if (key.Length == 0)
        {
            throw new PathNotFoundException(Name, path);
        }

        var response = await Retry.RunAsync("download", path, key, token => Media.ReadAsync(key, offset, token), cancellationToken);
        try
        {
            if (response.Content.Headers.ContentType?.MediaType == GcsMediaClient.UploadSessionContentType)
            {
                throw new PathNotFoundException(Name, path);
            }

            switch (response.StatusCode)
            {
                case HttpStatusCode.PartialContent:
                    return await GcsResponseStream.OpenAsync(response, skip: 0, cancellationToken);
                case HttpStatusCode.RequestedRangeNotSatisfiable:
                    var size = (await GetObjectAsync(path, key, cancellationToken)).Size ?? 0;
                    response.Dispose();
                    return offset == (long)size ? Stream.Null : throw new InvalidOffsetException(Name, path, offset);
                default:
                    // A 200 to a range request: the whole object follows.
                    var length = response.Content.Headers.ContentLength ?? 0;
                    if (offset > length)
                    {
                        throw new InvalidOffsetException(Name, path, offset);
                    }

                    return await GcsResponseStream.OpenAsync(response, skip: offset, cancellationToken);
            }
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public Task<IStorageWriter> WriterAsync(string path, long offset, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (path == "/")
        {
            throw new InvalidPathException(Name, path);
        }

        return GcsWriter.OpenAsync(this, path, offset, cancellationToken);
    }

    public async Task<Uri?> RedirectUrlAsync(string path, string method, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        var httpMethod = method.ToUpperInvariant() switch
        {
            "GET" => HttpMethod.Get,
            "HEAD" => HttpMethod.Head,
            _ => null,
        };
        if (httpMethod is null)
        {
            return null;
        }

        if (_urlSigner is null)
        {
            if (Interlocked.Exchange(ref _redirectUnavailableLogged, 1) == 0)
            {
                GcsDriverLog.RedirectUnavailable(_logger, _client.NoSignerReason ?? "no credential can sign URLs");
            }

            return null;
        }

        try
        {
            var url = await _urlSigner.SignAsync(
                Options.Bucket, Names.KeyOf(path), RedirectLifetime, httpMethod, SigningVersion.V4, cancellationToken);
            return new Uri(url);
        }
        catch (Exception exception) when (exception is Google.GoogleApiException or HttpRequestException or InvalidOperationException)
        {
            // Signing through the IAM API can fail; the caller then streams the blob itself.
            GcsDriverLog.RedirectSigningFailed(_logger, path, exception);
            return null;
        }
    }

    /// <summary>Reads an object's metadata; a missing object raises <see cref="PathNotFoundException"/>.</summary>
    internal Task<GcsObject> GetObjectAsync(string path, string key, CancellationToken cancellationToken) =>
        Retry.RunAsync(
            "metadata read", path, key,
            token => Storage.GetObjectAsync(Options.Bucket, key, new GetObjectOptions { RetryOptions = RetryOptions.Never }, token),
            cancellationToken);

    /// <summary>Deletes one object; an object that is already gone counts as deleted.</summary>
    internal async Task DeleteObjectAsync(string path, string name, CancellationToken cancellationToken)
    {
        try
        {
            await Retry.RunAsync(
                "delete", path, name,
                token => Storage.DeleteObjectAsync(Options.Bucket, name, new DeleteObjectOptions { RetryOptions = RetryOptions.Never }, token),
                cancellationToken);
        }
        catch (PathNotFoundException)
        {
            // Deleted by another caller, or by this one in an attempt whose response was lost.
        }
    }
}
