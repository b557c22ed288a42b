using System.Net;
using System.Net.Http.Headers;
using Registry.ApiTests.Infrastructure;

namespace Registry.ApiTests;

/// <summary><c>HEAD</c>, <c>GET</c> and <c>DELETE</c> of <c>/v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>.</summary>
public abstract class BlobTests(RegistryFixture registry)
{
    private const int BlobSize = 100;

    public static TheoryData<string, int, int> SatisfiableRanges => new()
    {
        { "bytes=0-9", 0, 9 },
        { "bytes=10-19", 10, 19 },
        { "bytes=90-", 90, 99 },
        { "bytes=-5", 95, 99 },
        { "bytes=-500", 0, 99 },
        { "bytes=50-500", 50, 99 },
    };

    [Fact]
    public async Task Blob_Get_ReturnsContentAndHeaders()
    {
        var repository = Names.Repository("blobs");
        var content = Oci.RandomBytes(BlobSize);
        var digest = await registry.PushBlobAsync(repository, content);

        using var response = await registry.Client.GetAsync($"/v2/{repository}/blobs/{digest}");

        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(BlobSize, response.Content.Headers.ContentLength);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(digest, Http.Header(response, "Docker-Content-Digest"));
        Assert.Equal($"\"{digest}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Blob_HeadAndGetOfPresentBlob_Agree()
    {
        var repository = Names.Repository("blobs");
        var digest = await registry.PushBlobAsync(repository, Oci.RandomBytes(BlobSize));

        await Http.AssertHeadAgreesWithGetAsync(registry.Client, $"/v2/{repository}/blobs/{digest}", HttpStatusCode.OK);
    }

    [Fact]
    public async Task Blob_HeadAndGetOfAbsentBlob_Agree()
    {
        var repository = Names.Repository("blobs");
        await registry.PushBlobAsync(repository, Oci.RandomBytes(BlobSize));
        var absent = Oci.Sha256(Oci.RandomBytes(BlobSize));

        await Http.AssertHeadAgreesWithGetAsync(registry.Client, $"/v2/{repository}/blobs/{absent}", HttpStatusCode.NotFound);
        using var get = await registry.Client.GetAsync($"/v2/{repository}/blobs/{absent}");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UNKNOWN", get);
    }

    [Theory]
    [MemberData(nameof(SatisfiableRanges))]
    public async Task Blob_GetWithRange_Returns206WithContentRange(string range, int start, int end)
    {
        var repository = Names.Repository("blobs");
        var content = Oci.RandomBytes(BlobSize);
        var digest = await registry.PushBlobAsync(repository, content);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/blobs/{digest}");
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await registry.Client.SendAsync(request);

        await Http.AssertStatusAsync(HttpStatusCode.PartialContent, response);
        Assert.Equal($"bytes {start}-{end}/{BlobSize}", Http.Header(response, "Content-Range"));
        Assert.Equal(end - start + 1, response.Content.Headers.ContentLength);
        Assert.Equal(content[start..(end + 1)], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(digest, Http.Header(response, "Docker-Content-Digest"));
    }

    [Theory]
    [InlineData("bytes=100-")]
    [InlineData("bytes=100-200")]
    [InlineData("bytes=-0")]
    public async Task Blob_GetWithUnsatisfiableRange_Returns416(string range)
    {
        var repository = Names.Repository("blobs");
        var digest = await registry.PushBlobAsync(repository, Oci.RandomBytes(BlobSize));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/blobs/{digest}");
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await registry.Client.SendAsync(request);

        await Http.AssertStatusAsync(HttpStatusCode.RequestedRangeNotSatisfiable, response);
        Assert.Equal($"bytes */{BlobSize}", Http.Header(response, "Content-Range"));
    }

    [Fact]
    public async Task Blob_GetFromOtherRepository_Returns404BlobUnknown()
    {
        var digest = await registry.PushBlobAsync(Names.Repository("blobs"), Oci.RandomBytes(BlobSize));

        using var response = await registry.Client.GetAsync($"/v2/{Names.Repository("blobs")}/blobs/{digest}");

        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UNKNOWN", response);
    }

    [Fact]
    public async Task Blob_GetManifestDigest_ReturnsManifestBytes()
    {
        var image = await registry.PushImageAsync(Names.Repository("blobs"), "latest");

        using var response = await registry.Client.GetAsync($"/v2/{image.Repository}/blobs/{image.ManifestDigest}");

        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(image.Manifest, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(image.ManifestDigest, Http.Header(response, "Docker-Content-Digest"));
        await Http.AssertHeadAgreesWithGetAsync(registry.Client, $"/v2/{image.Repository}/blobs/{image.ManifestDigest}", HttpStatusCode.OK);
    }

    [Fact]
    public async Task Blob_Delete_Returns202AndBlobIsGone()
    {
        var repository = Names.Repository("blobs");
        var digest = await registry.PushBlobAsync(repository, Oci.RandomBytes(BlobSize));

        using var delete = await registry.Client.DeleteAsync($"/v2/{repository}/blobs/{digest}");

        await Http.AssertStatusAsync(HttpStatusCode.Accepted, delete);
        using var head = await registry.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        using var get = await registry.Client.GetAsync($"/v2/{repository}/blobs/{digest}");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UNKNOWN", get);
    }

    [Fact]
    public async Task Blob_DeleteUnknown_Returns404BlobUnknown()
    {
        var repository = Names.Repository("blobs");

        using var response = await registry.Client.DeleteAsync($"/v2/{repository}/blobs/{Oci.Sha256(Oci.RandomBytes(8))}");

        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UNKNOWN", response);
    }

    [Fact]
    public async Task Blob_DeleteWhenDisabled_Returns405Unsupported()
    {
        await using var readOnly = await RegistryFixture.StartAsync(registry.Storage, deleteEnabled: false);
        var repository = Names.Repository("blobs");
        var digest = await readOnly.PushBlobAsync(repository, Oci.RandomBytes(BlobSize));

        using var response = await readOnly.Client.DeleteAsync($"/v2/{repository}/blobs/{digest}");

        await Http.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "UNSUPPORTED", response);
        using var head = await readOnly.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }
}

public sealed class InMemoryBlobTests(InMemoryRegistry registry) : BlobTests(registry), IClassFixture<InMemoryRegistry>;

public sealed class FileSystemBlobTests(FileSystemRegistry registry) : BlobTests(registry), IClassFixture<FileSystemRegistry>;
