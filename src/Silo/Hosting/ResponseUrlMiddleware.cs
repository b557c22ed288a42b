using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Registry.Silo.Hosting;

/// <summary>
/// Shapes responses as the <c>http</c> settings ask: adds <c>http.headers</c> to every response,
/// and turns the <c>/v2/…</c> paths that the gateway writes into <c>Location</c> and <c>Link</c>
/// into URLs under <c>http.prefix</c>, absolute unless <c>http.relativeurls</c> is set.
/// </summary>
/// <remarks>
/// An absolute URL is built as distribution builds it: from <c>http.host</c> when set, else from
/// the request's scheme and host, where <c>X-Forwarded-Proto</c>, <c>X-Forwarded-Host</c>,
/// <c>X-Forwarded-Port</c> and the <c>Forwarded</c> header (RFC 7239) of a proxy take precedence.
/// <c>Link</c> stays a path, as distribution sends it, and a <c>Location</c> that is already absolute
/// (a storage redirect) is left alone.
/// </remarks>
internal sealed class ResponseUrlMiddleware
{
    private readonly RequestDelegate _next;
    private readonly KeyValuePair<string, StringValues>[] _headers;
    private readonly bool _rewritesUrls;
    private readonly bool _absolute;
    private readonly Uri? _host;
    private readonly PathString _pathBase;

    // Created once, so registering the callback allocates no closure per request.
    private readonly Func<object, Task> _rewrite;

    public ResponseUrlMiddleware(RequestDelegate next, ListenerOptions options)
    {
        _next = next;
        _rewrite = state => RewriteAsync((HttpContext)state);
        _headers = options.Headers.Select(header => KeyValuePair.Create(header.Key, new StringValues(header.Value.ToArray()))).ToArray();
        _absolute = !options.RelativeUrls || options.Host is not null;
        _rewritesUrls = _absolute || options.PathBase.Length > 0;
        _host = options.Host;
        _pathBase = new PathString(options.PathBase);
    }

    /// <summary>Whether a middleware is needed at all for <paramref name="options"/>.</summary>
    public static bool IsNeeded(ListenerOptions options) =>
        options.Headers.Count > 0 || !options.RelativeUrls || options.Host is not null || options.PathBase.Length > 0;

    public Task InvokeAsync(HttpContext context)
    {
        var responseHeaders = context.Response.Headers;
        foreach (var (name, values) in _headers)
        {
            responseHeaders.Append(name, values);
        }

        if (_rewritesUrls && MaySendUrl(context.Request))
        {
            context.Response.OnStarting(_rewrite, context);
        }

        return _next(context);
    }

    /// <summary>
    /// Whether the response can carry a <c>Location</c> or <c>Link</c>: writes, upload status, and
    /// the paged listings. Blob and manifest reads, the bulk of the traffic, skip the callback.
    /// </summary>
    private static bool MaySendUrl(HttpRequest request)
    {
        var method = request.Method;
        if (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method))
        {
            return true;
        }

        if (!HttpMethods.IsGet(method))
        {
            return false;
        }

        var path = request.Path.Value.AsSpan();
        return path.Contains("/blobs/uploads/", StringComparison.Ordinal)
            || path.EndsWith("/tags/list", StringComparison.Ordinal)
            || path.EndsWith("/_catalog", StringComparison.Ordinal);
    }

    private Task RewriteAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        var pathBase = RequestPathBase(context.Request);
        var location = headers.Location.ToString();
        if (location.StartsWith('/'))
        {
            headers.Location = _absolute ? AbsoluteBase(context.Request, pathBase) + location : pathBase + location;
        }

        var link = headers.Link.ToString();
        if (pathBase.Length > 0 && link.StartsWith("</", StringComparison.Ordinal))
        {
            headers.Link = "<" + pathBase + link[1..];
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Returns the prefix the request came in under, or empty when it came without one. A response
    /// that starts after the pipeline returned reads the path as received, because the path base
    /// middleware restores it on the way out.
    /// </summary>
    private string RequestPathBase(HttpRequest request)
    {
        if (request.PathBase.HasValue)
        {
            return request.PathBase.Value!;
        }

        return _pathBase.HasValue && request.Path.StartsWithSegments(_pathBase, StringComparison.Ordinal) ? _pathBase.Value! : "";
    }

    /// <summary>Returns <c>scheme://host[:port][/base]</c>, without a trailing slash, for the URLs of this request.</summary>
    private string AbsoluteBase(HttpRequest request, string pathBase)
    {
        if (_host is not null)
        {
            var hostPath = _host.AbsolutePath.TrimEnd('/');
            return $"{_host.Scheme}://{_host.Authority}{(hostPath.Length > 0 ? hostPath : pathBase)}";
        }

        var forwarded = ForwardedElement(request.Headers["Forwarded"]);
        var scheme = FirstValue(request.Headers["X-Forwarded-Proto"]) ?? forwarded.Proto ?? request.Scheme;
        var host = FirstValue(request.Headers["X-Forwarded-Host"]) ?? forwarded.Host ?? request.Host.Value ?? "";
        var port = FirstValue(request.Headers["X-Forwarded-Port"]);
        if (port is not null && int.TryParse(port, out _) && new HostString(host).Port is null)
        {
            host = $"{host}:{port}";
        }

        return $"{scheme}://{host}{pathBase}";
    }

    /// <summary>Returns the first of a comma-separated header's values, trimmed, or <c>null</c> when the header is absent or empty.</summary>
    private static string? FirstValue(StringValues values)
    {
        var text = values.ToString();
        var comma = text.IndexOf(',');
        var first = (comma < 0 ? text : text[..comma]).Trim();
        return first.Length > 0 ? first : null;
    }

    /// <summary>Reads <c>proto</c> and <c>host</c> from the first element of a <c>Forwarded</c> header.</summary>
    private static (string? Proto, string? Host) ForwardedElement(StringValues values)
    {
        var element = FirstValue(values);
        if (element is null)
        {
            return (null, null);
        }

        string? proto = null;
        string? host = null;
        foreach (var pair in element.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var value = pair[(equals + 1)..].Trim('"');
            switch (pair[..equals].ToLowerInvariant())
            {
                case "proto":
                    proto = value;
                    break;
                case "host":
                    host = value;
                    break;
            }
        }

        return (proto, host);
    }
}
