namespace Registry.Gateway.Routing;

/// <summary>
/// A parsed <c>/v2/</c> path. Repository names contain slashes, so the resource is recognised from
/// the path's last segments and everything before them is the (still unvalidated) name:
/// <code>
/// /v2/                                   Base
/// /v2/_catalog                           Catalog
/// /v2/&lt;name&gt;/tags/list                    TagsList
/// /v2/&lt;name&gt;/manifests/&lt;reference&gt;       Manifest
/// /v2/&lt;name&gt;/blobs/uploads/               UploadStart
/// /v2/&lt;name&gt;/blobs/uploads/&lt;id&gt;           Upload
/// /v2/&lt;name&gt;/blobs/&lt;digest&gt;              Blob
/// /v2/&lt;name&gt;/referrers/&lt;digest&gt;          Referrers
/// </code>
/// </summary>
internal readonly record struct RegistryRoute(RouteKind Kind, string Name, string Argument)
{
    private const string Prefix = "/v2/";

    public static bool TryParse(string path, out RegistryRoute route)
    {
        route = default;
        if (path is "/v2" or Prefix)
        {
            route = new RegistryRoute(RouteKind.Base, "", "");
            return true;
        }

        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path[Prefix.Length..];
        if (rest is "_catalog" or "_catalog/")
        {
            route = new RegistryRoute(RouteKind.Catalog, "", "");
            return true;
        }

        if (rest.EndsWith("/blobs/uploads/", StringComparison.Ordinal) || rest.EndsWith("/blobs/uploads", StringComparison.Ordinal))
        {
            var name = rest[..rest.LastIndexOf("/blobs/uploads", StringComparison.Ordinal)];
            route = new RegistryRoute(RouteKind.UploadStart, name, "");
            return name.Length > 0;
        }

        var segments = rest.Split('/');
        if (segments.Length < 3)
        {
            return false;
        }

        var last = segments[^1];
        var secondLast = segments[^2];
        if (segments.Length >= 4 && segments[^3] == "blobs" && secondLast == "uploads")
        {
            route = new RegistryRoute(RouteKind.Upload, Join(segments, 3), last);
            return true;
        }

        RouteKind? kind = (secondLast, last) switch
        {
            ("tags", "list") => RouteKind.TagsList,
            ("manifests", _) => RouteKind.Manifest,
            ("blobs", _) => RouteKind.Blob,
            ("referrers", _) => RouteKind.Referrers,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }

        route = new RegistryRoute(kind.Value, Join(segments, 2), kind == RouteKind.TagsList ? "" : last);
        return true;
    }

    private static string Join(string[] segments, int trailing) => string.Join('/', segments, 0, segments.Length - trailing);
}
