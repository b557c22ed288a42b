using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Registry.ApiTests.Infrastructure;

namespace Registry.ApiTests;

/// <summary>The manifest kinds that a push stores and a pull must get back with their own media type.</summary>
public enum ManifestKind
{
    OciImage,
    OciIndex,
    DockerImage,
    DockerList,
    Artifact,
    ArtifactWithEmptyConfig,
}

/// <summary><c>PUT</c>, <c>GET</c>, <c>HEAD</c> and <c>DELETE</c> of <c>/v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>.</summary>
public abstract class ManifestTests(RegistryFixture registry)
{
    private const int ManifestLimit = 4 * 1024 * 1024;

    private HttpClient Client => registry.Client;

    public static TheoryData<ManifestKind, bool> KindsByReference
    {
        get
        {
            var rows = new TheoryData<ManifestKind, bool>();
            foreach (var kind in Enum.GetValues<ManifestKind>())
            {
                rows.Add(kind, false);
                rows.Add(kind, true);
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(KindsByReference))]
    public async Task Manifest_PutThenGet_ServesStoredMediaType(ManifestKind kind, bool byDigest)
    {
        var repository = Names.Repository("manifests");
        var (manifest, mediaType) = await BuildAsync(repository, kind);
        var digest = Oci.Sha256(manifest);
        var reference = byDigest ? digest : "v1.0";

        using var put = await Client.PutAsync($"/v2/{repository}/manifests/{reference}", Http.Typed(manifest, mediaType));

        await Http.AssertStatusAsync(HttpStatusCode.Created, put);
        Assert.Equal($"/v2/{repository}/manifests/{digest}", Http.Location(put));
        Assert.Equal(digest, Http.Header(put, "Docker-Content-Digest"));
        foreach (var path in new[] { $"/v2/{repository}/manifests/{reference}", $"/v2/{repository}/manifests/{digest}" })
        {
            using var get = await Client.GetAsync(path);
            await Http.AssertStatusAsync(HttpStatusCode.OK, get);
            Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());
            Assert.Equal(mediaType, get.Content.Headers.ContentType?.ToString());
            Assert.Equal(manifest.Length, get.Content.Headers.ContentLength);
            Assert.Equal(digest, Http.Header(get, "Docker-Content-Digest"));
            Assert.Equal($"\"{digest}\"", get.Headers.ETag?.Tag);
            await Http.AssertHeadAgreesWithGetAsync(Client, path, HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Manifest_PutSameTagAgain_MovesTag()
    {
        var repository = Names.Repository("manifests");
        await registry.PushImageAsync(repository, "latest");
        var second = await registry.PushImageAsync(repository, "latest");

        using var get = await Client.GetAsync($"/v2/{repository}/manifests/latest");

        await Http.AssertStatusAsync(HttpStatusCode.OK, get);
        Assert.Equal(second.ManifestDigest, Http.Header(get, "Docker-Content-Digest"));
    }

    [Fact]
    public async Task Manifest_GetUnknownTag_Returns404ManifestUnknown()
    {
        var image = await registry.PushImageAsync(Names.Repository("manifests"), "latest");

        using var byTag = await Client.GetAsync($"/v2/{image.Repository}/manifests/other");
        using var byDigest = await Client.GetAsync($"/v2/{image.Repository}/manifests/{Oci.Sha256(Oci.RandomBytes(8))}");

        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", byTag);
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", byDigest);
        await Http.AssertHeadAgreesWithGetAsync(Client, $"/v2/{image.Repository}/manifests/other", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Manifest_GetFromOtherRepository_Returns404ManifestUnknown()
    {
        var image = await registry.PushImageAsync(Names.Repository("manifests"), "latest");
        var other = Names.Repository("manifests");
        await registry.PushImageAsync(other, "latest");

        using var response = await Client.GetAsync($"/v2/{other}/manifests/{image.ManifestDigest}");

        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", response);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.OK)]
    [InlineData("*/*", HttpStatusCode.OK)]
    [InlineData(Oci.OciManifest, HttpStatusCode.OK)]
    [InlineData(Oci.DockerManifest + ", " + Oci.OciManifest + ";q=0.5", HttpStatusCode.OK)]
    [InlineData(Oci.DockerManifest, HttpStatusCode.NotFound)]
    [InlineData(Oci.OciIndex + ", " + Oci.DockerManifestList, HttpStatusCode.NotFound)]
    public async Task Manifest_GetWithAccept_NegotiatesStoredType(string? accept, HttpStatusCode expected)
    {
        var image = await registry.PushImageAsync(Names.Repository("manifests"), "latest");
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            using var request = new HttpRequestMessage(method, $"/v2/{image.Repository}/manifests/latest");
            if (accept is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }

            using var response = await Client.SendAsync(request);

            Assert.Equal(expected, response.StatusCode);
            if (expected == HttpStatusCode.OK)
            {
                Assert.Equal(Oci.OciManifest, response.Content.Headers.ContentType?.ToString());
            }
            else if (method == HttpMethod.Get)
            {
                await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", response);
            }
        }
    }

    [Fact]
    public async Task Manifest_OciWithoutMediaTypeField_StoredWithContentType()
    {
        var repository = Names.Repository("manifests");
        var config = Oci.Config();
        await registry.PushBlobAsync(repository, config);
        var manifest = Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, config), [], mediaType: null);
        Assert.DoesNotContain("mediaType\":\"" + Oci.OciManifest, Encoding.UTF8.GetString(manifest));

        await registry.PutManifestAsync(repository, "latest", manifest, Oci.OciManifest);

        using var get = await Client.GetAsync($"/v2/{repository}/manifests/latest");
        await Http.AssertStatusAsync(HttpStatusCode.OK, get);
        Assert.Equal(Oci.OciManifest, get.Content.Headers.ContentType?.ToString());
        Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(Oci.DockerSchema1Signed)]
    [InlineData("application/vnd.docker.distribution.manifest.v1+json")]
    [InlineData("application/json")]
    public async Task Manifest_PutSchema1_Returns400ManifestInvalid(string contentType)
    {
        var repository = Names.Repository("manifests");
        var layer = await registry.PushBlobAsync(repository, Oci.RandomBytes(100));
        var manifest = Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":1,"name":"{{repository}}","tag":"latest","architecture":"amd64","fsLayers":[{"blobSum":"{{layer}}"}],"history":[{"v1Compatibility":"{}"}]}""");

        using var put = await Client.PutAsync($"/v2/{repository}/manifests/latest", Http.Typed(manifest, contentType));

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "MANIFEST_INVALID", put);
        await AssertNothingStoredAsync(repository, "latest", manifest);
    }

    [Theory]
    [InlineData("layer")]
    [InlineData("config")]
    [InlineData("layer-of-other-repository")]
    public async Task Manifest_PutWithMissingBlob_Returns400ManifestBlobUnknown(string missing)
    {
        var repository = Names.Repository("manifests");
        var config = Oci.Config();
        var layer = Oci.RandomBytes(200);
        if (missing != "config")
        {
            await registry.PushBlobAsync(repository, config);
        }

        if (missing == "layer-of-other-repository")
        {
            await registry.PushBlobAsync(Names.Repository("manifests"), layer);
        }
        else if (missing != "layer")
        {
            await registry.PushBlobAsync(repository, layer);
        }

        var manifest = Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, config), [Oci.Descriptor(Oci.OciLayerGzip, layer)]);

