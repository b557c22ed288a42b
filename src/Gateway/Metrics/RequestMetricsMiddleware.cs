using System.Diagnostics;

namespace Registry.Gateway.Metrics;

/// <summary>
/// Records the count, duration and body bytes of every request, and the upload figures, in
/// <see cref="RequestMetrics"/>. The gateway adds it first, outside the error middleware, so the
/// status it records is the one the client received.
/// </summary>
/// <remarks>
/// A request with a body gets one small counting wrapper around it; a request without one
/// allocates nothing here beyond the async state machine. Bytes sent are taken from
/// <c>Content-Length</c>, so the JSON listings (catalog, tags, referrers), which are sent without
/// one, are not counted, and a download cut short counts its full length.
/// </remarks>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, RequestMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var handler = RequestHandlers.Classify(request.Path.Value);
        var method = RequestMetrics.MethodIndex(request.Method);
        var started = Stopwatch.GetTimestamp();

        CountingReadStream? body = null;
        if (request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0))
        {
            body = new CountingReadStream(request.Body);
            request.Body = body;
        }

        var inFlight = metrics.InFlight(handler);
        inFlight.Inc();
        var statusCode = 0;
        try
        {
            await next(context);
            statusCode = context.Response.StatusCode;
        }
        catch
        {
            // The error middleware handles everything it can, so this is a failure of the server itself.
            statusCode = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            inFlight.Dec();
            var response = context.Response;
            var sent = HttpMethods.IsHead(request.Method) ? 0 : response.ContentLength ?? 0;
            metrics.RecordRequest(handler, method, statusCode, Stopwatch.GetElapsedTime(started).TotalSeconds, body?.BytesRead ?? 0, sent);
            RecordUpload(handler, request, statusCode);
        }
    }

    /// <summary>
    /// Counts upload figures: a <c>POST</c> that opened a session (202) or stored a monolithic
    /// upload (201 with <c>digest</c>) started one, a <c>PUT</c> or monolithic <c>POST</c> returning
    /// 201 completed one, and any upload <c>POST</c>, <c>PATCH</c> or <c>PUT</c> returning 4xx or 5xx failed.
    /// A cross-repository mount (201 without <c>digest</c>) is not an upload.
    /// </summary>
    private void RecordUpload(RequestHandler handler, HttpRequest request, int statusCode)
    {
        var method = request.Method;
        if (handler == RequestHandler.BlobUpload && HttpMethods.IsPost(method))
        {
            if (statusCode == StatusCodes.Status202Accepted)
            {
                metrics.UploadsStarted.Inc();
            }
            else if (statusCode == StatusCodes.Status201Created && HasDigestParameter(request.QueryString.Value))
            {
                metrics.UploadsStarted.Inc();
                metrics.UploadsCompleted.Inc();
            }
        }
        else if (handler == RequestHandler.BlobUploadChunk && HttpMethods.IsPut(method) && statusCode == StatusCodes.Status201Created)
        {
            metrics.UploadsCompleted.Inc();
        }

        var isUploadWrite = (handler == RequestHandler.BlobUpload && HttpMethods.IsPost(method))
            || (handler == RequestHandler.BlobUploadChunk && (HttpMethods.IsPatch(method) || HttpMethods.IsPut(method)));
        if (isUploadWrite && statusCode >= StatusCodes.Status400BadRequest)
        {
            metrics.UploadsFailed.Inc();
        }
    }

    private static bool HasDigestParameter(ReadOnlySpan<char> query)
    {
        var at = query.IndexOf("digest=", StringComparison.Ordinal);
        return at > 0 && query[at - 1] is '?' or '&';
    }
}
