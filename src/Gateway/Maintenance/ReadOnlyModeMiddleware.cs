using Registry.Grains.Errors;

namespace Registry.Gateway.Maintenance;

/// <summary>
/// Rejects every write to the <c>/v2/</c> API (<c>POST</c>, <c>PUT</c>, <c>PATCH</c>, <c>DELETE</c>)
/// with <c>UNSUPPORTED</c>/405 while read-only mode is on. Reads pass through. The gateway adds it
/// after the error middleware, and only when the mode is enabled.
/// </summary>
internal sealed class ReadOnlyModeMiddleware(RequestDelegate next)
{
    public const string Message =
        "the registry is in read-only mode (storage.maintenance.readonly.enabled), so it rejects pushes and deletions; retry when an operator has turned the mode off";

    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var isWrite = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
        if (isWrite && context.Request.Path.StartsWithSegments("/v2", StringComparison.Ordinal))
        {
            // RFC 9110 requires a 405 to list the methods the resource still allows.
            context.Response.Headers.Allow = "GET, HEAD";
            throw new RegistryException(RegistryErrorCode.Unsupported, Message);
        }

        return next(context);
    }
}
