using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Registry.Storage.Drivers.Swift;

/// <summary>
/// Swift's object API over <see cref="SwiftConnection"/>: HEAD, GET, PUT, copy, DELETE, JSON listings and bulk
/// delete. Methods return null or false for 404 where the caller decides what a missing object means, and raise
/// <see cref="StorageDriverException"/> naming the URL and status for any other failure.
/// </summary>
internal sealed class SwiftObjectClient(SwiftConnection connection, string container, string driverName)
{
    private const string OctetStream = "application/octet-stream";

    public string Container => container;

    public SwiftConnection Connection => connection;

    public async Task<SwiftObjectInfo?> HeadAsync(string name, string path, CancellationToken cancellationToken)
    {
        using var response = await connection.SendAsync(
            session => new HttpRequestMessage(HttpMethod.Head, ObjectUri(session, container, name)), idempotent: true, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(response, path);
        return new SwiftObjectInfo(
            response.Content.Headers.ContentLength ?? 0,
            ModifiedAt(response),
            response.Headers.TryGetValues("X-Static-Large-Object", out var slo) && slo.Any(value => value.Equals("true", StringComparison.OrdinalIgnoreCase)),
            response.Headers.TryGetValues("X-Object-Manifest", out var dlo) ? Uri.UnescapeDataString(dlo.First()) : null);
    }

    /// <summary>Reads a whole object, or null when it is missing.</summary>
    public async Task<byte[]?> GetBytesAsync(string objectContainer, string name, string query, string path, CancellationToken cancellationToken)
    {
        using var response = await connection.SendAsync(
            session => new HttpRequestMessage(HttpMethod.Get, ObjectUri(session, objectContainer, name, query)), idempotent: true, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(response, path);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>Starts a GET of bytes <paramref name="offset"/> to <paramref name="last"/> (null: the end); the caller owns the response.</summary>
    public Task<HttpResponseMessage> OpenAsync(string objectContainer, string name, long offset, long? last, CancellationToken cancellationToken) =>
        connection.SendAsync(
            session =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, ObjectUri(session, objectContainer, name));
                if (offset > 0 || last is not null)
                {
                    request.Headers.Range = new RangeHeaderValue(offset, last);
                }

                return request;
            },
            idempotent: true,
            cancellationToken,
            HttpCompletionOption.ResponseHeadersRead);

    /// <summary>Uploads an object and returns its ETag.</summary>
    public async Task<string> PutAsync(
        string name, ReadOnlyMemory<byte> content, string query, string path, CancellationToken cancellationToken, string contentType = OctetStream)
    {
        using var response = await connection.SendAsync(
            session =>
            {
                var body = new ReadOnlyMemoryContent(content);
                body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                return new HttpRequestMessage(HttpMethod.Put, ObjectUri(session, container, name, query)) { Content = body };
            },
            idempotent: true,
            cancellationToken);
        EnsureSuccess(response, path);
        return Etag(response);
    }

    /// <summary>Writes a DLO manifest: an empty object whose <c>X-Object-Manifest</c> names its segments' prefix.</summary>
    public async Task PutDynamicManifestAsync(string name, string manifest, string path, CancellationToken cancellationToken)
    {
        using var response = await connection.SendAsync(
            session =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, ObjectUri(session, container, name))
                {
                    Content = new ByteArrayContent([]),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
                request.Headers.TryAddWithoutValidation("X-Object-Manifest", manifest);
                return request;
            },
            idempotent: true,
            cancellationToken);
        EnsureSuccess(response, path);
    }

