using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Registry.Gateway.Http;
using Registry.Gateway.Routing;
using Registry.Grains.Catalog;
using Registry.Grains.Repositories;
using Registry.Storage.Layout;

namespace Registry.Gateway.Endpoints;

/// <summary><c>GET /v2/&lt;name&gt;/tags/list</c>: tags, sorted, all of them unless <c>n</c> is given.</summary>
internal sealed class TagsEndpoint(IGrainFactory grains, IOptions<GatewayOptions> options)
{
    /// <summary>
    /// Serialised full listings, keyed by the tag list the repository grain returned. The grain
    /// returns the same list instance until a tag changes, so a hit is never stale. An entry is
    /// dropped with its list, and a list that crossed a process boundary is new, so it misses.
    /// </summary>
    private readonly ConditionalWeakTable<IReadOnlyList<string>, byte[]> _bodies = new();

    public async Task GetAsync(HttpContext context, RepositoryName name)
    {
        var query = context.Request.Query;
        var requested = query.ContainsKey("n");
        var size = RequestValues.PageSize(query["n"], int.MaxValue, requested ? options.Value.MaxPageSize : int.MaxValue);
        var repository = grains.GetGrain<IRepositoryGrain>(name.Value);
        var page = await repository.ListTagsAsync(query["last"], size == 0 ? 0 : size);
        if (page.HasMore && page.Names.Count > 0)
        {
            PageLink.Add(context, $"/v2/{name}/tags/list", page.Names, size);
        }

        if (page.HasMore || page.Names.Count == 0 || !string.IsNullOrEmpty(query["last"]))
        {
            await JsonResponse.WriteAsync(context, new TagList(name.Value, page.Names), GatewayJsonContext.Default.TagList);
            return;
        }

        var body = _bodies.GetValue(page.Names, names => JsonSerializer.SerializeToUtf8Bytes(new TagList(name.Value, names), GatewayJsonContext.Default.TagList));
        await JsonResponse.WriteBytesAsync(context, body);
    }
}
