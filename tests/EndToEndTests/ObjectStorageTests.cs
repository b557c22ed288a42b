using System.Net;
using Registry.EndToEndTests.Infrastructure;
using Registry.EndToEndTests.Infrastructure.ObjectStores;
using Xunit.Abstractions;

namespace Registry.EndToEndTests;

/// <summary>
/// Pushes and pulls with skopeo through a registry whose storage is an object store on 127.0.0.1,
/// with blob redirects on and off. Each test writes under its own root directory of a shared bucket,
/// checks the keys against distribution's layout, and deletes them at the end. A store that is not
/// running fails the test.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ObjectStorageTests(ITestOutputHelper output) : IDisposable
{
    // The 12 MiB layer is larger than one part or chunk of every driver's default size (5 or 10 MiB).
    private static readonly string[] LayerSizes = ["1M", "3M", "12M"];

    private const string Repository = "e2e/app";

    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromMinutes(1),
    };

    private readonly TestWorkspace _workspace = new(output);

    private Skopeo Skopeo => _workspace.Skopeo;

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData(StoreBackend.S3OnSwift, false)]
    [InlineData(StoreBackend.S3OnSwift, true)]
    [InlineData(StoreBackend.Azure, false)]
    [InlineData(StoreBackend.Azure, true)]
    [InlineData(StoreBackend.Gcs, false)]
    [InlineData(StoreBackend.Gcs, true)]
    [InlineData(StoreBackend.Swift, false)]
    [InlineData(StoreBackend.Swift, true)]
    public async Task Copy_ObjectStore_PullsBackByteIdentical(StoreBackend backend, bool redirect)
    {
        await using var store = ObjectStore.Create(backend);
        try
        {
            await store.CreateBucketAsync();
            var registry = await _workspace.StartRegistryUnderTestAsync(null, store.CreateServerOptions(redirect));
            var image = await TestImage.CreateAsync(output, _workspace.CreateDirectory("image"), "v1", $"store-{backend}-{redirect}", LayerSizes);

            await Skopeo.CopyAsync(image.OciReference, Skopeo.Docker(registry, $"{Repository}:v1"));

            var expectedKeys = RegistryLayout.ExpectedKeys([(Repository, "v1", image)]);
            Assert.Equal(expectedKeys, await store.ListRegistryTreeAsync());

            var largestLayer = image.LayerDigests[^1];
            if (redirect && store.RedirectUrlPrefix is { } redirectPrefix)
            {
                await AssertBlobRedirectsAsync(registry, image, largestLayer, redirectPrefix);
            }
            else
            {
                if (redirect)
                {
                    output.WriteLine($"{backend}: expecting no redirect because {store.NoRedirectReason}.");
                }

                await AssertBlobServedAsync(registry, image, largestLayer);
            }

            var pulledDirectory = Path.Combine(_workspace.Path, "pulled");
            await Skopeo.CopyAsync(Skopeo.Docker(registry, $"{Repository}:v1"), $"oci:{pulledDirectory}:v1");
            var pulled = new OciLayout(pulledDirectory);
            Assert.Equal(image.Digest, pulled.ResolveTag("v1"));
            OciLayout.AssertSameBlobs(image.Layout, pulled);
        }
        finally
        {
            var deleted = await store.DeleteAllAsync();
            output.WriteLine($"deleted {deleted} keys under {store.RootDirectory} of {backend}");
        }

        Assert.Empty(await store.ListKeysAsync());
    }

    /// <summary>Asserts that a blob GET returns 307 to a URL of the store, and that the URL serves the blob's bytes.</summary>
    private async Task AssertBlobRedirectsAsync(ServerProcess registry, TestImage image, string digest, string redirectPrefix)
    {
        var curl = new Curl(output, _workspace.Path);
        var response = await curl.SendAsync($"{registry.BaseUrl}/v2/{Repository}/blobs/{digest}");
        Assert.True(response.Status == 307, $"expected 307 Temporary Redirect:\n{response.Describe()}");

        var location = response.Header("Location");
        Assert.NotNull(location);
        Assert.StartsWith(redirectPrefix, location, StringComparison.Ordinal);

        // The presigned URL must work without the registry: no credentials, just the URL.
        using var download = await Http.GetAsync(new Uri(location));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(image.Layout.ReadBlob(digest).Length, bytes.Length);
        Assert.Equal(digest, OciLayout.ComputeDigest(bytes));
    }

    /// <summary>Asserts that a blob GET returns 200 with the blob's length and digest, served by the registry itself.</summary>
    private async Task AssertBlobServedAsync(ServerProcess registry, TestImage image, string digest)
    {
        using var response = await Http.GetAsync(new Uri($"{registry.BaseUrl}/v2/{Repository}/blobs/{digest}"));
        Assert.True(
            response.StatusCode == HttpStatusCode.OK,
            $"expected 200 for GET of blob {digest}, got {(int)response.StatusCode} with Location {response.Headers.Location}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(image.Layout.ReadBlob(digest).Length, bytes.Length);
        Assert.Equal(digest, OciLayout.ComputeDigest(bytes));
    }
}