    /// <summary>Copies an object on the server (PUT with <c>X-Copy-From</c>); returns its ETag, or null when the source is missing.</summary>
    public async Task<string?> CopyAsync(string sourceContainer, string sourceName, string destinationName, string path, CancellationToken cancellationToken)
    {
        using var response = await connection.SendAsync(
            session =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, ObjectUri(session, container, destinationName))
                {
                    Content = new ByteArrayContent([]),
                };
                request.Headers.TryAddWithoutValidation("X-Copy-From", "/" + Escape(sourceContainer) + "/" + Escape(sourceName));
                return request;
            },
            idempotent: true,
            cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(response, path);
        return Etag(response);
    }

    /// <summary>Deletes one object; returns false when it was missing.</summary>
    public async Task<bool> DeleteAsync(string objectContainer, string name, string query, string path, CancellationToken cancellationToken)
    {
        using var response = await connection.SendAsync(
            session => new HttpRequestMessage(HttpMethod.Delete, ObjectUri(session, objectContainer, name, query)), idempotent: true, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        EnsureSuccess(response, path);
        return true;
    }

    /// <summary>
    /// Lists objects whose names start with <paramref name="prefix"/>, in name order, one page of up to 10,000 rows
    /// per request, continuing from the last name with <c>marker</c>. With a delimiter, names that continue past the
    /// delimiter collapse into one <c>subdir</c> row.
    /// </summary>
    public async IAsyncEnumerable<SwiftListEntry> ListAsync(
        string listedContainer, string prefix, char? delimiter, string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var marker = "";
        while (true)
        {
            var query = "format=json&prefix=" + Uri.EscapeDataString(prefix)
                + (delimiter is { } separator ? "&delimiter=" + Uri.EscapeDataString(separator.ToString()) : "")
                + (marker.Length > 0 ? "&marker=" + Uri.EscapeDataString(marker) : "");
            using var response = await connection.SendAsync(
                session => new HttpRequestMessage(HttpMethod.Get, ContainerUri(session, listedContainer, query)), idempotent: true, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new PathNotFoundException(driverName, path);
            }

            EnsureSuccess(response, path);
            using var page = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var count = 0;
            foreach (var row in page.RootElement.EnumerateArray())
            {
                count++;
                var entry = ParseEntry(row);
                marker = entry.Name;
                yield return entry;
            }

            if (count == 0)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Deletes up to the server's maximum of objects in one request of the bulk middleware. Objects already gone
    /// count as deleted.
    /// </summary>
    public async Task BulkDeleteAsync(IReadOnlyList<(string Container, string Name)> objects, string path, ILogger logger, CancellationToken cancellationToken)
    {
        var body = new StringBuilder();
        foreach (var (objectContainer, name) in objects)
        {
            body.Append('/').Append(Escape(objectContainer)).Append('/').Append(Escape(name)).Append('\n');
        }

        var content = Encoding.UTF8.GetBytes(body.ToString());
        using var response = await connection.SendAsync(
            session =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri(session.StorageUrl + "?bulk-delete"))
                {
                    Content = new ByteArrayContent(content),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return request;
            },
            idempotent: true,
            cancellationToken);
        EnsureSuccess(response, path);

        // The middleware returns 200 and reports the outcome, failures included, in the body.
        using var result = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var status = result.RootElement.GetProperty("Response Status").GetString() ?? "";
        var errors = result.RootElement.GetProperty("Errors");
        if (!status.StartsWith("200", StringComparison.Ordinal) || errors.GetArrayLength() > 0)
        {
            throw new StorageDriverException(
                driverName, path, $"bulk delete at {SwiftConnection.Describe(response.RequestMessage!)} failed with status {status} and {errors.GetArrayLength()} errors");
        }

        SwiftLog.BulkDeleted(
            logger, objects.Count, result.RootElement.GetProperty("Number Deleted").GetInt32(), result.RootElement.GetProperty("Number Not Found").GetInt32());
    }

    /// <summary>Sends a request to the container (<paramref name="method"/> HEAD, PUT or POST) with extra headers; returns the response.</summary>
    public Task<HttpResponseMessage> ContainerRequestAsync(HttpMethod method, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken) =>
        connection.SendAsync(
            session =>
            {
                var request = new HttpRequestMessage(method, ContainerUri(session, container, ""));
                if (method != HttpMethod.Head)
                {
                    request.Content = new ByteArrayContent([]);
                }

                foreach (var (name, value) in headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                return request;
            },
            idempotent: true,
            cancellationToken);

    /// <summary>Sends a request to the account (HEAD or POST) with extra headers; returns the response.</summary>
    public Task<HttpResponseMessage> AccountRequestAsync(HttpMethod method, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken) =>
        connection.SendAsync(
            session =>
            {
                var request = new HttpRequestMessage(method, session.StorageUrl);
                if (method != HttpMethod.Head)
                {
                    request.Content = new ByteArrayContent([]);
                }

                foreach (var (name, value) in headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                return request;
            },
            idempotent: true,
            cancellationToken);

    /// <summary>Raises <see cref="StorageDriverException"/> with the URL (no query) and status unless the response succeeded.</summary>
    public void EnsureSuccess(HttpResponseMessage response, string path)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var target = response.RequestMessage is { } request ? $"{request.Method} {SwiftConnection.Describe(request)}" : "request";
        throw new StorageDriverException(driverName, path, $"{target} failed with status {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    public static Uri ObjectUri(SwiftSession session, string objectContainer, string name, string query = "") =>
        new(session.StorageUrl.AbsoluteUri.TrimEnd('/') + "/" + Escape(objectContainer) + "/" + Escape(name) + (query.Length > 0 ? "?" + query : ""));

    private static Uri ContainerUri(SwiftSession session, string listedContainer, string query) =>
        new(session.StorageUrl.AbsoluteUri.TrimEnd('/') + "/" + Escape(listedContainer) + (query.Length > 0 ? "?" + query : ""));

    /// <summary>Percent-encodes each segment of a name and keeps its slashes.</summary>
    public static string Escape(string name) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    // Swift sends the ETag unquoted, which HttpResponseHeaders.ETag does not parse.
    private static string Etag(HttpResponseMessage response) =>
        response.Headers.TryGetValues("ETag", out var values) ? values.First().Trim('"') : "";

    private static SwiftListEntry ParseEntry(JsonElement row)
    {
        if (row.TryGetProperty("subdir", out var subdir))
        {
            return new SwiftListEntry(subdir.GetString()!, 0, DateTimeOffset.MinValue, IsSubdirectory: true, IsStaticLargeObject: false);
        }

        var modified = row.TryGetProperty("last_modified", out var lastModified)
            && DateTime.TryParse(lastModified.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? new DateTimeOffset(parsed, TimeSpan.Zero)
            : DateTimeOffset.MinValue;
        return new SwiftListEntry(
            row.GetProperty("name").GetString()!,
            row.GetProperty("bytes").GetInt64(),
            modified,
            IsSubdirectory: false,
            IsStaticLargeObject: row.TryGetProperty("slo_etag", out _),
            Hash: row.TryGetProperty("hash", out var hash) ? hash.GetString() ?? "" : "");
    }

    private static DateTimeOffset ModifiedAt(HttpResponseMessage response)
    {
        // X-Timestamp has sub-second precision; Last-Modified has whole seconds.
        if (response.Headers.TryGetValues("X-Timestamp", out var values)
            && double.TryParse(values.First(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        }

        return response.Content.Headers.LastModified ?? DateTimeOffset.MinValue;
    }
}
