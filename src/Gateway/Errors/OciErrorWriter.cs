using System.Text.Json;
using Registry.Grains.Errors;

namespace Registry.Gateway.Errors;

/// <summary>The one place that sends an error response: the status from the table and the OCI error body.</summary>
internal static class OciErrorWriter
{
    public static Task WriteAsync(HttpContext context, RegistryErrorCode code, string message, string? detail = null)
    {
        var (wireCode, status) = OciErrorTable.Lookup(code);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ErrorBody([new ErrorEntry(wireCode, message, detail)]),
            GatewayJsonContext.Default.ErrorBody);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            // HEAD gets the headers a GET would get, without the body.
            return Task.CompletedTask;
        }

        return response.Body.WriteAsync(body).AsTask();
    }
}

internal sealed record ErrorBody(IReadOnlyList<ErrorEntry> Errors);

internal sealed record ErrorEntry(string Code, string Message, string? Detail);
