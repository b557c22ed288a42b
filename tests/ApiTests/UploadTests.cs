using System.Net;
using System.Net.Sockets;
using System.Text;
using Registry.ApiTests.Infrastructure;

namespace Registry.ApiTests;

/// <summary>
/// The upload endpoints: <c>POST /v2/&lt;name&gt;/blobs/uploads/</c> (session, monolithic, mount)
/// and <c>PATCH</c>, <c>PUT</c>, <c>GET</c> and <c>DELETE</c> of the upload URL, including the
/// failures that must leave nothing behind.
/// </summary>
public abstract class UploadTests(RegistryFixture registry)
{
    private HttpClient Client => registry.Client;

    [Fact]
    public async Task Upload_Post_Returns202Session()
    {
        var repository = Names.Repository("uploads");

        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/", null);

        await Http.AssertStatusAsync(HttpStatusCode.Accepted, response);
        var location = Http.Location(response);
        Assert.StartsWith($"/v2/{repository}/blobs/uploads/", location);
        Assert.Equal("0-0", Http.Header(response, "Range"));
        Assert.Equal(location[(location.LastIndexOf('/') + 1)..], Http.Header(response, "Docker-Upload-UUID"));
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Upload_MonolithicPost_Returns201AndStoresBlob()
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(5000);
        var digest = Oci.Sha256(content);

        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={digest}", Http.Octets(content));

        await Http.AssertStatusAsync(HttpStatusCode.Created, response);
        Assert.Equal($"/v2/{repository}/blobs/{digest}", Http.Location(response));
        Assert.Equal(digest, Http.Header(response, "Docker-Content-Digest"));
        await AssertBlobAsync(repository, content);
    }

    [Fact]
    public async Task Upload_MonolithicPostOfExistingBlob_Returns201()
    {
        var content = Oci.RandomBytes(300);
        await registry.PushBlobAsync(Names.Repository("uploads"), content);
        var repository = Names.Repository("uploads");

        await registry.PushBlobAsync(repository, content);

        await AssertBlobAsync(repository, content);
    }

    [Fact]
    public async Task Upload_PostThenPutWithBody_Returns201()
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(3000);
        var location = await StartAsync(repository);

        using var response = await Client.PutAsync(WithDigest(location, Oci.Sha256(content)), Http.Octets(content));

