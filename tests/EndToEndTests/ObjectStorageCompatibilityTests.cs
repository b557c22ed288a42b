using Registry.EndToEndTests.Infrastructure;
using Registry.EndToEndTests.Infrastructure.ObjectStores;
using Xunit.Abstractions;

namespace Registry.EndToEndTests;

/// <summary>
/// Object-store compatibility with distribution v2.8.2 (Debian's docker-registry): a bucket and root
/// directory written by one registry is served by the other, and both write exactly the keys of
/// distribution's layout. Debian's build has the s3 and swift drivers only, so the backends are S3 on
/// Swift's s3api and Swift native.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ObjectStorageCompatibilityTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestWorkspace _workspace = new(output);

    private Skopeo Skopeo => _workspace.Skopeo;

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData(StoreBackend.S3OnSwift)]
    [InlineData(StoreBackend.Swift)]
    public async Task ReferenceWrittenBucket_ServedByRegistry(StoreBackend backend)
    {
        await using var store = ObjectStore.Create(backend);
        try
        {
            await store.CreateBucketAsync();
            var options = store.CreateServerOptions(redirect: false);
            var reference = await _workspace.StartReferenceRegistryAsync(null, options);
            var images = await PushSampleImagesAsync(reference);
            await reference.StopAsync();
            Assert.Equal(RegistryLayout.ExpectedKeys(images.Select(image => image.Push)), await store.ListRegistryTreeAsync());

            var registry = await _workspace.StartRegistryUnderTestAsync(null, options);
            await AssertImagesPullBackAsync(registry, images);

            // The OCI distribution specification v1.1 requires tags in lexical order.
            Assert.Equal(["v1", "v2"], await Skopeo.ListTagsAsync(Skopeo.Docker(registry, "e2e/app")));
            var catalog = await registry.GetJsonAsync("/v2/_catalog");
            Assert.Equal(["e2e/app", "other/tools"], Json.Strings(catalog.GetProperty("repositories")));
        }
        finally
        {
            await DeleteStoreAsync(store);
        }
    }

    [Theory]
    [InlineData(StoreBackend.S3OnSwift)]
    [InlineData(StoreBackend.Swift)]
    public async Task RegistryWrittenBucket_ServedByReference(StoreBackend backend)
    {
        await using var store = ObjectStore.Create(backend);
        try
        {
            await store.CreateBucketAsync();
            var options = store.CreateServerOptions(redirect: false);
            var registry = await _workspace.StartRegistryUnderTestAsync(null, options);
            var images = await PushSampleImagesAsync(registry);
            await registry.StopAsync();
            Assert.Equal(RegistryLayout.ExpectedKeys(images.Select(image => image.Push)), await store.ListRegistryTreeAsync());

            var reference = await _workspace.StartReferenceRegistryAsync(null, options);
            await AssertImagesPullBackAsync(reference, images);

            // distribution v2.8.2 lists tags in store order, so only the set is compared.
            var tags = await reference.GetJsonAsync("/v2/e2e/app/tags/list");
            Assert.Equal(["v1", "v2"], Json.Strings(tags.GetProperty("tags")).Order(StringComparer.Ordinal));
            var catalog = await reference.GetJsonAsync("/v2/_catalog");
            Assert.Equal(["e2e/app", "other/tools"], Json.Strings(catalog.GetProperty("repositories")).Order(StringComparer.Ordinal));
        }
        finally
        {
            await DeleteStoreAsync(store);
        }
    }

    private sealed record PushedImage((string Repository, string Tag, TestImage Image) Push)
    {
        public string RepositoryAndTag => $"{Push.Repository}:{Push.Tag}";
    }

    /// <summary>Pushes a three-layer image under two tags and a one-layer image to a second namespace.</summary>
    private async Task<IReadOnlyList<PushedImage>> PushSampleImagesAsync(ServerProcess registry)
    {
        var app = await TestImage.CreateAsync(output, _workspace.CreateDirectory("app-image"), "v1", "store-compat-app", ["1M", "3M", "12M"]);
        var tools = await TestImage.CreateAsync(output, _workspace.CreateDirectory("tools-image"), "latest", "store-compat-tools", ["2M"]);

        PushedImage[] images =
        [
            new(("e2e/app", "v1", app)),
            new(("e2e/app", "v2", app)),
            new(("other/tools", "latest", tools)),
        ];
        foreach (var image in images)
        {
            await Skopeo.CopyAsync(image.Push.Image.OciReference, Skopeo.Docker(registry, image.RepositoryAndTag));
        }

        return images;
    }

    private async Task AssertImagesPullBackAsync(ServerProcess registry, IReadOnlyList<PushedImage> images)
    {
        var pullCount = 0;
        foreach (var image in images)
        {
            var source = image.Push.Image;
            var reference = Skopeo.Docker(registry, image.RepositoryAndTag);
            Assert.Equal(source.Digest, OciLayout.ComputeDigest(await Skopeo.InspectRawAsync(reference)));

            var directory = Path.Combine(_workspace.Path, $"pulled-{++pullCount}");
            await Skopeo.CopyAsync(reference, $"oci:{directory}:pulled");
            var pulled = new OciLayout(directory);
            Assert.Equal(source.Digest, pulled.ResolveTag("pulled"));
            OciLayout.AssertSameBlobs(source.Layout, pulled);
        }
    }

    private async Task DeleteStoreAsync(ObjectStore store)
    {
        var deleted = await store.DeleteAllAsync();
        output.WriteLine($"deleted {deleted} keys under {store.RootDirectory} of {store.Backend}");
        Assert.Empty(await store.ListKeysAsync());
    }
}
