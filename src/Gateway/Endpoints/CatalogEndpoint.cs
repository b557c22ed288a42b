using Microsoft.Extensions.Options;
using Registry.Gateway.Http;
using Registry.Gateway.Routing;
using Registry.Grains.Catalog;

namespace Registry.Gateway.Endpoints;

/// <summary><c>GET /v2/_catalog</c>: repository names, sorted, paged with <c>n</c> and <c>last</c>.</summary>
internal sealed class CatalogEndpoint(IGrainFactory grains, IOptions<GatewayOptions> options)
{
    public async Task GetAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var size = RequestValues.PageSize(query["n"], options.Value.DefaultCatalogPageSize, options.Value.MaxPageSize);
        var page = size == 0
            ? new NamePage([], false)
            : await grains.GetGrain<ICatalogGrain>(0).ListAsync(query["last"], size);
        if (page.HasMore)
        {
            PageLink.Add(context, "/v2/_catalog", page.Names, size);
        }

        await JsonResponse.WriteAsync(context, new RepositoryList(page.Names), GatewayJsonContext.Default.RepositoryList);
    }
}
