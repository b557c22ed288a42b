using Microsoft.Extensions.Options;
using Registry.Gateway.Streaming;
using Registry.Grains.Errors;
using Registry.Grains.Repositories;
using Registry.Storage.Layout;

namespace Registry.Gateway.Endpoints;

/// <summary><c>GET</c>, <c>HEAD</c> and <c>DELETE</c> of <c>/v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>.</summary>
internal sealed class BlobEndpoints(IGrainFactory grains, BlobSender sender, IOptions<GatewayOptions> options)
{
    /// <summary>
    /// Serves a blob linked into the repository. A manifest's digest is served too, as its bytes:
    /// containerd reads manifests through the blobs endpoint.
    /// </summary>
    public async Task GetAsync(HttpContext context, RepositoryName name, Digest digest)
    {
        var size = await grains.GetGrain<IRepositoryGrain>(name.Value).StatBlobAsync(digest);
        if (size is null)
        {
            throw new RegistryException(RegistryErrorCode.BlobUnknown, $"blob {digest} is not known in repository {name}", digest.ToString());
        }

        await sender.SendAsync(context, digest, size.Value, "application/octet-stream");
    }

    /// <summary>Removes the blob from this repository; the data itself goes only by garbage collection.</summary>
    public async Task DeleteAsync(HttpContext context, RepositoryName name, Digest digest)
    {
        if (!options.Value.DeleteEnabled)
        {
            throw new RegistryException(RegistryErrorCode.Unsupported, "deletion is disabled; set storage.delete.enabled to true to allow it");
        }

        if (!await grains.GetGrain<IRepositoryGrain>(name.Value).UnlinkBlobAsync(digest))
        {
            throw new RegistryException(RegistryErrorCode.BlobUnknown, $"blob {digest} is not known in repository {name}", digest.ToString());
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentLength = 0;
    }
}
