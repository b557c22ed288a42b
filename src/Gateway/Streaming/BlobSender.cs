using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Options;
using Registry.Gateway.Http;
using Registry.Storage.Drivers;
using Registry.Storage.Layout;

namespace Registry.Gateway.Streaming;

/// <summary>
/// Sends a stored blob for <c>GET</c> and <c>HEAD</c> with the same status and headers, honouring a
/// single <c>Range</c>. Bytes go from the driver's stream to the response through one pooled buffer.
/// </summary>
internal sealed class BlobSender(IStorageDriver driver, IOptions<GatewayOptions> options)
{
    public async Task SendAsync(HttpContext context, Digest digest, long size, string contentType)
    {
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
