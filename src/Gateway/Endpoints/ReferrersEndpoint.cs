using Registry.Gateway.Http;
using Registry.Grains.Manifests;
using Registry.Grains.Repositories;
using Registry.Storage.Layout;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// <c>GET /v2/&lt;name&gt;/referrers/&lt;digest&gt;</c>: an image index of the manifests whose subject is
/// the digest, optionally filtered by <c>artifactType</c>. An unknown subject has no referrers,
/// which is an empty index, never 404.
/// </summary>
internal sealed class ReferrersEndpoint(IGrainFactory grains)
{
    public async Task GetAsync(HttpContext context, RepositoryName name, Digest subject)
    {
        string? artifactType = context.Request.Query["artifactType"];
        if (string.IsNullOrEmpty(artifactType))
        {
            artifactType = null;
        }

        var referrers = await grains.GetGrain<IRepositoryGrain>(name.Value).ListReferrersAsync(subject, artifactType);
        if (artifactType is not null)
        {
            context.Response.Headers[RegistryHeaders.OciFiltersApplied] = "artifactType";
        }

        var index = new ReferrersIndex(
            2,
            MediaTypes.OciImageIndex,
            referrers.Select(referrer => new ReferrerEntry(referrer.MediaType, referrer.Digest.ToString(), referrer.Size, referrer.ArtifactType, referrer.Annotations)).ToList());
        await JsonResponse.WriteAsync(context, index, GatewayJsonContext.Default.ReferrersIndex, MediaTypes.OciImageIndex);
    }
}
