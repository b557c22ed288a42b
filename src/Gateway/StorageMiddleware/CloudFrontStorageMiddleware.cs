using Microsoft.Extensions.Logging;
using Registry.Storage.Drivers;
using Registry.Storage.Middleware;

namespace Registry.Gateway.StorageMiddleware;

/// <summary>
/// The <c>cloudfront</c> storage middleware: redirect URLs point at a CloudFront distribution in front of
/// the bucket, signed with a canned policy that expires after <see cref="CloudFrontOptions.Duration"/>.
/// </summary>
/// <remarks>
/// As in distribution:
/// <list type="bullet">
/// <item>The URL is the base URL followed by the object key, so only a driver that names its object
/// keys (<see cref="IObjectKeyMapping"/>, S3 in distribution) gets CloudFront URLs. Over any other
/// driver this middleware returns the driver's own URL and logs a warning.</item>
/// <item>With an address filter, a client whose address is in the loaded AWS ranges gets the
/// driver's own URL, because traffic inside AWS is cheaper straight from the bucket.</item>
/// </list>
/// The client address comes from the current request (<see cref="IHttpContextAccessor"/>), so the
/// driver interface stays free of HTTP types.
/// </remarks>
public sealed partial class CloudFrontStorageMiddleware : StorageDriverDecorator
{
    private readonly CloudFrontUrlSigner _signer;
    private readonly string _baseUrl;
    private readonly TimeSpan _duration;
    private readonly Func<string, string>? _objectKey;
    private readonly AwsIpRanges? _awsRanges;
    private readonly IHttpContextAccessor? _requests;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="inner">The driver below, whose own URL is the fallback.</param>
    /// <param name="options">The middleware's settings.</param>
    /// <param name="objectKey">Maps a storage path to its object key; null when the driver has no object keys.</param>
    /// <param name="awsRanges">The AWS ranges to filter by; null for <c>ipfilteredby: none</c>.</param>
    /// <param name="requests">The current request, for the client address; needed only with <paramref name="awsRanges"/>.</param>
    public CloudFrontStorageMiddleware(
        IStorageDriver inner,
        CloudFrontOptions options,
        Func<string, string>? objectKey,
        AwsIpRanges? awsRanges,
        IHttpContextAccessor? requests,
        TimeProvider time,
        ILogger<CloudFrontStorageMiddleware> logger)
        : base(inner)
    {
        _signer = new CloudFrontUrlSigner(options.PrivateKey, options.KeyPairId);
        _baseUrl = options.BaseUrl;
        _duration = options.Duration;
        _objectKey = objectKey;
        _awsRanges = awsRanges;
        _requests = requests;
        _time = time;
        _logger = logger;
        if (objectKey is null)
        {
            LogUnsupportedDriver(logger, inner.Name);
        }
    }

    public override Task<Uri?> RedirectUrlAsync(string path, string method, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        if (_objectKey is null || IsFromAws())
        {
            return Inner.RedirectUrlAsync(path, method, cancellationToken);
        }

        var expires = _time.GetUtcNow() + _duration;
        return Task.FromResult<Uri?>(new Uri(_signer.Sign(_baseUrl + _objectKey(path), expires)));
    }

    private bool IsFromAws()
    {
        if (_awsRanges is null || _requests?.HttpContext is not { } context)
        {
            return false;
        }

        var address = ClientAddress.From(context);
        if (address is null || !_awsRanges.Contains(address))
        {
            return false;
        }

        LogSkippedForAws(_logger, address.ToString());
        return true;
    }

    [LoggerMessage(EventId = Logging.GatewayEventIds.CloudFrontUnsupportedDriver, Level = LogLevel.Warning,
        Message = "The cloudfront storage middleware needs a driver with object keys, such as s3; over the {Driver} driver it returns the driver's own redirect URLs")]
    private static partial void LogUnsupportedDriver(ILogger logger, string driver);

    [LoggerMessage(EventId = Logging.GatewayEventIds.CloudFrontSkippedForAws, Level = LogLevel.Debug,
        Message = "Client {Address} is in the AWS address ranges; redirecting to the storage driver instead of CloudFront")]
    private static partial void LogSkippedForAws(ILogger logger, string address);
}
