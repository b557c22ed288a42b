using System.Net;
using System.Net.Http.Headers;
using Registry.ApiTests.Infrastructure;
using Registry.Storage.Drivers;

namespace Registry.ApiTests.Redirects;

/// <summary>Blob downloads redirected with <c>307</c> to the driver's URL, and the cases that stream instead.</summary>
public sealed class BlobRedirectTests
{
    internal static string BlobPath(string digest)
    {
        var hex = digest["sha256:".Length..];
        return $"/docker/registry/v2/blobs/sha256/{hex[..2]}/{hex}/data";
    }

    [Fact]
    public async Task GetBlob_DriverReturnsUrl_RedirectsThere()
    {
        await using var host = await RedirectHost.StartAsync(presigning: true);
        var digest = await host.PushBlobAsync(Oci.RandomBytes(1000));

        using var response = await host.Client.GetAsync($"/v2/test/redirect/blobs/{digest}");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(PresigningDriver.UrlFor(BlobPath(digest), "GET"), response.Headers.Location);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.False(response.Headers.Contains("Docker-Content-Digest"));
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task HeadBlob_DriverReturnsUrl_RedirectsWithHeadMethod()
    {
        await using var host = await RedirectHost.StartAsync(presigning: true);
        var digest = await host.PushBlobAsync(Oci.RandomBytes(1000));

        using var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/test/redirect/blobs/{digest}"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(PresigningDriver.UrlFor(BlobPath(digest), "HEAD"), response.Headers.Location);
    }

    [Fact]
    public async Task GetBlob_RangeRequest_RedirectsBeforeRange()
    {
        await using var host = await RedirectHost.StartAsync(presigning: true);
        var digest = await host.PushBlobAsync(Oci.RandomBytes(1000));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/test/redirect/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(10, 19);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(PresigningDriver.UrlFor(BlobPath(digest), "GET"), response.Headers.Location);
        Assert.Null(response.Content.Headers.ContentRange);
    }

    [Fact]
    public async Task GetBlob_RedirectDisabled_StreamsBytes()
    {
        await using var host = await RedirectHost.StartAsync(presigning: true, redirectDisabled: true);
        var content = Oci.RandomBytes(1000);
        var digest = await host.PushBlobAsync(content);

        using var response = await host.Client.GetAsync($"/v2/test/redirect/blobs/{digest}");

        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Null(response.Headers.Location);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(digest, response.Headers.GetValues("Docker-Content-Digest").Single());
    }

    [Fact]
    public async Task GetBlob_RedirectDisabledWithRange_StreamsPartialContent()
    {
        await using var host = await RedirectHost.StartAsync(presigning: true, redirectDisabled: true);
        var content = Oci.RandomBytes(1000);
        var digest = await host.PushBlobAsync(content);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/test/redirect/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(10, 19);

        using var response = await host.Client.SendAsync(request);

        await Http.AssertStatusAsync(HttpStatusCode.PartialContent, response);
        Assert.Equal(content[10..20], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetBlob_DriverWithoutUrl_StreamsBytes()
    {
        await using var host = await RedirectHost.StartAsync(presigning: false);
        var content = Oci.RandomBytes(1000);
        var digest = await host.PushBlobAsync(content);

        using var response = await host.Client.GetAsync($"/v2/test/redirect/blobs/{digest}");

        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetBlob_PresigningFails_ReturnsUnknownError()
    {
        await using var host = await RedirectHost.StartAsync(presigning: true);
        var digest = await host.PushBlobAsync(Oci.RandomBytes(1000));
        host.Driver!.Failure = new StorageDriverException("presigning", BlobPath(digest), "credentials rejected");

        using var response = await host.Client.GetAsync($"/v2/test/redirect/blobs/{digest}");

        await Http.AssertErrorAsync(HttpStatusCode.InternalServerError, "UNKNOWN", response);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task GetBlob_UnknownDigest_ReturnsBlobUnknownWithoutRedirect()
    {
        await using var host = await RedirectHost.StartAsync(presigning: true);

        using var response = await host.Client.GetAsync($"/v2/test/redirect/blobs/{Oci.Sha256([1, 2, 3])}");

        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UNKNOWN", response);
    }

    [Fact]
    public async Task GetBlob_RedirectMiddleware_JoinsBaseUrlAndPath()
    {
        await using var host = await RedirectHost.StartAsync(
            presigning: false,
            middleware: RedirectHost.Middleware("redirect", ("baseurl", "https://cdn.example.test:8443/mirror/")));
        var digest = await host.PushBlobAsync(Oci.RandomBytes(1000));

        using var get = await host.Client.GetAsync($"/v2/test/redirect/blobs/{digest}");
        using var head = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/test/redirect/blobs/{digest}"));

        var expected = new Uri("https://cdn.example.test:8443/mirror" + BlobPath(digest));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, get.StatusCode);
        Assert.Equal(expected, get.Headers.Location);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, head.StatusCode);
        Assert.Equal(expected, head.Headers.Location);
    }

    [Fact]
    public async Task GetBlob_RedirectMiddlewareOverPresigningDriver_IgnoresDriverUrl()
    {
        await using var host = await RedirectHost.StartAsync(
            presigning: true,
            middleware: RedirectHost.Middleware("redirect", ("baseurl", "http://mirror.example.test")));
        var digest = await host.PushBlobAsync(Oci.RandomBytes(1000));

        using var response = await host.Client.GetAsync($"/v2/test/redirect/blobs/{digest}");

        Assert.Equal(new Uri("http://mirror.example.test" + BlobPath(digest)), response.Headers.Location);
    }

    [Fact]
    public async Task GetBlob_RedirectMiddlewareAndRedirectDisabled_StreamsBytes()
    {
        await using var host = await RedirectHost.StartAsync(
            presigning: false,
            redirectDisabled: true,
            middleware: RedirectHost.Middleware("redirect", ("baseurl", "https://cdn.example.test/")));
        var content = Oci.RandomBytes(1000);
        var digest = await host.PushBlobAsync(content);

        using var response = await host.Client.GetAsync($"/v2/test/redirect/blobs/{digest}");

        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Start_UnknownStorageMiddleware_FailsNamingKey()
    {
        var exception = await Assert.ThrowsAsync<Registry.Silo.Configuration.ConfigurationException>(
            () => RedirectHost.StartAsync(presigning: false, middleware: RedirectHost.Middleware("akamai")));

        Assert.Contains("middleware.storage[0].name is 'akamai'", exception.Message, StringComparison.Ordinal);
    }
}
