namespace Registry.Gateway.Routing;

/// <summary>The resource a <c>/v2/</c> path addresses.</summary>
internal enum RouteKind
{
    Base,
    Catalog,
    TagsList,
    Manifest,
    Blob,
    UploadStart,
    Upload,
    Referrers,
}
