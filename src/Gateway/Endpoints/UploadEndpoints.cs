using System.Globalization;
using Registry.Gateway.Http;
using Registry.Gateway.Routing;
using Registry.Gateway.Streaming;
using Registry.Grains.Errors;
using Registry.Grains.Repositories;
using Registry.Grains.Uploads;
using Registry.Storage.Layout;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// The upload endpoints: <c>POST /v2/&lt;name&gt;/blobs/uploads/</c> (session, monolithic with
/// <c>digest</c>, or cross-repository mount), and <c>PATCH</c>, <c>PUT</c>, <c>GET</c> and
/// <c>DELETE</c> of <c>/v2/&lt;name&gt;/blobs/uploads/&lt;id&gt;</c>.
/// </summary>
internal sealed class UploadEndpoints(IGrainFactory grains, UploadBodyWriter bodyWriter)
{
    public async Task PostAsync(HttpContext context, RepositoryName name)
    {
        var query = context.Request.Query;
        string? mount = query["mount"];
        string? from = query["from"];

        // The specification's fallback: a mount that cannot be done, including one with an invalid
        // digest or source repository, opens an ordinary session instead of failing.
        if (Digest.TryParse(mount, out var mountDigest) && RepositoryName.TryParse(from, out var source, out _))
        {
            var size = await grains.GetGrain<IRepositoryGrain>(name.Value).MountBlobAsync(mountDigest, source);
            if (size is not null)
            {
                WriteCreated(context, name, mountDigest);
                return;
            }
        }

        // Parsed before the session exists, so an invalid digest leaves no session behind.
        string? monolithicDigest = query["digest"];
        Digest? digest = string.IsNullOrEmpty(monolithicDigest) ? null : RequestValues.Digest(monolithicDigest);

        var uploadId = Guid.NewGuid().ToString("D");
        var upload = Upload(name, uploadId);
        var status = await upload.StartAsync();

        if (digest is not null)
        {
            try
            {
                await bodyWriter.AppendAsync(context, upload, uploadId, 0, context.Request.ContentLength);
                await CompleteAsync(context, name, upload, digest.Value);
            }
            catch (Exception exception) when (exception is ClientDisconnectedException
                or RegistryException { Code: not RegistryErrorCode.DigestInvalid })
            {
                // The client never received this session's id, so it cannot be resumed. A digest
                // mismatch has cancelled the session already.
                await upload.CancelAsync();
                throw;
            }

            return;
        }

        WriteAccepted(context, name, status, StatusCodes.Status202Accepted);
    }

    public async Task PatchAsync(HttpContext context, RepositoryName name, string uploadId)
    {
        var upload = Upload(name, uploadId);
        var (offset, length) = ChunkBounds(context);
        var status = await bodyWriter.AppendAsync(context, upload, uploadId, offset, length);
        WriteAccepted(context, name, status, StatusCodes.Status202Accepted);
    }

    /// <summary>Ends the upload, appending the request body first when there is one.</summary>
    public async Task PutAsync(HttpContext context, RepositoryName name, string uploadId)
    {
        string? digestValue = context.Request.Query["digest"];
        if (string.IsNullOrEmpty(digestValue))
        {
            throw new RegistryException(RegistryErrorCode.DigestInvalid, "the digest query parameter is required to complete an upload");
        }

        var digest = RequestValues.Digest(digestValue);
        var upload = Upload(name, uploadId);
        if (HasBody(context))
        {
            var (offset, length) = ChunkBounds(context);
            await bodyWriter.AppendAsync(context, upload, uploadId, offset, length);
        }
        else if (context.Request.Headers.ContentRange.Count > 0)
        {
            // An empty last chunk may still name a range; it must agree with what was received.
            var (offset, _) = ChunkBounds(context);
            var lease = await upload.BeginWriteAsync(offset);
            await upload.AbortWriteAsync(lease.LeaseId);
        }

        await CompleteAsync(context, name, upload, digest);
    }

    public async Task GetAsync(HttpContext context, RepositoryName name, string uploadId)
    {
        var status = await Upload(name, uploadId).GetStatusAsync();
        WriteAccepted(context, name, status, StatusCodes.Status204NoContent);
    }

    public async Task DeleteAsync(HttpContext context, RepositoryName name, string uploadId)
    {
        await Upload(name, uploadId).CancelAsync();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private IUploadGrain Upload(RepositoryName name, string uploadId)
    {
        if (!UploadKey.IsValidId(uploadId))
        {
            throw new RegistryException(RegistryErrorCode.BlobUploadUnknown, $"upload {uploadId} is not known in repository {name}");
        }

        return grains.GetGrain<IUploadGrain>(UploadKey.Format(name, uploadId));
    }

    private async Task CompleteAsync(HttpContext context, RepositoryName name, IUploadGrain upload, Digest digest)
    {
        await upload.CompleteAsync(digest);
        WriteCreated(context, name, digest);
    }

    private static bool HasBody(HttpContext context) =>
        context.Request.ContentLength > 0 || (context.Request.ContentLength is null && context.Request.Headers.TransferEncoding.Count > 0);

    /// <summary>
    /// The offset and length a chunk announces: from <c>Content-Range</c> when present (which must
    /// agree with <c>Content-Length</c>), else only the length.
    /// </summary>
    private static (long? Offset, long? Length) ChunkBounds(HttpContext context)
    {
        var contentLength = context.Request.ContentLength;
        var header = context.Request.Headers.ContentRange.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return (null, contentLength);
        }

        if (!ContentRange.TryParse(header, out var range))
        {
            throw new RegistryException(RegistryErrorCode.RangeInvalid, $"Content-Range '{header}' is not of the form start-end");
        }

        if (contentLength is { } length && length != range.Length && length != 0)
        {
            throw new RegistryException(
                RegistryErrorCode.SizeInvalid,
                $"Content-Length {length} does not match Content-Range {range.Start}-{range.End} ({range.Length} bytes)");
        }

        return (range.Start, contentLength == 0 ? 0 : range.Length);
    }

    private static void WriteAccepted(HttpContext context, RepositoryName name, UploadStatus status, int statusCode)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.Headers.Location = $"/v2/{name}/blobs/uploads/{status.UploadId}";
        response.Headers.Range = string.Create(CultureInfo.InvariantCulture, $"0-{Math.Max(status.Offset - 1, 0)}");
        response.Headers[RegistryHeaders.UploadUuid] = status.UploadId;
        response.ContentLength = 0;
    }

    private static void WriteCreated(HttpContext context, RepositoryName name, Digest digest)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.Headers.Location = $"/v2/{name}/blobs/{digest}";
        response.Headers[RegistryHeaders.ContentDigest] = digest.ToString();
        response.ContentLength = 0;
    }
}
