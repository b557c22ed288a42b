using Microsoft.Extensions.Logging;
using Registry.Gateway.Errors;
using Registry.Gateway.Streaming;
using Registry.Grains.Errors;

namespace Registry.Gateway.Http;

/// <summary>
/// The one reporting point for failures: a <see cref="RegistryException"/> becomes its OCI error,
/// a client that went away is logged as such, and anything else is logged with its exception and
/// returned as <c>UNKNOWN</c>/500.
/// </summary>
internal sealed partial class RegistryErrorMiddleware(RequestDelegate next, ILogger<RegistryErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.Headers[RegistryHeaders.ApiVersion] = RegistryHeaders.ApiVersionValue;
        try
        {
            await next(context);
        }
        catch (RegistryException exception)
        {
            LogRejected(logger, context.Request.Method, context.Request.Path, exception.Code, exception.Message);
            await WriteIfPossibleAsync(context, exception.Code, exception.Message, exception.Detail);
        }
        catch (ClientDisconnectedException exception)
        {
            LogClientDisconnected(logger, context.Request.Method, context.Request.Path, exception);
        }
        catch (OperationCanceledException exception) when (context.RequestAborted.IsCancellationRequested)
        {
            LogClientDisconnected(logger, context.Request.Method, context.Request.Path, exception);
        }
        catch (Exception exception)
        {
            LogFailed(logger, context.Request.Method, context.Request.Path, exception);
            await WriteIfPossibleAsync(context, RegistryErrorCode.Unknown, "the registry failed to process the request; the error is in its log");
        }
    }

    private static Task WriteIfPossibleAsync(HttpContext context, RegistryErrorCode code, string message, string? detail = null)
    {
        if (context.Response.HasStarted)
        {
            // Part of a body is on its way: the only honest signal left is to cut the connection.
            context.Abort();
            return Task.CompletedTask;
        }

        context.Response.Headers.Remove("Content-Range");
        return OciErrorWriter.WriteAsync(context, code, message, detail);
    }

    [LoggerMessage(EventId = Logging.GatewayEventIds.RequestRejected, Level = LogLevel.Debug, Message = "{Method} {Path} rejected with {Code}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, PathString path, RegistryErrorCode code, string reason);

    [LoggerMessage(EventId = Logging.GatewayEventIds.ClientDisconnected, Level = LogLevel.Debug, Message = "{Method} {Path}: the client disconnected")]
    private static partial void LogClientDisconnected(ILogger logger, string method, PathString path, Exception exception);

    [LoggerMessage(EventId = Logging.GatewayEventIds.RequestFailed, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, string method, PathString path, Exception exception);
}
