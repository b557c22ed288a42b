using Registry.Storage.Drivers;

namespace Registry.Storage.Middleware;

/// <summary>
/// The <c>redirect</c> storage middleware: every redirect URL is the base URL's scheme and host with
/// the base URL's path joined to the storage path, such as
/// <c>https://cdn.example.com/base/docker/registry/v2/blobs/sha256/ab/ab…/data</c>. The wrapped driver's
/// own URL is never asked for, so even a driver without redirects (filesystem, inmemory) redirects.
/// </summary>
/// <remarks>
/// As in distribution's middleware, the base URL's user information, query and fragment are dropped,
/// and its path is cleaned (<c>/a//b/</c> becomes <c>/a/b</c>) before the storage path is appended.
/// The URL is built without checking that the file exists.
/// </remarks>
public sealed class RedirectStorageMiddleware : StorageDriverDecorator
{
    private readonly string _scheme;
    private readonly string _host;
    private readonly int _port;
    private readonly string _basePath;

    /// <param name="inner">The configured driver.</param>
    /// <param name="baseUrl">An absolute URL with a scheme and a host (<c>middleware.storage[].options.baseurl</c>).</param>
    /// <exception cref="ArgumentException"><paramref name="baseUrl"/> is not absolute or has no host.</exception>
    public RedirectStorageMiddleware(IStorageDriver inner, Uri baseUrl)
        : base(inner)
    {
        if (!baseUrl.IsAbsoluteUri || baseUrl.Host.Length == 0)
        {
            throw new ArgumentException($"redirect base URL '{baseUrl}' must be absolute, with a scheme and a host", nameof(baseUrl));
        }

        _scheme = baseUrl.Scheme;
        _host = baseUrl.Host;
        _port = baseUrl.IsDefaultPort ? -1 : baseUrl.Port;
        _basePath = CleanPath(baseUrl.AbsolutePath);
    }

    public override Task<Uri?> RedirectUrlAsync(string path, string method, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        var joined = path == "/" && _basePath.Length > 0 ? _basePath : _basePath + path;
        return Task.FromResult<Uri?>(new UriBuilder(_scheme, _host, _port, joined).Uri);
    }

    /// <summary>Removes empty and <c>.</c> segments, resolves <c>..</c>, and drops the trailing slash; <c>/</c> becomes empty.</summary>
    private static string CleanPath(string path)
    {
        var segments = new List<string>();
        foreach (var segment in Uri.UnescapeDataString(path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        return segments.Count == 0 ? "" : "/" + string.Join('/', segments);
    }
}