        await Http.AssertStatusAsync(HttpStatusCode.Created, response);
        Assert.Equal($"/v2/{repository}/blobs/{Oci.Sha256(content)}", Http.Location(response));
        Assert.Equal(Oci.Sha256(content), Http.Header(response, "Docker-Content-Digest"));
        await AssertBlobAsync(repository, content);
    }

    [Fact]
    public async Task Upload_StreamedPatchWithoutContentRange_AppendsBody()
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(200 * 1024);
        var location = await StartAsync(repository);

        // The first part goes with chunked transfer encoding, the second with a Content-Length.
        using var first = await Client.PatchAsync(location, new UnknownLengthContent(content[..150_000]));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, first);
        Assert.Equal("0-149999", Http.Header(first, "Range"));
        using var second = await Client.PatchAsync(Http.Location(first), Http.Octets(content[150_000..]));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, second);
        Assert.Equal($"0-{content.Length - 1}", Http.Header(second, "Range"));
        using var put = await Client.PutAsync(WithDigest(Http.Location(second), Oci.Sha256(content)), null);

        await Http.AssertStatusAsync(HttpStatusCode.Created, put);
        await AssertBlobAsync(repository, content);
    }

    [Fact]
    public async Task Upload_ChunkedPatches_LocationStaysValidAfterEachChunk()
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(10_000);
        var location = await StartAsync(repository);

        foreach (var (start, end) in new[] { (0, 999), (1000, 1000), (1001, 6999), (7000, 9999) })
        {
            using var response = await Client.PatchAsync(location, Http.Chunk(content[start..(end + 1)], start));
            await Http.AssertStatusAsync(HttpStatusCode.Accepted, response);
            Assert.Equal($"0-{end}", Http.Header(response, "Range"));
            location = Http.Location(response);
            Assert.StartsWith($"/v2/{repository}/blobs/uploads/", location);
        }

        using var put = await Client.PutAsync(WithDigest(location, Oci.Sha256(content)), null);

        await Http.AssertStatusAsync(HttpStatusCode.Created, put);
        await AssertBlobAsync(repository, content);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(0)]
    [InlineData(5)]
    public async Task Upload_ChunkNotAtCurrentOffset_Returns416AndKeepsOffset(int start)
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(30);
        var location = await StartAsync(repository);
        using var first = await Client.PatchAsync(location, Http.Chunk(content[..10], 0));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, first);

        using var response = await Client.PatchAsync(location, Http.Chunk(content[start..(start + 10)], start));

        await Http.AssertStatusAsync(HttpStatusCode.RequestedRangeNotSatisfiable, response);
        Assert.Equal("0-9", await RangeAsync(location));
        using var next = await Client.PatchAsync(location, Http.Chunk(content[10..], 10));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, next);
        using var put = await Client.PutAsync(WithDigest(location, Oci.Sha256(content)), null);
        await Http.AssertStatusAsync(HttpStatusCode.Created, put);
        await AssertBlobAsync(repository, content);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("10-5")]
    [InlineData("-9")]
    public async Task Upload_MalformedContentRange_Returns416(string contentRange)
    {
        var location = await StartAsync(Names.Repository("uploads"));
        var body = Http.Octets(Oci.RandomBytes(10));
        body.Headers.TryAddWithoutValidation("Content-Range", contentRange);

        using var response = await Client.PatchAsync(location, body);

        await Http.AssertStatusAsync(HttpStatusCode.RequestedRangeNotSatisfiable, response);
        Assert.Equal("0-0", await RangeAsync(location));
    }

    [Fact]
    public async Task Upload_FinalPutNotAtCurrentOffset_Returns416()
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(20);
        var location = await StartAsync(repository);
        using var first = await Client.PatchAsync(location, Http.Chunk(content[..10], 0));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, first);

        using var response = await Client.PutAsync(WithDigest(location, Oci.Sha256(content)), Http.Chunk(content[5..15], 5));

        await Http.AssertStatusAsync(HttpStatusCode.RequestedRangeNotSatisfiable, response);
        await AssertNoBlobAsync(repository, Oci.Sha256(content));
        Assert.Equal("0-9", await RangeAsync(location));
    }

    [Fact]
    public async Task Upload_GetStatus_Returns204WithRange()
    {
        var repository = Names.Repository("uploads");
        var location = await StartAsync(repository);
        using var patch = await Client.PatchAsync(location, Http.Chunk(Oci.RandomBytes(10), 0));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, patch);

        using var response = await Client.GetAsync(location);

        await Http.AssertStatusAsync(HttpStatusCode.NoContent, response);
        Assert.Equal("0-9", Http.Header(response, "Range"));
        Assert.Equal(location, Http.Location(response));
        Assert.Equal(location[(location.LastIndexOf('/') + 1)..], Http.Header(response, "Docker-Upload-UUID"));
    }

    [Fact]
    public async Task Upload_PutWithLastChunk_Returns201()
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(2000);
        var location = await StartAsync(repository);
        using var patch = await Client.PatchAsync(location, Http.Chunk(content[..1500], 0));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, patch);

        using var put = await Client.PutAsync(WithDigest(Http.Location(patch), Oci.Sha256(content)), Http.Chunk(content[1500..], 1500));

        await Http.AssertStatusAsync(HttpStatusCode.Created, put);
        Assert.Equal(Oci.Sha256(content), Http.Header(put, "Docker-Content-Digest"));
        await AssertBlobAsync(repository, content);
    }

    [Fact]
    public async Task Upload_PutWithoutDigest_Returns400DigestInvalid()
    {
        var location = await StartAsync(Names.Repository("uploads"));

        using var response = await Client.PutAsync(location, Http.Octets(Oci.RandomBytes(10)));

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID", response);
    }

    [Fact]
    public async Task Upload_DeleteThenGet_Returns404BlobUploadUnknown()
    {
        var repository = Names.Repository("uploads");
        var location = await StartAsync(repository);
        using var patch = await Client.PatchAsync(location, Http.Chunk(Oci.RandomBytes(10), 0));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, patch);

        using var delete = await Client.DeleteAsync(location);

        await Http.AssertStatusAsync(HttpStatusCode.NoContent, delete);
        using var get = await Client.GetAsync(location);
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", get);
        using var again = await Client.PatchAsync(location, Http.Chunk(Oci.RandomBytes(10), 10));
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", again);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-session")]
    public async Task Upload_UnknownSession_Returns404BlobUploadUnknown(string id)
    {
        var path = $"/v2/{Names.Repository("uploads")}/blobs/uploads/{id}";

        using var get = await Client.GetAsync(path);
        using var patch = await Client.PatchAsync(path, Http.Octets(Oci.RandomBytes(10)));
        using var put = await Client.PutAsync(WithDigest(path, Oci.EmptySha256), null);
        using var delete = await Client.DeleteAsync(path);

        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", get);
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", patch);
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", put);
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", delete);
    }

    [Fact]
    public async Task Upload_SessionOfOtherRepository_Returns404BlobUploadUnknown()
    {
        var location = await StartAsync(Names.Repository("uploads"));
        var id = location[(location.LastIndexOf('/') + 1)..];

        using var response = await Client.GetAsync($"/v2/{Names.Repository("uploads")}/blobs/uploads/{id}");

        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", response);
    }

    [Fact]
    public async Task Upload_MountFromOtherRepository_Returns201()
    {
        var source = Names.Repository("uploads");
        var content = Oci.RandomBytes(700);
        var digest = await registry.PushBlobAsync(source, content);
        var target = Names.Repository("uploads");

        using var response = await Client.PostAsync($"/v2/{target}/blobs/uploads/?mount={digest}&from={source}", null);

        await Http.AssertStatusAsync(HttpStatusCode.Created, response);
        Assert.Equal($"/v2/{target}/blobs/{digest}", Http.Location(response));
        Assert.Equal(digest, Http.Header(response, "Docker-Content-Digest"));
        await AssertBlobAsync(target, content);
    }

    [Theory]
    [InlineData("unknown-digest")]
    [InlineData("source-lacks-blob")]
    [InlineData("from-invalid")]
    [InlineData("from-traversal")]
    [InlineData("from-missing")]
    [InlineData("mount-malformed")]
    public async Task Upload_MountThatCannotBeDone_Returns202Session(string variant)
    {
        var source = Names.Repository("uploads");
        var digest = await registry.PushBlobAsync(source, Oci.RandomBytes(100));
        var target = Names.Repository("uploads");
        var query = variant switch
        {
            "unknown-digest" => $"mount={Oci.Sha256(Oci.RandomBytes(8))}&from={source}",
            "source-lacks-blob" => $"mount={digest}&from={Names.Repository("uploads")}",
            "from-invalid" => $"mount={digest}&from=Not_Valid",
            "from-traversal" => $"mount={digest}&from={source}/../x",
            "from-missing" => $"mount={digest}",
            _ => $"mount=sha256:abc&from={source}",
        };

        using var response = await Client.PostAsync($"/v2/{target}/blobs/uploads/?{query}", null);

        await Http.AssertStatusAsync(HttpStatusCode.Accepted, response);
        Assert.StartsWith($"/v2/{target}/blobs/uploads/", Http.Location(response));
        Assert.Equal("0-0", Http.Header(response, "Range"));
        await AssertNoBlobAsync(target, digest);
    }

    [Fact]
    public async Task Upload_MountThenAbandonedSession_UploadStillSucceeds()
    {
        var content = Oci.RandomBytes(400);
        var digest = Oci.Sha256(content);
        var target = Names.Repository("uploads");

        // As dotnet publish does: try a mount, get a session back, leave it and upload anew.
        using var mount = await Client.PostAsync($"/v2/{target}/blobs/uploads/?mount={digest}&from={Names.Repository("uploads")}", null);
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, mount);
        var abandoned = Http.Location(mount);
        await registry.PushBlobAsync(target, content);

        await AssertBlobAsync(target, content);
        using var status = await Client.GetAsync(abandoned);
        await Http.AssertStatusAsync(HttpStatusCode.NoContent, status);
        using var delete = await Client.DeleteAsync(abandoned);
        await Http.AssertStatusAsync(HttpStatusCode.NoContent, delete);
        await AssertBlobAsync(target, content);
    }

    [Fact]
    public async Task EmptyBlob_MonolithicPost_Returns201()
    {
        var repository = Names.Repository("uploads");

        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={Oci.EmptySha256}", Http.Octets([]));

        await Http.AssertStatusAsync(HttpStatusCode.Created, response);
        Assert.Equal(Oci.EmptySha256, Http.Header(response, "Docker-Content-Digest"));
        await AssertBlobAsync(repository, []);
    }

    [Fact]
    public async Task EmptyBlob_PostThenPutWithoutBody_Returns201()
    {
        var repository = Names.Repository("uploads");
        var location = await StartAsync(repository);

        using var response = await Client.PutAsync(WithDigest(location, Oci.EmptySha256), null);

        await Http.AssertStatusAsync(HttpStatusCode.Created, response);
        await AssertBlobAsync(repository, []);
    }

    [Fact]
    public async Task EmptyBlob_Mount_Returns201()
    {
        var source = Names.Repository("uploads");
        await registry.PushBlobAsync(source, []);
        var target = Names.Repository("uploads");

        using var response = await Client.PostAsync($"/v2/{target}/blobs/uploads/?mount={Oci.EmptySha256}&from={source}", null);

        await Http.AssertStatusAsync(HttpStatusCode.Created, response);
        await AssertBlobAsync(target, []);
    }

    [Fact]
    public async Task Upload_FinalPutWithWrongDigest_Returns400AndStoresNothing()
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(1000);
        var claimed = Oci.Sha256(Oci.RandomBytes(1000));
        var location = await StartAsync(repository);
        using var patch = await Client.PatchAsync(location, Http.Chunk(content, 0));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, patch);

        using var response = await Client.PutAsync(WithDigest(location, claimed), null);

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID", response);
        await AssertNoBlobAsync(repository, claimed);
        await AssertNoBlobAsync(repository, Oci.Sha256(content));
        using var status = await Client.GetAsync(location);
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", status);
    }

    [Fact]
    public async Task Upload_MonolithicPostWithWrongDigest_Returns400AndStoresNothing()
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(1000);
        var claimed = Oci.Sha256(Oci.RandomBytes(1000));

        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={claimed}", Http.Octets(content));

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID", response);
        await AssertNoBlobAsync(repository, claimed);
        await AssertNoBlobAsync(repository, Oci.Sha256(content));
    }

    [Theory]
    [InlineData("wrong-digest")]
    [InlineData("malformed-digest")]
    [InlineData("unsupported-algorithm")]
    [InlineData("accepted")]
    public async Task Upload_MonolithicPost_LeavesNoSessionInStorage(string variant)
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(100);
        var (digest, expected) = variant switch
        {
            "wrong-digest" => (Oci.Sha256(Oci.RandomBytes(100)), HttpStatusCode.BadRequest),
            "malformed-digest" => ("sha256:abc", HttpStatusCode.BadRequest),
            "unsupported-algorithm" => ("md5:0123456789abcdef0123456789abcdef", HttpStatusCode.BadRequest),
            _ => (Oci.Sha256(content), HttpStatusCode.Created),
        };

        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={digest}", Http.Octets(content));

        await Http.AssertStatusAsync(expected, response);
        Assert.Empty(await registry.ListUploadSessionsAsync(repository));
    }

    [Fact]
    public async Task Upload_CompletedCancelledOrRejected_LeavesNoSessionInStorage()
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(100);
        var completed = await StartAsync(repository);
        var cancelled = await StartAsync(repository);
        var rejected = await StartAsync(repository);
        Assert.Equal(3, (await registry.ListUploadSessionsAsync(repository)).Count);

        using var put = await Client.PutAsync(WithDigest(completed, Oci.Sha256(content)), Http.Octets(content));
        using var delete = await Client.DeleteAsync(cancelled);
        using var wrong = await Client.PutAsync(WithDigest(rejected, Oci.Sha256(Oci.RandomBytes(8))), Http.Octets(content));

        await Http.AssertStatusAsync(HttpStatusCode.Created, put);
        await Http.AssertStatusAsync(HttpStatusCode.NoContent, delete);
        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID", wrong);
        Assert.Empty(await registry.ListUploadSessionsAsync(repository));
        foreach (var ended in new[] { completed, cancelled, rejected })
        {
            using var status = await Client.GetAsync(ended);
            await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", status);
        }
    }

    [Fact]
    public async Task Upload_ContentLengthNotMatchingContentRange_Returns400SizeInvalid()
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(10);
        var location = await StartAsync(repository);
        var body = Http.Octets(content[..5]);
        body.Headers.TryAddWithoutValidation("Content-Range", "0-9");

        using var response = await Client.PatchAsync(location, body);

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "SIZE_INVALID", response);

        // Nothing was recorded: the full chunk still fits at offset 0.
        using var retry = await Client.PatchAsync(location, Http.Chunk(content, 0));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, retry);
        Assert.Equal("0-9", Http.Header(retry, "Range"));
    }

    [Fact]
    public async Task Upload_ClientDisconnectsMidPatch_KeepsReceivedBytesAndResumes()
    {
        // Bytes still in the socket or Kestrel buffers when the FIN arrives are lost, so the client
        // sends far more than those buffers hold. Its last write completes only when they have
        // room, so the committed offset is above 0 but not known exactly.
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(24 * 1024 * 1024);
        const int sent = 16 * 1024 * 1024;
        var location = await StartAsync(repository);

        await SendTruncatedPatchAsync(location, content.Length, content.AsMemory(0, sent));

        var range = "";
        await Http.WaitUntilAsync(
            async () => range = await RangeAsync(location) ?? "",
            value => value.StartsWith("0-", StringComparison.Ordinal) && value != "0-0",
            TimeSpan.FromSeconds(15),
            "the upload status shows the bytes received before the disconnect");
        var committed = long.Parse(range[2..]) + 1;
        Assert.InRange(committed, 1, sent);
        using var rest = await Client.PatchAsync(location, Http.Chunk(content[(int)committed..], committed));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, rest);
        Assert.Equal($"0-{content.Length - 1}", Http.Header(rest, "Range"));
        using var put = await Client.PutAsync(WithDigest(Http.Location(rest), Oci.Sha256(content)), null);
        await Http.AssertStatusAsync(HttpStatusCode.Created, put);
        await AssertBlobAsync(repository, content);
    }

    [Fact]
    public async Task Upload_DeleteDuringPatch_LeavesNoSessionInStorage()
    {
        // The DELETE does not wait for the PATCH that holds the session's write lease, so the
        // PATCH commits its bytes after the session directory was deleted.
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(2 * 1024 * 1024);
        const int firstPart = 1024 * 1024;
        var location = await StartAsync(repository);
        using var patch = await StartPatchHoldingLeaseAsync(location, content.Length, content.AsMemory(0, firstPart));

        using var delete = await Client.DeleteAsync(location);
        var stream = patch.GetStream();
        await stream.WriteAsync(content.AsMemory(firstPart));
        await stream.FlushAsync();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var patchResponse = await reader.ReadToEndAsync();

        Assert.Empty(await registry.ListUploadSessionsAsync(repository));
        await Http.AssertStatusAsync(HttpStatusCode.NoContent, delete);
        Assert.DoesNotContain("202 Accepted", patchResponse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_Sha512MonolithicPost_Returns201()
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(4000);
        var digest = Oci.Sha512(content);

        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={digest}", Http.Octets(content));

        await Http.AssertStatusAsync(HttpStatusCode.Created, response);
        Assert.Equal(digest, Http.Header(response, "Docker-Content-Digest"));
        using var get = await Client.GetAsync($"/v2/{repository}/blobs/{digest}");
        await Http.AssertStatusAsync(HttpStatusCode.OK, get);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(digest, Http.Header(get, "Docker-Content-Digest"));
    }

    [Fact]
    public async Task Upload_Sha512ChunkedWithWrongDigest_Returns400()
    {
        var repository = Names.Repository("uploads");
        var content = Oci.RandomBytes(4000);
        var location = await StartAsync(repository);
        using var patch = await Client.PatchAsync(location, Http.Chunk(content, 0));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, patch);
        var claimed = Oci.Sha512(Oci.RandomBytes(10));

        using var response = await Client.PutAsync(WithDigest(location, claimed), null);

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID", response);
        await AssertNoBlobAsync(repository, claimed);
        await AssertNoBlobAsync(repository, Oci.Sha512(content));
    }

    private static string WithDigest(string location, string digest) =>
        location + (location.Contains('?') ? "&" : "?") + "digest=" + Uri.EscapeDataString(digest);

    private async Task<string> StartAsync(string repository)
    {
        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, response);
        return Http.Location(response);
    }

    private async Task<string?> RangeAsync(string location)
    {
        using var response = await Client.GetAsync(location);
        await Http.AssertStatusAsync(HttpStatusCode.NoContent, response);
        return Http.Header(response, "Range");
    }

    /// <summary>
    /// Sends a <c>PATCH</c> that announces <paramref name="declaredLength"/> bytes, sends only
    /// <paramref name="body"/>, and closes the connection, as a client that dies mid-upload does.
    /// </summary>
    private async Task SendTruncatedPatchAsync(string location, int declaredLength, ReadOnlyMemory<byte> body)
    {
        var address = Client.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, address.Port);
        var stream = tcp.GetStream();
        var head = $"PATCH {location} HTTP/1.1\r\nHost: {address.Authority}\r\n" +
            $"Content-Type: application/octet-stream\r\nContent-Length: {declaredLength}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        await stream.FlushAsync();

        // A FIN, as the kernel sends for a client process that exits with nothing left to read.
        tcp.Client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>
    /// Opens a <c>PATCH</c> of <paramref name="declaredLength"/> bytes, sends <paramref name="firstPart"/>
    /// and returns the connection once the request holds the session's write lease. An empty PATCH
    /// probes the lease: it changes nothing, and gets 400 while another request holds the lease.
    /// When a probe held the lease as the PATCH began, the PATCH was rejected, and it is sent again.
    /// </summary>
    private async Task<TcpClient> StartPatchHoldingLeaseAsync(string location, int declaredLength, ReadOnlyMemory<byte> firstPart)
    {
        var address = Client.BaseAddress!;
        var head = $"PATCH {location} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n" +
            $"Content-Type: application/octet-stream\r\nContent-Length: {declaredLength}\r\n\r\n";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, address.Port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(firstPart);
            await stream.FlushAsync();
            while (tcp.Available == 0 && clock.Elapsed < TimeSpan.FromSeconds(15))
            {
                using var probe = await Client.PatchAsync(location, Http.Octets([]));
                if (probe.StatusCode == HttpStatusCode.BadRequest)
                {
                    return tcp;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20));
            }

            tcp.Dispose();
        }

        Assert.Fail("the PATCH did not take the session's write lease within 15 seconds");
        return null!;
    }

    private async Task AssertBlobAsync(string repository, byte[] content)
    {
        var digest = Oci.Sha256(content);
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/blobs/{digest}"));
        await Http.AssertStatusAsync(HttpStatusCode.OK, head);
        Assert.Equal(content.Length, head.Content.Headers.ContentLength);
        using var get = await Client.GetAsync($"/v2/{repository}/blobs/{digest}");
        await Http.AssertStatusAsync(HttpStatusCode.OK, get);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(digest, Http.Header(get, "Docker-Content-Digest"));
    }

    private async Task AssertNoBlobAsync(string repository, string digest)
    {
        using var get = await Client.GetAsync($"/v2/{repository}/blobs/{digest}");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UNKNOWN", get);
    }
}

public sealed class InMemoryUploadTests(InMemoryRegistry registry) : UploadTests(registry), IClassFixture<InMemoryRegistry>;

public sealed class FileSystemUploadTests(FileSystemRegistry registry) : UploadTests(registry), IClassFixture<FileSystemRegistry>;
