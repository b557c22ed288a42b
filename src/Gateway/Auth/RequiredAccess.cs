using Registry.Gateway.Routing;
using Registry.Storage.Layout;

namespace Registry.Gateway.Auth;

/// <summary>
/// Works out the access a request needs from its route and method, with distribution's rules:
/// <list type="bullet">
/// <item><c>GET</c> and <c>HEAD</c> of a repository's resources need <c>pull</c>;</item>
/// <item><c>POST</c>, <c>PUT</c> and <c>PATCH</c> need <c>pull</c> and <c>push</c>;</item>
/// <item><c>DELETE</c> needs <c>delete</c>;</item>
/// <item>a cross-repository mount (<c>POST …/blobs/uploads/?mount=&amp;from=</c>) also needs <c>pull</c> on <c>from</c>;</item>
/// <item><c>/v2/_catalog</c> needs <c>registry:catalog:*</c>;</item>
/// <item><c>/v2/</c> needs only valid credentials.</item>
/// </list>
/// </summary>
internal static class RequiredAccess
{
    /// <summary>
    /// Returns false for a path outside <c>/v2</c>, which is not the registry API's to protect.
    /// Otherwise <paramref name="required"/> is the access the request needs, and an empty list means
    /// that valid credentials are enough. A path that matches no route, an invalid repository name
    /// and a method no endpoint serves also need only valid credentials, because the dispatcher then
    /// rejects the request without touching any repository.
    /// </summary>
    public static bool TryGet(string method, string path, IQueryCollection query, out IReadOnlyList<AccessItem> required)
    {
        required = [];
        if (path != "/v2" && !path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            return false;
        }

        if (!RegistryRoute.TryParse(path, out var route) || route.Kind == RouteKind.Base)
        {
            return true;
        }

        if (route.Kind == RouteKind.Catalog)
        {
            required = [AccessItem.Catalog];
            return true;
        }

        if (!RepositoryName.TryParse(route.Name, out var name, out _))
        {
            return true;
        }

        var items = new List<AccessItem>();
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            items.Add(AccessItem.Repository(name.Value, AccessItem.Pull));
        }
        else if (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method))
        {
            items.Add(AccessItem.Repository(name.Value, AccessItem.Pull));
            items.Add(AccessItem.Repository(name.Value, AccessItem.Push));
        }
        else if (HttpMethods.IsDelete(method))
        {
            items.Add(AccessItem.Repository(name.Value, AccessItem.Delete));
        }

        // The upload endpoint mounts only when both values are valid, so only then is the source read.
        if (route.Kind == RouteKind.UploadStart
            && HttpMethods.IsPost(method)
            && Digest.TryParse(query["mount"], out _)
            && RepositoryName.TryParse(query["from"], out var source, out _)
            && source != name)
        {
            items.Add(AccessItem.Repository(source.Value, AccessItem.Pull));
        }

        required = items;
        return true;
    }
}
