namespace Registry.Gateway.Metrics;

/// <summary>
/// The API resource a request addresses, named as distribution labels its HTTP metrics
/// (<c>handler</c>), so that dashboards built for registry:2 keep working.
/// </summary>
internal enum RequestHandler
{
    Other,
    Base,
    Catalog,
    Tags,
    Manifest,
    Blob,
    BlobUpload,
    BlobUploadChunk,
    Referrers,
}

/// <summary>Classifies request paths into <see cref="RequestHandler"/> values without allocating.</summary>
internal static class RequestHandlers
{
    /// <summary>The <c>handler</c> label of each <see cref="RequestHandler"/>, indexed by its value.</summary>
    public static readonly string[] Labels =
        ["other", "base", "catalog", "tags", "manifest", "blob", "blob_upload", "blob_upload_chunk", "referrers"];

    /// <summary>
    /// Classifies a path the way <c>RegistryRoute</c> parses it: by its last segments, because
    /// repository names contain slashes. A path outside the API is <see cref="RequestHandler.Other"/>.
    /// </summary>
    public static RequestHandler Classify(ReadOnlySpan<char> path)
    {
        if (path is "/v2" or "/v2/")
        {
            return RequestHandler.Base;
        }

        if (!path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            return RequestHandler.Other;
        }

        var rest = path[4..];
        if (rest is "_catalog" or "_catalog/")
        {
            return RequestHandler.Catalog;
        }

        if (rest.EndsWith("/blobs/uploads", StringComparison.Ordinal) || rest.EndsWith("/blobs/uploads/", StringComparison.Ordinal))
        {
            return RequestHandler.BlobUpload;
        }

        // rest is <name>/<third>/<second>/<last>, where the name has at least one segment.
        var last = LastSegment(rest, out var beforeLast);
        var second = LastSegment(beforeLast, out var beforeSecond);
        if (beforeSecond.IsEmpty)
        {
            return RequestHandler.Other;
        }

        var third = LastSegment(beforeSecond, out var beforeThird);
        if (second is "uploads" && third is "blobs" && !beforeThird.IsEmpty)
        {
            return RequestHandler.BlobUploadChunk;
        }

        return second switch
        {
            "tags" when last is "list" => RequestHandler.Tags,
            "manifests" => RequestHandler.Manifest,
            "blobs" => RequestHandler.Blob,
            "referrers" => RequestHandler.Referrers,
            _ => RequestHandler.Other,
        };
    }

    private static ReadOnlySpan<char> LastSegment(ReadOnlySpan<char> path, out ReadOnlySpan<char> before)
    {
        var slash = path.LastIndexOf('/');
        if (slash < 0)
        {
            before = [];
            return path;
        }

        before = path[..slash];
        return path[(slash + 1)..];
    }
}
