using System.Net;
using System.Net.Http.Headers;
using Google;
using Google.Cloud.Storage.V1;

namespace Registry.Storage.Drivers.Gcs;

/// <summary>
/// The media requests of the JSON API that the client library hides or does in more requests: a
/// simple upload (one request), a resumable upload sent chunk by chunk, and a streamed range read.
/// They go through the library's HTTP client, which adds the credentials.
/// </summary>
internal sealed class GcsMediaClient
{
    /// <summary>The content type of every file the driver writes, as distribution's driver writes it.</summary>
    public const string BlobContentType = "application/octet-stream";

    /// <summary>The content type of distribution's pending upload objects, which its driver hides from reads.</summary>
    public const string UploadSessionContentType = "application/x-docker-upload-session";

    private readonly HttpClient _http;
    private readonly string _objectsUrl;
    private readonly string _uploadUrl;

    public GcsMediaClient(StorageClient storage, string bucket)
    {
        _http = storage.Service.HttpClient;
        var jsonApi = storage.Service.BaseUri;
        _objectsUrl = $"{jsonApi}b/{Uri.EscapeDataString(bucket)}/o";

        // The JSON API lives under storage/v1/ and uploads under upload/storage/v1/ of the same host;
        // an emulator's base URI may leave storage/v1/ out.
        const string jsonPath = "storage/v1/";
        var root = jsonApi.EndsWith(jsonPath, StringComparison.Ordinal) ? jsonApi[..^jsonPath.Length] : jsonApi;
        _uploadUrl = $"{root}upload/storage/v1/b/{Uri.EscapeDataString(bucket)}/o";
    }

    /// <summary>Uploads a whole object in one request.</summary>
    public async Task UploadAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_uploadUrl}?uploadType=media&name={Uri.EscapeDataString(name)}")
        {
            Content = new ReadOnlyMemoryContent(content),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(BlobContentType);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, "upload");
    }

    /// <summary>Starts a resumable upload and returns its session URI, which authorizes uploads to it: never log it.</summary>
    public async Task<Uri> StartSessionAsync(string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_uploadUrl}?uploadType=resumable&name={Uri.EscapeDataString(name)}")
        {
            Content = new ByteArrayContent([]),
        };
        request.Headers.Add("X-Upload-Content-Type", BlobContentType);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, "resumable upload start");
        return response.Headers.Location ?? throw new GoogleApiException("storage", "the resumable upload start returned no Location header")
        {
            HttpStatusCode = response.StatusCode,
        };
    }

    /// <summary>
    /// Sends <paramref name="chunk"/> at <paramref name="offset"/> of a resumable upload and returns how
    /// many bytes of the upload the store has persisted afterwards. With <paramref name="totalSize"/> set, the
    /// chunk is the last one and the store publishes the object.
    /// </summary>
    public async Task<long> PutChunkAsync(Uri session, long offset, ReadOnlyMemory<byte> chunk, long? totalSize, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = new ReadOnlyMemoryContent(chunk) };
        var total = totalSize?.ToString() ?? "*";
        request.Content.Headers.TryAddWithoutValidation(
            "Content-Range", chunk.IsEmpty ? $"bytes */{total}" : $"bytes {offset}-{offset + chunk.Length - 1}/{total}");
        using var response = await _http.SendAsync(request, cancellationToken);
        return await PersistedSizeAsync(response, totalSize);
    }

    /// <summary>Queries how many bytes a resumable upload has persisted, after a chunk request failed midway.</summary>
    public async Task<long> QuerySessionAsync(Uri session, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = new ByteArrayContent([]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Range", "bytes */*");
        using var response = await _http.SendAsync(request, cancellationToken);
        return await PersistedSizeAsync(response, totalSize: null);
    }

    /// <summary>Cancels a resumable upload. GCS returns 499 for a cancelled upload.</summary>
    public async Task CancelSessionAsync(Uri session, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, session);
        using var response = await _http.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode != 499 && response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, "resumable upload cancel");
        }
    }

    /// <summary>
    /// Opens the object's bytes from <paramref name="offset"/>. Returns the response: 206 from the
    /// offset, 416 past the end, or 200 with the whole object when the store ignored the range.
    /// </summary>
    public async Task<HttpResponseMessage> ReadAsync(string name, long offset, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_objectsUrl}/{Uri.EscapeDataString(name)}?alt=media");
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return response;
        }

        using (response)
        {
            await EnsureSuccessAsync(response, "download");
            return response;
        }
    }

    private static async Task<long> PersistedSizeAsync(HttpResponseMessage response, long? totalSize)
    {
        if ((int)response.StatusCode == 308)
        {
            // Range: bytes=0-<last persisted byte>. Without a Range header the store has persisted nothing yet.
            var range = response.Headers.TryGetValues("Range", out var values) ? values.FirstOrDefault() : null;
            return range is not null && long.TryParse(range.AsSpan(range.IndexOf('-') + 1), out var last) ? last + 1 : 0;
        }

        await EnsureSuccessAsync(response, "resumable upload chunk");
        if (totalSize is null)
        {
            // NOTE: the firebase-tools storage emulator publishes a resumable upload after its first
            // chunk and rejects the next; report it instead of publishing a cut object.
            throw new NotSupportedException("the store published the resumable upload before its last chunk; it does not support uploads in several chunks");
        }

        return totalSize.Value;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string request)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // The error body names the bucket and object at most; it carries no credentials.
        var body = await response.Content.ReadAsStringAsync();
        throw new GoogleApiException("storage", $"{request} returned HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}")
        {
            HttpStatusCode = response.StatusCode,
        };
    }
}
