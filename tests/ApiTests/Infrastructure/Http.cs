using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Registry.ApiTests.Infrastructure;

/// <summary>Request bodies and response assertions shared by the API tests.</summary>
public static class Http
{
    /// <summary>A blob body: <c>application/octet-stream</c> with its Content-Length.</summary>
    public static ByteArrayContent Octets(byte[] content) => Typed(content, "application/octet-stream");

    public static ByteArrayContent Typed(byte[] content, string mediaType)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return body;
    }

    /// <summary>A chunk body with <c>Content-Range: start-end</c> (inclusive, as the OCI specification writes it).</summary>
    public static ByteArrayContent Chunk(byte[] content, long start)
    {
        var body = Octets(content);
        body.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + content.Length - 1}");
        return body;
    }

    public static async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
        {
            var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} returned {(int)response.StatusCode}, expected {(int)expected}; body: {body}");
        }
    }

    /// <summary>Asserts the status and that the OCI error body lists <paramref name="code"/>.</summary>
    public static async Task AssertErrorAsync(HttpStatusCode status, string code, HttpResponseMessage response)
    {
        await AssertStatusAsync(status, response);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        var codes = document.RootElement.GetProperty("errors").EnumerateArray()
            .Select(error => error.GetProperty("code").GetString())
            .ToList();
        Assert.Contains(code, codes);
    }

    /// <summary>Asserts that <c>HEAD</c> and <c>GET</c> of one URL send the same status, length, type, digest and ETag.</summary>
    public static async Task AssertHeadAgreesWithGetAsync(HttpClient client, string path, HttpStatusCode expected)
    {
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        using var get = await client.GetAsync(path);
        var body = await get.Content.ReadAsByteArrayAsync();

        Assert.Equal(expected, head.StatusCode);
        Assert.Equal(expected, get.StatusCode);
        Assert.Equal(body.Length, get.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(Header(get, "Docker-Content-Digest"), Header(head, "Docker-Content-Digest"));
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Returns the single value of a response or content header, or <c>null</c> when absent.</summary>
    public static string? Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
        {
            return string.Join(",", values);
        }

        return null;
    }

    /// <summary>Returns the target of a <c>Link: &lt;…&gt;; rel="next"</c> header, or <c>null</c> when there is none.</summary>
    public static string? NextLink(HttpResponseMessage response)
    {
        var link = Header(response, "Link");
        if (link is null)
        {
            return null;
        }

        Assert.StartsWith("<", link);
        Assert.EndsWith(">; rel=\"next\"", link);
        return link[1..link.IndexOf('>')];
    }

    /// <summary>The <c>Location</c> header as sent, a path relative to the registry.</summary>
    public static string Location(HttpResponseMessage response) =>
        response.Headers.Location?.OriginalString ?? throw new Xunit.Sdk.XunitException("the response has no Location header");

    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());

    /// <summary>
    /// Polls <paramref name="probe"/> until <paramref name="done"/> holds for its result or
    /// <paramref name="timeout"/> passes, then fails naming <paramref name="what"/> and the last
    /// result. Used where the registry finishes work after the client has gone, such as recording
    /// the bytes of an aborted request.
    /// </summary>
    public static async Task WaitUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var last = await probe();
            if (done(last))
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds} seconds waiting until {what}; the last result was {last}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}

/// <summary>A body whose length is not known up front, so the client sends it with chunked transfer encoding.</summary>
public sealed class UnknownLengthContent : HttpContent
{
    private readonly byte[] _content;

    public UnknownLengthContent(byte[] content, string mediaType = "application/octet-stream")
    {
        _content = content;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        // Several writes, so the server receives several chunks.
        const int piece = 64 * 1024;
        for (var offset = 0; offset < _content.Length; offset += piece)
        {
            await stream.WriteAsync(_content.AsMemory(offset, Math.Min(piece, _content.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

/// <summary>Unique repository names, so tests that share a host never see each other's content.</summary>
public static class Names
{
    public static string Repository(string prefix) => $"{prefix}/{Guid.NewGuid().ToString("N")[..12]}";
}
