using System.Net;
using System.Text.Json;
using Registry.ApiTests.Infrastructure;
using Registry.Silo.Hosting;

namespace Registry.ApiTests;

/// <summary>
/// Read-only mode (<c>storage.maintenance.readonly.enabled</c>): a registry pushed to by one host
/// is served by a second, read-only host over the same directory, which rejects every write.
/// </summary>
public sealed class MaintenanceReadOnlyTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("registry-readonly-tests-").FullName;
    private readonly string _repository = Names.Repository("readonly");
    private PushedImage _image = null!;
    private MaintenanceHost _readOnly = null!;

    public async Task InitializeAsync()
    {
        await using (var writable = await MaintenanceHost.StartAsync(_root, new RegistryHostOptions()))
        {
            _image = await writable.PushImageAsync(_repository, "v1");
        }

        _readOnly = await MaintenanceHost.StartAsync(_root, new RegistryHostOptions { ReadOnly = true });
    }

    public async Task DisposeAsync()
    {
        await _readOnly.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Pull_ExistingImage_Succeeds()
    {
        var client = _readOnly.Client;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{_repository}/manifests/v1");
        request.Headers.Accept.ParseAdd(Oci.OciManifest);

        using var manifest = await client.SendAsync(request);

        await Http.AssertStatusAsync(HttpStatusCode.OK, manifest);
        Assert.Equal(_image.Manifest, await manifest.Content.ReadAsByteArrayAsync());
        foreach (var blob in _image.Layers.Append(_image.Config))
        {
            using var response = await client.GetAsync($"/v2/{_repository}/blobs/{Oci.Sha256(blob)}");
            await Http.AssertStatusAsync(HttpStatusCode.OK, response);
            Assert.Equal(blob, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Reads_TagsCatalogAndHead_Succeed()
    {
        var client = _readOnly.Client;

        using var tags = await client.GetAsync($"/v2/{_repository}/tags/list");
        using var catalog = await client.GetAsync("/v2/_catalog");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{_repository}/blobs/{_image.ConfigDigest}"));

        await Http.AssertStatusAsync(HttpStatusCode.OK, tags);
        await Http.AssertStatusAsync(HttpStatusCode.OK, catalog);
        await Http.AssertStatusAsync(HttpStatusCode.OK, head);
    }

    [Fact]
    public async Task PushBlob_IsRejectedWithUnsupported()
    {
        var blob = Oci.RandomBytes(100);

        using var start = await _readOnly.Client.PostAsync($"/v2/{_repository}/blobs/uploads/", null);
        using var monolithic = await _readOnly.Client.PostAsync($"/v2/{_repository}/blobs/uploads/?digest={Oci.Sha256(blob)}", Http.Octets(blob));

        await AssertReadOnlyErrorAsync(start);
        await AssertReadOnlyErrorAsync(monolithic);
        using var check = await _readOnly.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{_repository}/blobs/{Oci.Sha256(blob)}"));
        Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
    }

    [Fact]
    public async Task PushManifest_IsRejectedAndTagUnchanged()
    {
        var other = Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, _image.Config), []);

        using var put = await _readOnly.Client.PutAsync($"/v2/{_repository}/manifests/v1", Http.Typed(other, Oci.OciManifest));

        await AssertReadOnlyErrorAsync(put);
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/v2/{_repository}/manifests/v1");
        request.Headers.Accept.ParseAdd(Oci.OciManifest);
        using var head = await _readOnly.Client.SendAsync(request);
        Assert.Equal(_image.ManifestDigest, Http.Header(head, "Docker-Content-Digest"));
    }

    [Fact]
    public async Task Deletes_AreRejected()
    {
        using var manifest = await _readOnly.Client.DeleteAsync($"/v2/{_repository}/manifests/{_image.ManifestDigest}");
        using var blob = await _readOnly.Client.DeleteAsync($"/v2/{_repository}/blobs/{_image.ConfigDigest}");

        await AssertReadOnlyErrorAsync(manifest);
        await AssertReadOnlyErrorAsync(blob);
        using var get = await _readOnly.Client.GetAsync($"/v2/{_repository}/blobs/{_image.ConfigDigest}");
        await Http.AssertStatusAsync(HttpStatusCode.OK, get);
    }

    [Fact]
    public async Task PatchAndPutOfUpload_AreRejected()
    {
        var location = $"/v2/{_repository}/blobs/uploads/{Guid.NewGuid():D}";

        using var patch = await _readOnly.Client.PatchAsync(location, Http.Octets([1, 2, 3]));
        using var put = await _readOnly.Client.PutAsync($"{location}?digest={Oci.Sha256([1, 2, 3])}", null);

        await AssertReadOnlyErrorAsync(patch);
        await AssertReadOnlyErrorAsync(put);
    }

    private static async Task AssertReadOnlyErrorAsync(HttpResponseMessage response)
    {
        await Http.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "UNSUPPORTED", response);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = body.RootElement.GetProperty("errors")[0].GetProperty("message").GetString();
        Assert.Contains("read-only mode", message);
    }
}
