using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Registry.Gateway.Http;
using Registry.Storage.Drivers;
using Registry.Storage.Layout;

namespace Registry.Gateway.Streaming;

/// <summary>
/// Sends a stored blob for <c>GET</c> and <c>HEAD</c> with the same status and headers, honouring a
/// single <c>Range</c>. Bytes go from the driver's stream to the response through one pooled buffer.
/// When redirects are on and the driver returns a URL for the blob, the response is a redirect there instead.
/// </summary>
internal sealed partial class BlobSender(IStorageDriver driver, IOptions<GatewayOptions> options, ILogger<BlobSender> logger)
{
    public async Task SendAsync(HttpContext context, Digest digest, long size, string contentType)
    {
        if (!options.Value.RedirectDisabled && await TryRedirectAsync(context, digest))
        {
            return;
        }

        var response = context.Response;
        response.Headers[RegistryHeaders.ContentDigest] = digest.ToString();
        response.Headers.ETag = $"\"{digest}\"";
        response.Headers.AcceptRanges = "bytes";
        response.Headers.CacheControl = "max-age=31536000";
        response.ContentType = contentType;

        long start = 0;
        var length = size;
        switch (ByteRange.TryParse(context.Request.Headers.Range, size, out var range))
        {
            case ByteRange.ParseResult.Unsatisfiable:
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{size}";
                response.ContentLength = 0;
                return;
            case ByteRange.ParseResult.Satisfiable:
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.Start}-{range.End}/{size}");
                start = range.Start;
                length = range.Length;
                break;
            default:
                response.StatusCode = StatusCodes.Status200OK;
                break;
        }

        response.ContentLength = length;
        if (HttpMethods.IsHead(context.Request.Method) || length == 0)
        {
            return;
        }

        await using var source = await driver.ReaderAsync(RegistryLayout.BlobData(digest), start, context.RequestAborted);
        await CopyAsync(source, response.Body, length, context.RequestAborted);
    }

    /// <summary>
    /// Sends <c>307 Temporary Redirect</c> to the driver's URL for the blob, as distribution does for
    /// both <c>GET</c> and <c>HEAD</c> and before any <c>Range</c> is read: the client sends its
    /// <c>Range</c> again to the storage. Returns false when the driver has no URL, so the caller
    /// streams the blob. A driver error while presigning propagates, because streaming instead would
    /// hide a broken backend configuration.
    /// </summary>
    /// <remarks>
    /// NOTE: distribution (Go's <c>http.Redirect</c>) also sends <c>Content-Type: text/html</c> and, on
    /// <c>GET</c>, a one-line HTML link; this registry sends an empty body, which clients ignore either way.
    /// Like distribution, it sends no <c>Docker-Content-Digest</c> or <c>ETag</c> on the redirect.
    /// </remarks>
    private async Task<bool> TryRedirectAsync(HttpContext context, Digest digest)
    {
        var url = await driver.RedirectUrlAsync(RegistryLayout.BlobData(digest), context.Request.Method, context.RequestAborted);
        if (url is null)
        {
            return false;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        response.Headers.Location = url.AbsoluteUri;
        response.ContentLength = 0;
        LogBlobRedirected(logger, context.Request.Method, digest.ToString(), url.Host);
        return true;
    }

    // The URL's query is a presigned credential, so only its host is logged.
    [LoggerMessage(EventId = Logging.GatewayEventIds.BlobRedirected, Level = LogLevel.Debug, Message = "{Method} of blob {Digest} redirected to {Host}")]
    private static partial void LogBlobRedirected(ILogger logger, string method, string digest, string host);

    private async Task CopyAsync(Stream source, Stream destination, long length, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(options.Value.CopyBufferBytes);
        try
        {
            var remaining = length;
            while (remaining > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
                if (read == 0)
                {
                    throw new StorageDriverException(driver.Name, RegistryLayout.BlobsRoot, $"blob ended {remaining} bytes early");
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                remaining -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
