using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Registry.Storage.Drivers.S3;

/// <summary>
/// The HTTP stage under the SDK: logs each attempt that the SDK may retry (500, 502, 503, 504, 429
/// and transport errors), optionally logs every request, and adds Content-MD5 to multi-object deletes.
/// </summary>
/// <remarks>
/// AWSSDK.S3 4.x sends no Content-MD5 on DeleteObjects by default, but Swift's s3api
/// (2.30) rejects a multi-object delete without it. The SDK does not sign Content-MD5 here, so
/// adding it keeps the signature valid.
/// Only the method, host and path are logged: the query may carry a presigned signature.
/// </remarks>
internal sealed class S3HttpHandler(HttpMessageHandler inner, ILogger logger, bool logRequests) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && IsMultiObjectDelete(request.RequestUri) && request.Content is { } content
            && content.Headers.ContentMD5 is null)
        {
            var body = await content.ReadAsByteArrayAsync(cancellationToken);
            content.Headers.ContentMD5 = MD5.HashData(body);
        }

        var host = request.RequestUri?.Authority ?? "";
        var path = request.RequestUri?.AbsolutePath ?? "";
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            S3DriverLog.RequestFailed(logger, request.Method.Method, host, path, exception);
            throw;
        }

        if (IsRetryable(response.StatusCode))
        {
            S3DriverLog.RequestRejected(logger, request.Method.Method, host, path, (int)response.StatusCode);
        }
        else if (logRequests)
        {
            S3DriverLog.RequestSent(logger, request.Method.Method, host, path, (int)response.StatusCode);
        }

        return response;
    }

    private static bool IsMultiObjectDelete(Uri? uri) =>
        uri is not null && uri.Query.TrimStart('?').Split('&').Any(pair => pair is "delete" or "delete=");

    // The statuses that the SDK's standard retry mode retries.
    private static bool IsRetryable(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
