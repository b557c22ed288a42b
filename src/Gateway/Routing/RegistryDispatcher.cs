using Registry.Gateway.Endpoints;
using Registry.Grains.Errors;

namespace Registry.Gateway.Routing;

/// <summary>Sends each <c>/v2/</c> request to the endpoint of its resource and method: the route table of the API.</summary>
internal sealed class RegistryDispatcher(
    CatalogEndpoint catalog,
    TagsEndpoint tags,
    ManifestEndpoints manifests,
    BlobEndpoints blobs,
    UploadEndpoints uploads,
    ReferrersEndpoint referrers)
{
    public Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!RegistryRoute.TryParse(path, out var route))
        {
            throw new RegistryException(RegistryErrorCode.RouteUnknown, $"no endpoint of the registry API matches {path}");
        }

        var method = context.Request.Method;
        var isRead = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        return route.Kind switch
        {
            RouteKind.Base when isRead => BaseEndpoint.GetAsync(context),
            RouteKind.Catalog when HttpMethods.IsGet(method) => catalog.GetAsync(context),
            RouteKind.TagsList when HttpMethods.IsGet(method) => tags.GetAsync(context, RequestValues.Name(route.Name)),
            RouteKind.Manifest when isRead => manifests.GetAsync(context, RequestValues.Name(route.Name), route.Argument),
            RouteKind.Manifest when HttpMethods.IsPut(method) => manifests.PutAsync(context, RequestValues.Name(route.Name), route.Argument),
            RouteKind.Manifest when HttpMethods.IsDelete(method) => manifests.DeleteAsync(context, RequestValues.Name(route.Name), route.Argument),
            RouteKind.Blob when isRead => blobs.GetAsync(context, RequestValues.Name(route.Name), RequestValues.Digest(route.Argument)),
            RouteKind.Blob when HttpMethods.IsDelete(method) => blobs.DeleteAsync(context, RequestValues.Name(route.Name), RequestValues.Digest(route.Argument)),
            RouteKind.UploadStart when HttpMethods.IsPost(method) => uploads.PostAsync(context, RequestValues.Name(route.Name)),
            RouteKind.Upload when HttpMethods.IsPatch(method) => uploads.PatchAsync(context, RequestValues.Name(route.Name), route.Argument),
            RouteKind.Upload when HttpMethods.IsPut(method) => uploads.PutAsync(context, RequestValues.Name(route.Name), route.Argument),
            RouteKind.Upload when HttpMethods.IsGet(method) => uploads.GetAsync(context, RequestValues.Name(route.Name), route.Argument),
            RouteKind.Upload when HttpMethods.IsDelete(method) => uploads.DeleteAsync(context, RequestValues.Name(route.Name), route.Argument),
            RouteKind.Referrers when HttpMethods.IsGet(method) => referrers.GetAsync(context, RequestValues.Name(route.Name), RequestValues.Digest(route.Argument)),
            _ => throw new RegistryException(RegistryErrorCode.Unsupported, $"{method} is not supported on {path}"),
        };
    }
}
