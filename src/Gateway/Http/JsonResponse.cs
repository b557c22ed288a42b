using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Registry.Gateway.Http;

/// <summary>
/// Sends a JSON body in one write with its <c>Content-Length</c>, rather than in chunks: listings of
/// thousands of names then leave in a few large socket writes and their size shows in the metrics.
/// </summary>
internal static class JsonResponse
{
    public static Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo, string contentType = "application/json; charset=utf-8")
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        return WriteBytesAsync(context, body, contentType);
    }

    /// <summary>Sends an already serialised JSON body.</summary>
    public static Task WriteBytesAsync(HttpContext context, byte[] body, string contentType = "application/json; charset=utf-8")
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
