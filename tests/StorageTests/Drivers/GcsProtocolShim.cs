using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Web;

namespace Registry.StorageTests.Drivers;

/// <summary>
/// Adds to the storage emulator the two GCS features it lacks, resumable uploads in several chunks
/// and compose, by serving those requests in the test process as GCS documents them and storing
/// the result in the emulator with simple uploads. Every other request goes to the emulator as it is.
/// </summary>
/// <remarks>
/// It checks what GCS checks and the driver must get right: contiguous chunks, middle chunks in
/// multiples of 256 KiB, the final size, 308 responses with a <c>Range</c> header, and the
/// <c>ifGenerationMatch</c> precondition of a compose.
/// </remarks>
internal sealed class GcsProtocolShim : DelegatingHandler
{
    private const int ChunkGranularity = 256 * 1024;
    private const string SessionMarker = "upload_id=shim-";

    private readonly ConcurrentDictionary<string, Session> _sessions = new();

    public GcsProtocolShim(HttpMessageHandler inner)
    {
        InnerHandler = inner;
    }

    /// <summary>Resumable uploads started and composes done through the shim.</summary>
    public int SessionCount => _sessionCount;

    public int ComposeCount => _composeCount;

    private int _sessionCount;
    private int _composeCount;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var query = HttpUtility.ParseQueryString(uri.Query);
        if (request.Method == HttpMethod.Post && query["uploadType"] == "resumable")
        {
            var id = $"shim-{Guid.NewGuid():N}";
            _sessions[id] = new Session(uri, query["name"]!);
            Interlocked.Increment(ref _sessionCount);
            var started = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
            started.Headers.Location = new Uri($"{uri.GetLeftPart(UriPartial.Path)}?uploadType=resumable&upload_id={id}");
            return started;
        }

        if (uri.Query.Contains(SessionMarker))
        {
            return await SessionRequestAsync(request, query["upload_id"]!, cancellationToken);
        }

        if (request.Method == HttpMethod.Post && uri.AbsolutePath.EndsWith("/compose", StringComparison.Ordinal))
        {
            return await ComposeAsync(request, query, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SessionRequestAsync(HttpRequestMessage request, string id, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(id, out var session))
        {
            return Answer(request, HttpStatusCode.NotFound);
        }

        if (request.Method == HttpMethod.Delete)
        {
            _sessions.TryRemove(id, out _);
            return Answer(request, (HttpStatusCode)499);
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var range = request.Content?.Headers.TryGetValues("Content-Range", out var values) == true ? values.Single() : "";

        // bytes <first>-<last>/<total or *>, or bytes */<total or *>
        var parts = range["bytes ".Length..].Split('/');
        var total = parts[1] == "*" ? (long?)null : long.Parse(parts[1]);
        if (parts[0] != "*")
        {
            var first = long.Parse(parts[0].Split('-')[0]);
            var last = long.Parse(parts[0].Split('-')[1]);
            if (first != session.Content.Length || last - first + 1 != body.Length)
            {
                return Answer(request, HttpStatusCode.BadRequest);
            }

            if (total is null && body.Length % ChunkGranularity != 0)
            {
                return Answer(request, HttpStatusCode.BadRequest);
            }

            session.Content.Write(body);
        }

        if (total is null)
        {
            var incomplete = Answer(request, (HttpStatusCode)308);
            if (session.Content.Length > 0)
            {
                incomplete.Headers.TryAddWithoutValidation("Range", $"bytes=0-{session.Content.Length - 1}");
            }

            return incomplete;
        }

        if (total != session.Content.Length)
        {
            return Answer(request, HttpStatusCode.BadRequest);
        }

        _sessions.TryRemove(id, out _);
        return await UploadAsync(session.Start, session.Name, session.Content.ToArray(), cancellationToken);
    }

    private async Task<HttpResponseMessage> ComposeAsync(HttpRequestMessage request, System.Collections.Specialized.NameValueCollection query, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _composeCount);
        var uri = request.RequestUri!;
        var path = uri.AbsolutePath;
        var objects = path.IndexOf("/o/", StringComparison.Ordinal);
        var destination = Uri.UnescapeDataString(path[(objects + 3)..^"/compose".Length]);
        var objectsUrl = $"{uri.GetLeftPart(UriPartial.Authority)}{path[..(objects + 2)]}";

        if (query["ifGenerationMatch"] is { } expected)
        {
            using var metadata = await base.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{objectsUrl}/{Uri.EscapeDataString(destination)}"), cancellationToken);
            var generation = metadata.IsSuccessStatusCode
                ? JsonDocument.Parse(await metadata.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("generation").GetString()
                : "0";
            if (generation != expected)
            {
                return Answer(request, HttpStatusCode.PreconditionFailed);
            }
        }

        using var composed = new MemoryStream();
        // The client library gzips request bodies.
        Stream json = await request.Content!.ReadAsStreamAsync(cancellationToken);
        if (request.Content.Headers.ContentEncoding.Contains("gzip"))
        {
            json = new GZipStream(json, CompressionMode.Decompress);
        }

        var body = await JsonDocument.ParseAsync(json, cancellationToken: cancellationToken);
        foreach (var source in body.RootElement.GetProperty("sourceObjects").EnumerateArray())
        {
            var name = source.GetProperty("name").GetString()!;
            using var download = await base.SendAsync(
                new HttpRequestMessage(HttpMethod.Get, $"{objectsUrl}/{Uri.EscapeDataString(name)}?alt=media"), cancellationToken);
            if (!download.IsSuccessStatusCode)
            {
                return Answer(request, download.StatusCode);
            }

            await download.Content.CopyToAsync(composed, cancellationToken);
        }

        var uploadUrl = new Uri($"{uri.GetLeftPart(UriPartial.Authority)}/upload/storage/v1{path[path.IndexOf("/b/", StringComparison.Ordinal)..(objects + 2)]}");
        return await UploadAsync(uploadUrl, destination, composed.ToArray(), cancellationToken);
    }

    private Task<HttpResponseMessage> UploadAsync(Uri uploadUrl, string name, byte[] content, CancellationToken cancellationToken)
    {
        var upload = new HttpRequestMessage(HttpMethod.Post, $"{uploadUrl.GetLeftPart(UriPartial.Path)}?uploadType=media&name={Uri.EscapeDataString(name)}")
        {
            Content = new ByteArrayContent(content),
        };
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return base.SendAsync(upload, cancellationToken);
    }

    private static HttpResponseMessage Answer(HttpRequestMessage request, HttpStatusCode status) =>
        new(status) { RequestMessage = request, Content = new ByteArrayContent([]) };

    private sealed record Session(Uri Start, string Name)
    {
        public MemoryStream Content { get; } = new();
    }
}