        using var put = await Client.PutAsync($"/v2/{repository}/manifests/latest", Http.Typed(manifest, Oci.OciManifest));

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN", put);
        await AssertNothingStoredAsync(repository, "latest", manifest);
    }

    [Fact]
    public async Task Manifest_PutIndexWithMissingChild_Returns400ManifestBlobUnknown()
    {
        var repository = Names.Repository("manifests");
        var present = await registry.PushImageAsync(repository, tag: null);
        var absent = Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, Oci.Config()), []);
        var index = Oci.Index(
        [
            Oci.PlatformEntry(Oci.OciManifest, present.Manifest, "amd64"),
            Oci.PlatformEntry(Oci.OciManifest, absent, "arm64"),
        ]);

        using var put = await Client.PutAsync($"/v2/{repository}/manifests/multi", Http.Typed(index, Oci.OciIndex));

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN", put);
        using var get = await Client.GetAsync($"/v2/{repository}/manifests/multi");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", get);
        using var byDigest = await Client.GetAsync($"/v2/{repository}/manifests/{Oci.Sha256(index)}");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", byDigest);
    }

    [Fact]
    public async Task Manifest_PutOverLimitWithContentLength_Returns413AndStoresNothing()
    {
        var repository = Names.Repository("manifests");
        var manifest = OversizedManifest();

        using var put = await Client.PutAsync($"/v2/{repository}/manifests/big", Http.Typed(manifest, Oci.OciManifest));

        await Http.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "MANIFEST_INVALID", put);
        await AssertNothingStoredAsync(repository, "big", manifest);
    }

    [Fact]
    public async Task Manifest_PutOverLimitChunked_Returns413AndStoresNothing()
    {
        var repository = Names.Repository("manifests");
        var manifest = OversizedManifest();

        using var put = await Client.PutAsync($"/v2/{repository}/manifests/big", new UnknownLengthContent(manifest, Oci.OciManifest));

        await Http.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "MANIFEST_INVALID", put);
        await AssertNothingStoredAsync(repository, "big", manifest);
    }

    [Fact]
    public async Task Manifest_PutChunkedUnderLimit_Returns201()
    {
        var repository = Names.Repository("manifests");
        var config = Oci.Config();
        await registry.PushBlobAsync(repository, config);
        var manifest = Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, config), []);

        using var put = await Client.PutAsync($"/v2/{repository}/manifests/latest", new UnknownLengthContent(manifest, Oci.OciManifest));

        await Http.AssertStatusAsync(HttpStatusCode.Created, put);
        Assert.Equal(Oci.Sha256(manifest), Http.Header(put, "Docker-Content-Digest"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":")]
    public async Task Manifest_PutInvalidJson_Returns400ManifestInvalid(string body)
    {
        var repository = Names.Repository("manifests");
        var manifest = Encoding.UTF8.GetBytes(body);

        using var put = await Client.PutAsync($"/v2/{repository}/manifests/latest", Http.Typed(manifest, Oci.OciManifest));

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "MANIFEST_INVALID", put);
        await AssertNothingStoredAsync(repository, "latest", manifest);
    }

    [Theory]
    [InlineData("negative-size")]
    [InlineData("size-as-string")]
    [InlineData("malformed-media-type")]
    [InlineData("malformed-digest")]
    [InlineData("missing-digest")]
    [InlineData("relative-url")]
    [InlineData("schema-version-3")]
    [InlineData("layers-in-index")]
    [InlineData("content-type-mismatch")]
    public async Task Manifest_PutWithInvalidDescriptor_Returns400ManifestInvalid(string defect)
    {
        var repository = Names.Repository("manifests");
        var config = Oci.Config();
        var layer = Oci.RandomBytes(100);
        await registry.PushBlobAsync(repository, config);
        await registry.PushBlobAsync(repository, layer);
        var manifest = JsonNode.Parse(Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, config), [Oci.Descriptor(Oci.OciLayerGzip, layer)]))!.AsObject();
        var descriptor = manifest["layers"]![0]!.AsObject();
        switch (defect)
        {
            case "negative-size":
                descriptor["size"] = -1;
                break;
            case "size-as-string":
                descriptor["size"] = "100";
                break;
            case "malformed-media-type":
                descriptor["mediaType"] = "not a media type";
                break;
            case "malformed-digest":
                descriptor["digest"] = "sha256:xyz";
                break;
            case "missing-digest":
                descriptor.Remove("digest");
                break;
            case "relative-url":
                descriptor["urls"] = new JsonArray("/relative/path");
                break;
            case "schema-version-3":
                manifest["schemaVersion"] = 3;
                break;
            case "layers-in-index":
                manifest["mediaType"] = Oci.OciIndex;
                manifest["manifests"] = new JsonArray();
                break;
            default:
                // The mediaType field stays OCI while the Content-Type names the Docker type.
                break;
        }

        var body = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var contentType = defect switch
        {
            "layers-in-index" => Oci.OciIndex,
            "content-type-mismatch" => Oci.DockerManifest,
            _ => Oci.OciManifest,
        };

        using var put = await Client.PutAsync($"/v2/{repository}/manifests/latest", Http.Typed(body, contentType));

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "MANIFEST_INVALID", put);
        await AssertNothingStoredAsync(repository, "latest", body);
    }

    [Fact]
    public async Task Manifest_PutByWrongDigest_Returns400DigestInvalid()
    {
        var repository = Names.Repository("manifests");
        var config = Oci.Config();
        await registry.PushBlobAsync(repository, config);
        var manifest = Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, config), []);
        var wrong = Oci.Sha256(Oci.RandomBytes(8));

        using var put = await Client.PutAsync($"/v2/{repository}/manifests/{wrong}", Http.Typed(manifest, Oci.OciManifest));

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID", put);
        using var get = await Client.GetAsync($"/v2/{repository}/manifests/{wrong}");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", get);
        using var actual = await Client.GetAsync($"/v2/{repository}/manifests/{Oci.Sha256(manifest)}");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", actual);
    }

    [Fact]
    public async Task Manifest_DeleteByDigest_RemovesItsTags()
    {
        var repository = Names.Repository("manifests");
        var image = await registry.PushImageAsync(repository, "one");
        await registry.PutManifestAsync(repository, "two", image.Manifest, Oci.OciManifest);
        await registry.PushImageAsync(repository, "other");

        using var delete = await Client.DeleteAsync($"/v2/{repository}/manifests/{image.ManifestDigest}");

        await Http.AssertStatusAsync(HttpStatusCode.Accepted, delete);
        foreach (var reference in new[] { "one", "two", image.ManifestDigest })
        {
            using var get = await Client.GetAsync($"/v2/{repository}/manifests/{reference}");
            await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", get);
        }

        Assert.Equal(["other"], await TagsAsync(repository));
        using var again = await Client.DeleteAsync($"/v2/{repository}/manifests/{image.ManifestDigest}");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", again);
    }

    [Fact]
    public async Task Manifest_DeleteByTag_RemovesOnlyTheTag()
    {
        var repository = Names.Repository("manifests");
        var image = await registry.PushImageAsync(repository, "one");
        await registry.PutManifestAsync(repository, "two", image.Manifest, Oci.OciManifest);

        using var delete = await Client.DeleteAsync($"/v2/{repository}/manifests/one");

        await Http.AssertStatusAsync(HttpStatusCode.Accepted, delete);
        using var byTag = await Client.GetAsync($"/v2/{repository}/manifests/one");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", byTag);
        using var byDigest = await Client.GetAsync($"/v2/{repository}/manifests/{image.ManifestDigest}");
        await Http.AssertStatusAsync(HttpStatusCode.OK, byDigest);
        Assert.Equal(image.Manifest, await byDigest.Content.ReadAsByteArrayAsync());
        Assert.Equal(["two"], await TagsAsync(repository));
    }

    [Fact]
    public async Task Manifest_DeleteWhenDisabled_Returns405Unsupported()
    {
        await using var readOnly = await RegistryFixture.StartAsync(registry.Storage, deleteEnabled: false);
        var image = await readOnly.PushImageAsync(Names.Repository("manifests"), "latest");

        using var byDigest = await readOnly.Client.DeleteAsync($"/v2/{image.Repository}/manifests/{image.ManifestDigest}");
        using var byTag = await readOnly.Client.DeleteAsync($"/v2/{image.Repository}/manifests/latest");

        await Http.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "UNSUPPORTED", byDigest);
        await Http.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "UNSUPPORTED", byTag);
        using var get = await readOnly.Client.GetAsync($"/v2/{image.Repository}/manifests/latest");
        await Http.AssertStatusAsync(HttpStatusCode.OK, get);
    }

    [Fact]
    public async Task Manifest_PutWithSubject_ReturnsOciSubject()
    {
        var repository = Names.Repository("manifests");
        var subject = await registry.PushImageAsync(repository, "latest");
        await registry.PushBlobAsync(repository, Oci.EmptyJson);
        var referrer = Oci.ImageManifest(
            Oci.Descriptor(Oci.OciEmptyJson, Oci.EmptyJson),
            [Oci.Descriptor(Oci.OciEmptyJson, Oci.EmptyJson)],
            artifactType: "application/vnd.example.signature.v1",
            subject: Oci.Descriptor(Oci.OciManifest, subject.Manifest));

        using var put = await Client.PutAsync($"/v2/{repository}/manifests/{Oci.Sha256(referrer)}", Http.Typed(referrer, Oci.OciManifest));

        await Http.AssertStatusAsync(HttpStatusCode.Created, put);
        Assert.Equal(subject.ManifestDigest, Http.Header(put, "OCI-Subject"));
        using var get = await Client.GetAsync($"/v2/{repository}/manifests/{Oci.Sha256(referrer)}");
        await Http.AssertStatusAsync(HttpStatusCode.OK, get);
        Assert.Equal(referrer, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Manifest_PutWithoutSubject_SendsNoOciSubject()
    {
        var repository = Names.Repository("manifests");
        var config = Oci.Config();
        await registry.PushBlobAsync(repository, config);
        var manifest = Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, config), []);

        using var put = await Client.PutAsync($"/v2/{repository}/manifests/latest", Http.Typed(manifest, Oci.OciManifest));

        await Http.AssertStatusAsync(HttpStatusCode.Created, put);
        Assert.Null(Http.Header(put, "OCI-Subject"));
    }

    [Fact]
    public async Task Manifest_PutBySha512Digest_Returns201AndServesIt()
    {
        var repository = Names.Repository("manifests");
        var config = Oci.Config();
        await registry.PushBlobAsync(repository, config);
        var manifest = Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, config), []);
        var digest = Oci.Sha512(manifest);

        using var put = await Client.PutAsync($"/v2/{repository}/manifests/{digest}", Http.Typed(manifest, Oci.OciManifest));

        await Http.AssertStatusAsync(HttpStatusCode.Created, put);
        Assert.Equal(digest, Http.Header(put, "Docker-Content-Digest"));
        Assert.Equal($"/v2/{repository}/manifests/{digest}", Http.Location(put));
        using var get = await Client.GetAsync($"/v2/{repository}/manifests/{digest}");
        await Http.AssertStatusAsync(HttpStatusCode.OK, get);
        Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(digest, Http.Header(get, "Docker-Content-Digest"));
    }

    /// <summary>
    /// Pushes what a manifest of <paramref name="kind"/> references into <paramref name="repository"/>
    /// and returns the manifest with its media type.
    /// </summary>
    private async Task<(byte[] Manifest, string MediaType)> BuildAsync(string repository, ManifestKind kind)
    {
        switch (kind)
        {
            case ManifestKind.OciImage:
                return (await ImageAsync(repository, Oci.OciManifest, Oci.OciConfig, Oci.OciLayerGzip), Oci.OciManifest);
            case ManifestKind.DockerImage:
                return (await ImageAsync(repository, Oci.DockerManifest, Oci.DockerConfig, Oci.DockerLayerGzip), Oci.DockerManifest);
            case ManifestKind.OciIndex:
            case ManifestKind.DockerList:
            {
                var (listType, childType, configType, layerType) = kind == ManifestKind.OciIndex
                    ? (Oci.OciIndex, Oci.OciManifest, Oci.OciConfig, Oci.OciLayerGzip)
                    : (Oci.DockerManifestList, Oci.DockerManifest, Oci.DockerConfig, Oci.DockerLayerGzip);
                var entries = new List<JsonObject>();
                foreach (var architecture in new[] { "amd64", "arm64" })
                {
                    var child = await ImageAsync(repository, childType, configType, layerType);
                    await registry.PutManifestAsync(repository, Oci.Sha256(child), child, childType);
                    entries.Add(Oci.PlatformEntry(childType, child, architecture));
                }

                return (Oci.Index(entries, listType), listType);
            }

            case ManifestKind.Artifact:
            {
                var config = Encoding.UTF8.GetBytes($$"""{"tool":"example","id":"{{Guid.NewGuid():N}}"}""");
                var data = Oci.RandomBytes(300);
                await registry.PushBlobAsync(repository, config);
                await registry.PushBlobAsync(repository, data);
                var manifest = Oci.ImageManifest(
                    Oci.Descriptor("application/vnd.example.config.v1+json", config),
                    [Oci.Descriptor("application/vnd.example.data.v1.tar", data)],
                    artifactType: "application/vnd.example.artifact.v1");
                return (manifest, Oci.OciManifest);
            }

            default:
            {
                var data = Oci.RandomBytes(300);
                await registry.PushBlobAsync(repository, Oci.EmptyJson);
                await registry.PushBlobAsync(repository, data);
                var manifest = Oci.ImageManifest(
                    Oci.Descriptor(Oci.OciEmptyJson, Oci.EmptyJson),
                    [Oci.Descriptor("application/vnd.example.data.v1.tar", data)],
                    artifactType: "application/vnd.example.artifact.v1");
                return (manifest, Oci.OciManifest);
            }
        }
    }

    private async Task<byte[]> ImageAsync(string repository, string mediaType, string configType, string layerType)
    {
        var config = Oci.Config();
        var layer = Oci.RandomBytes(500);
        await registry.PushBlobAsync(repository, config);
        await registry.PushBlobAsync(repository, layer);
        return Oci.ImageManifest(Oci.Descriptor(configType, config), [Oci.Descriptor(layerType, layer)], mediaType);
    }

    /// <summary>A syntactically valid manifest one byte over the limit, padded with an annotation.</summary>
    private static byte[] OversizedManifest()
    {
        var empty = Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, Oci.Config()), [], annotations: new Dictionary<string, string> { ["pad"] = "" });
        var padding = new string('a', ManifestLimit + 1 - empty.Length);
        var manifest = Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, Oci.Config()), [], annotations: new Dictionary<string, string> { ["pad"] = padding });
        Assert.Equal(ManifestLimit + 1, manifest.Length);
        return manifest;
    }

    private async Task<List<string>> TagsAsync(string repository)
    {
        using var response = await Client.GetAsync($"/v2/{repository}/tags/list");
        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        using var json = await Http.ReadJsonAsync(response);
        return json.RootElement.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()!).ToList();
    }

    /// <summary>Asserts that a rejected put left no tag, no manifest and no repository behind.</summary>
    private async Task AssertNothingStoredAsync(string repository, string tag, byte[] manifest)
    {
        using var byTag = await Client.GetAsync($"/v2/{repository}/manifests/{tag}");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", byTag);
        using var byDigest = await Client.GetAsync($"/v2/{repository}/manifests/{Oci.Sha256(manifest)}");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", byDigest);
        using var asBlob = await Client.GetAsync($"/v2/{repository}/blobs/{Oci.Sha256(manifest)}");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UNKNOWN", asBlob);
        using var tags = await Client.GetAsync($"/v2/{repository}/tags/list");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "NAME_UNKNOWN", tags);
    }
}

public sealed class InMemoryManifestTests(InMemoryRegistry registry) : ManifestTests(registry), IClassFixture<InMemoryRegistry>;

public sealed class FileSystemManifestTests(FileSystemRegistry registry) : ManifestTests(registry), IClassFixture<FileSystemRegistry>;
