namespace Registry.Gateway.Endpoints;

/// <summary><c>GET /v2/</c>: the API version check every client starts with.</summary>
internal static class BaseEndpoint
{
    public static Task GetAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = 2;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync("{}");
    }
}
