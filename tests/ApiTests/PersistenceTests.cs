using System.Net;
using Registry.ApiTests.Infrastructure;

namespace Registry.ApiTests;

/// <summary>
/// What a filesystem registry keeps across a restart: each test pushes, stops the host, starts a new
/// one over the same directory and reads everything back. Only the filesystem driver keeps data
/// beyond its process, so these tests have no in-memory counterpart.
/// </summary>
public sealed class FileSystemPersistenceTests
{
    [Fact]
    public async Task Restart_KeepsTagsManifestsBlobsAndCatalog()
    {
        await using var registry = await RegistryFixture.StartAsync(StorageKind.FileSystem);
        var repository = Names.Repository("persist");
        var image = await registry.PushImageAsync(repository, "latest");
        await registry.PutManifestAsync(repository, "v1", image.Manifest, Oci.OciManifest);
        var child = await registry.PushImageAsync(repository, tag: null);
        var index = Oci.Index([Oci.PlatformEntry(Oci.OciManifest, child.Manifest, "arm64")]);
        await registry.PutManifestAsync(repository, "multi", index, Oci.OciIndex);
        var nested = await registry.PushImageAsync($"{repository}/nested/deeper", "latest");

        await registry.RestartAsync();

        var client = registry.Client;
        Assert.Equal(["latest", "multi", "v1"], await TagsAsync(client, repository));
        await AssertManifestAsync(client, repository, "latest", image.Manifest, Oci.OciManifest);
        await AssertManifestAsync(client, repository, "v1", image.Manifest, Oci.OciManifest);
        await AssertManifestAsync(client, repository, image.ManifestDigest, image.Manifest, Oci.OciManifest);
        await AssertManifestAsync(client, repository, "multi", index, Oci.OciIndex);
        await AssertManifestAsync(client, repository, child.ManifestDigest, child.Manifest, Oci.OciManifest);
        foreach (var blob in image.Layers.Append(image.Config))
        {
            await AssertBlobAsync(client, repository, blob);
        }

        using var catalog = await client.GetAsync("/v2/_catalog?n=1000");
        await Http.AssertStatusAsync(HttpStatusCode.OK, catalog);
        using var json = await Http.ReadJsonAsync(catalog);
        var names = json.RootElement.GetProperty("repositories").EnumerateArray().Select(name => name.GetString()).ToList();
        Assert.Equal([repository, nested.Repository], names);
    }

    [Fact]
    public async Task Restart_ResumesUploadAtItsOffset()
    {
        await using var registry = await RegistryFixture.StartAsync(StorageKind.FileSystem);
        var repository = Names.Repository("persist");
        var content = Oci.RandomBytes(3000);
        using var start = await registry.Client.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, start);
        var location = Http.Location(start);
        using var first = await registry.Client.PatchAsync(location, Http.Chunk(content[..1000], 0));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, first);

        await registry.RestartAsync();

        var client = registry.Client;
        using var status = await client.GetAsync(location);
        await Http.AssertStatusAsync(HttpStatusCode.NoContent, status);
        Assert.Equal("0-999", Http.Header(status, "Range"));
        using var outOfOrder = await client.PatchAsync(location, Http.Chunk(content[2000..], 2000));
        await Http.AssertStatusAsync(HttpStatusCode.RequestedRangeNotSatisfiable, outOfOrder);
        using var second = await client.PatchAsync(location, Http.Chunk(content[1000..2000], 1000));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, second);
        Assert.Equal("0-1999", Http.Header(second, "Range"));
        using var put = await client.PutAsync(
            $"{Http.Location(second)}?digest={Oci.Sha256(content)}",
            Http.Chunk(content[2000..], 2000));
        await Http.AssertStatusAsync(HttpStatusCode.Created, put);
        await AssertBlobAsync(client, repository, content);
    }

    [Fact]
    public async Task Restart_KeepsDeletions()
    {
        await using var registry = await RegistryFixture.StartAsync(StorageKind.FileSystem);
        var repository = Names.Repository("persist");
        var kept = await registry.PushImageAsync(repository, "kept");
        await registry.PutManifestAsync(repository, "untagged", kept.Manifest, Oci.OciManifest);
        var deleted = await registry.PushImageAsync(repository, "deleted");
        using (var deleteTag = await registry.Client.DeleteAsync($"/v2/{repository}/manifests/untagged"))
        using (var deleteManifest = await registry.Client.DeleteAsync($"/v2/{repository}/manifests/{deleted.ManifestDigest}"))
        using (var deleteBlob = await registry.Client.DeleteAsync($"/v2/{repository}/blobs/{Oci.Sha256(deleted.Layers[0])}"))
        {
            await Http.AssertStatusAsync(HttpStatusCode.Accepted, deleteTag);
            await Http.AssertStatusAsync(HttpStatusCode.Accepted, deleteManifest);
            await Http.AssertStatusAsync(HttpStatusCode.Accepted, deleteBlob);
        }

        await registry.RestartAsync();

        var client = registry.Client;
        Assert.Equal(["kept"], await TagsAsync(client, repository));
        await AssertManifestAsync(client, repository, kept.ManifestDigest, kept.Manifest, Oci.OciManifest);
        using var manifest = await client.GetAsync($"/v2/{repository}/manifests/{deleted.ManifestDigest}");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "MANIFEST_UNKNOWN", manifest);
        using var blob = await client.GetAsync($"/v2/{repository}/blobs/{Oci.Sha256(deleted.Layers[0])}");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UNKNOWN", blob);
    }

    [Fact]
    public async Task Restart_KeepsReferrers()
    {
        await using var registry = await RegistryFixture.StartAsync(StorageKind.FileSystem);
        var subject = await registry.PushImageAsync(Names.Repository("persist"), "latest");
        await registry.PushBlobAsync(subject.Repository, Oci.EmptyJson);
        var referrer = Oci.ImageManifest(
            Oci.Descriptor(Oci.OciEmptyJson, Oci.EmptyJson),
            [Oci.Descriptor(Oci.OciEmptyJson, Oci.EmptyJson)],
            artifactType: "application/vnd.example.signature.v1",
            subject: Oci.Descriptor(Oci.OciManifest, subject.Manifest));
        await registry.PutManifestAsync(subject.Repository, Oci.Sha256(referrer), referrer, Oci.OciManifest);

        await registry.RestartAsync();

        using var response = await registry.Client.GetAsync($"/v2/{subject.Repository}/referrers/{subject.ManifestDigest}");
        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        using var index = await Http.ReadJsonAsync(response);
        var entry = Assert.Single(index.RootElement.GetProperty("manifests").EnumerateArray().ToList());
        Assert.Equal(Oci.Sha256(referrer), entry.GetProperty("digest").GetString());
        Assert.Equal("application/vnd.example.signature.v1", entry.GetProperty("artifactType").GetString());
    }

    private static async Task<List<string>> TagsAsync(HttpClient client, string repository)
    {
        using var response = await client.GetAsync($"/v2/{repository}/tags/list");
        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        using var json = await Http.ReadJsonAsync(response);
        return json.RootElement.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()!).ToList();
    }

    private static async Task AssertManifestAsync(HttpClient client, string repository, string reference, byte[] manifest, string mediaType)
    {
        using var response = await client.GetAsync($"/v2/{repository}/manifests/{reference}");
        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(manifest, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Oci.Sha256(manifest), Http.Header(response, "Docker-Content-Digest"));
    }

    private static async Task AssertBlobAsync(HttpClient client, string repository, byte[] content)
    {
        using var response = await client.GetAsync($"/v2/{repository}/blobs/{Oci.Sha256(content)}");
        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }
}
