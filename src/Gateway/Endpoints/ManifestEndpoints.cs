using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Registry.Gateway.Http;
using Registry.Gateway.Routing;
using Registry.Grains.Errors;
using Registry.Grains.Repositories;
using Registry.Storage.Layout;

namespace Registry.Gateway.Endpoints;

/// <summary><c>GET</c>, <c>HEAD</c>, <c>PUT</c> and <c>DELETE</c> of <c>/v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>.</summary>
internal sealed class ManifestEndpoints(IGrainFactory grains, IOptions<GatewayOptions> options)
{
    public async Task GetAsync(HttpContext context, RepositoryName name, string reference)
    {
        var (tag, digest) = RequestValues.Reference(reference);
        var repository = grains.GetGrain<IRepositoryGrain>(name.Value);
        var manifest = tag is { } byTag
            ? await repository.GetManifestByTagAsync(byTag)
            : await repository.GetManifestByDigestAsync(digest!.Value);
        if (manifest is null)
        {
            throw new RegistryException(RegistryErrorCode.ManifestUnknown, $"manifest {reference} is not known in repository {name}", reference);
        }

        if (!AcceptHeader.Allows(context.Request.Headers.Accept, manifest.MediaType))
        {
            throw new RegistryException(
                RegistryErrorCode.ManifestUnknown,
                $"manifest {reference} has media type {manifest.MediaType}, which the request's Accept header does not include",
                reference);
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = manifest.MediaType;
        response.ContentLength = manifest.Content.Length;
        response.Headers[RegistryHeaders.ContentDigest] = manifest.Digest.ToString();
        response.Headers.ETag = $"\"{manifest.Digest}\"";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(manifest.Content, context.RequestAborted);
        }
    }

    public async Task PutAsync(HttpContext context, RepositoryName name, string reference)
    {
        var (tag, referenceDigest) = RequestValues.Reference(reference);
        var content = await ReadBodyAsync(context);
        var digest = referenceDigest ?? Digest.FromHash(Digest.Sha256, SHA256.HashData(content));
        var result = await grains.GetGrain<IRepositoryGrain>(name.Value)
            .PutManifestAsync(content, context.Request.ContentType, digest, tag);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.Headers.Location = $"/v2/{name}/manifests/{result.Digest}";
        response.Headers[RegistryHeaders.ContentDigest] = result.Digest.ToString();
        if (result.Subject is { } subject)
        {
            response.Headers[RegistryHeaders.OciSubject] = subject.ToString();
        }

        response.ContentLength = 0;
    }

    public async Task DeleteAsync(HttpContext context, RepositoryName name, string reference)
    {
        EnsureDeleteEnabled();
        var (tag, digest) = RequestValues.Reference(reference);
        var repository = grains.GetGrain<IRepositoryGrain>(name.Value);
        var deleted = tag is { } byTag
            ? await repository.DeleteTagAsync(byTag)
            : await repository.DeleteManifestAsync(digest!.Value);
        if (!deleted)
        {
            throw new RegistryException(RegistryErrorCode.ManifestUnknown, $"manifest {reference} is not known in repository {name}", reference);
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentLength = 0;
    }

    private void EnsureDeleteEnabled()
    {
        if (!options.Value.DeleteEnabled)
        {
            throw new RegistryException(RegistryErrorCode.Unsupported, "deletion is disabled; set storage.delete.enabled to true to allow it");
        }
    }

    /// <summary>
    /// Reads a manifest body of at most the configured size. A declared length over the limit is
    /// rejected before a byte is read. A body without a length is rejected as soon as it passes it.
    /// </summary>
    private async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        var limit = options.Value.MaxManifestBytes;
        var declared = context.Request.ContentLength;
        if (declared > limit)
        {
            throw TooLarge(limit);
        }

        var buffer = new byte[declared ?? 16 * 1024];
        var length = 0;
        var body = context.Request.Body;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (declared is not null)
                {
                    break;
                }

                if (buffer.Length > limit)
                {
                    throw TooLarge(limit);
                }

                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, limit + 1L));
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length > limit)
        {
            throw TooLarge(limit);
        }

        if (length == 0)
        {
            throw new RegistryException(RegistryErrorCode.ManifestInvalid, "the manifest body is empty");
        }

        return length == buffer.Length ? buffer : buffer[..length];
    }

    private static RegistryException TooLarge(int limit) =>
        new(RegistryErrorCode.ManifestTooLarge, $"the manifest is larger than the {limit} bytes this registry accepts");
}
