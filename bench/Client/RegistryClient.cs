using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Registry.Bench;

/// <summary>
/// The distribution API calls that the benchmark needs, over one <see cref="HttpClient"/> whose
/// connections are kept alive. Every unexpected status is a <see cref="BenchException"/>.
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>The Accept header of every manifest request: the OCI and Docker manifest and index types.</summary>
    public const string ManifestAccept =
        "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, " +
        "application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json";

    private readonly HttpClient _http;

    public RegistryClient(Uri registry, int connections)
    {
        BaseAddress = registry;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        _http = new HttpClient(handler) { BaseAddress = registry, Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http => _http;

    public void Dispose() => _http.Dispose();

    public static string Digest(ReadOnlySpan<byte> data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Starts an upload session with <c>POST /v2/NAME/blobs/uploads/</c> and returns its location.</summary>
    public async Task<Uri> StartUploadAsync(string repository, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync($"v2/{repository}/blobs/uploads/", null, cancellationToken);
        return Location(await ExpectAsync(response, HttpStatusCode.Accepted, "POST upload", cancellationToken));
    }

    /// <summary>Sends one <c>PATCH</c>, with a <c>Content-Range</c> when <paramref name="offset"/> is given, and returns the next location.</summary>
    public async Task<Uri> PatchAsync(Uri location, ReadOnlyMemory<byte> chunk, long? offset, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ReadOnlyMemoryContent(chunk) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (offset is { } start)
        {
            // Content-Range on an upload chunk is "first-last" with inclusive offsets and no unit.
            request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + chunk.Length - 1}");
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        return Location(await ExpectAsync(response, HttpStatusCode.Accepted, "PATCH upload", cancellationToken));
    }

    /// <summary>Closes an upload session with <c>PUT ?digest=</c>, sending <paramref name="body"/> as its last chunk.</summary>
    public async Task FinishUploadAsync(Uri location, string digest, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, WithQuery(location, "digest", digest))
        {
            Content = new ReadOnlyMemoryContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.SendAsync(request, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.Created, "PUT upload", cancellationToken);
        var stored = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        if (stored is not null && stored != digest)
        {
            throw new BenchException($"PUT upload: the registry stored {stored}, expected {digest}");
        }
    }

    /// <summary>Uploads a blob with <c>POST</c> then <c>PUT ?digest=</c> carrying the whole body.</summary>
    public async Task PushBlobAsync(string repository, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var location = await StartUploadAsync(repository, cancellationToken);
        await FinishUploadAsync(location, Digest(data.Span), data, cancellationToken);
    }

    /// <summary>
    /// Mounts a blob from another repository with <c>POST ?mount=&amp;from=</c>. A registry that
    /// opens a session instead (202) gets the blob uploaded into that session.
    /// </summary>
    public async Task MountBlobAsync(string repository, string from, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var digest = Digest(data.Span);
        var path = $"v2/{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(from)}";
        using var response = await _http.PostAsync(path, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return;
        }

        var location = Location(await ExpectAsync(response, HttpStatusCode.Accepted, "POST mount", cancellationToken));
        await FinishUploadAsync(location, digest, data, cancellationToken);
    }

    public async Task<long> HeadBlobAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"v2/{repository}/blobs/{digest}");
        using var response = await _http.SendAsync(request, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.OK, $"HEAD blob {digest}", cancellationToken);
        return response.Content.Headers.ContentLength ?? -1;
    }

    public async Task PutManifestAsync(string repository, string reference, byte[] manifest, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(OciManifest);
        using var response = await _http.PutAsync($"v2/{repository}/manifests/{reference}", content, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.Created, $"PUT manifest {repository}:{reference}", cancellationToken);
    }

    /// <summary>Returns the response when its status is <paramref name="expected"/>, and throws with the status and body otherwise.</summary>
    public static async Task<HttpResponseMessage> ExpectAsync(
        HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode == expected)
        {
            return response;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (body.Length > 300)
        {
            body = body[..300] + "...";
        }

        throw new BenchException($"{what}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
    }

    /// <summary>Returns the URI of the <c>Link: &lt;URI&gt;; rel="next"</c> header, or null on the last page.</summary>
    public Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var link in links)
        {
            var open = link.IndexOf('<', StringComparison.Ordinal);
            var close = link.IndexOf('>', StringComparison.Ordinal);
            if (open >= 0 && close > open && link.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                return new Uri(BaseAddress, link[(open + 1)..close]);
            }
        }

        return null;
    }

    private Uri Location(HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? new Uri(BaseAddress, location)
            : throw new BenchException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: no Location header");

    private static Uri WithQuery(Uri location, string name, string value)
    {
        var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
        return new Uri(location.AbsoluteUri + separator + name + "=" + Uri.EscapeDataString(value));
    }
}
