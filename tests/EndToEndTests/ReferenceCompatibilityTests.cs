using Registry.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Registry.EndToEndTests;

/// <summary>
/// Storage compatibility with distribution v2.8.2 (Debian's docker-registry): a root directory
/// written by one registry is served by the other, with every image pullable byte for byte.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ReferenceCompatibilityTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] ExpectedRepositories = ["e2e/app", "e2e/multi", "other/tools"];

    private readonly TestWorkspace _workspace = new(output);

    private Skopeo Skopeo => _workspace.Skopeo;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task ReferenceWrittenStorage_ServedByRegistry()
    {
        var rootDirectory = _workspace.CreateDirectory("storage");
        var reference = await _workspace.StartReferenceRegistryAsync(rootDirectory);
        var images = await PushSampleImagesAsync(reference);
        await reference.StopAsync();

        var registry = await _workspace.StartRegistryUnderTestAsync(rootDirectory);
        await AssertImagesPullBackAsync(registry, images);

        // The OCI distribution specification v1.1 requires tags in lexical order, and this registry
        // lists repositories in the same order.
        Assert.Equal(["v1", "v2"], await Skopeo.ListTagsAsync(Skopeo.Docker(registry, "e2e/app")));
        var tags = await registry.GetJsonAsync("/v2/e2e/app/tags/list");
        Assert.Equal("e2e/app", tags.GetProperty("name").GetString());
        Assert.Equal(["v1", "v2"], Json.Strings(tags.GetProperty("tags")));
        var catalog = await registry.GetJsonAsync("/v2/_catalog");
        Assert.Equal(ExpectedRepositories, Json.Strings(catalog.GetProperty("repositories")));
    }

    [Fact]
    public async Task RegistryWrittenStorage_ServedByReference()
    {
        var rootDirectory = _workspace.CreateDirectory("storage");
        var registry = await _workspace.StartRegistryUnderTestAsync(rootDirectory);
        var images = await PushSampleImagesAsync(registry);
        await registry.StopAsync();

        var reference = await _workspace.StartReferenceRegistryAsync(rootDirectory);
        await AssertImagesPullBackAsync(reference, images);

        // distribution v2.8.2 lists tags in directory order, so only the set is compared.
        var tags = await reference.GetJsonAsync("/v2/e2e/app/tags/list");
        Assert.Equal(["v1", "v2"], Json.Strings(tags.GetProperty("tags")).Order(StringComparer.Ordinal));
        var catalog = await reference.GetJsonAsync("/v2/_catalog");
        Assert.Equal(ExpectedRepositories, Json.Strings(catalog.GetProperty("repositories")).Order(StringComparer.Ordinal));
    }

    private sealed record PushedImage(string RepositoryAndTag, TestImage Source, bool IsIndex);

    /// <summary>
    /// Pushes a three-layer image under two tags, a one-layer image to a second namespace, and a
    /// two-platform image index.
    /// </summary>
    private async Task<IReadOnlyList<PushedImage>> PushSampleImagesAsync(ServerProcess registry)
    {
        var app = await TestImage.CreateAsync(output, _workspace.CreateDirectory("app-image"), "v1", "compat-app", ["1M", "3M", "5M"]);
        var tools = await TestImage.CreateAsync(output, _workspace.CreateDirectory("tools-image"), "latest", "compat-tools", ["2M"]);
        var multi = await TestImage.CreateMultiPlatformAsync(
            output, _workspace.CreateDirectory("multi-image"), "multi", "compat-multi", ["1M", "1M"], ["amd64", "arm64"]);

        PushedImage[] images =
        [
            new("e2e/app:v1", app, IsIndex: false),
            new("e2e/app:v2", app, IsIndex: false),
            new("other/tools:latest", tools, IsIndex: false),
            new("e2e/multi:v1", multi, IsIndex: true),
        ];
        foreach (var image in images)
        {
            await Skopeo.CopyAsync(image.Source.OciReference, Skopeo.Docker(registry, image.RepositoryAndTag), image.IsIndex);
        }

        return images;
    }

    private async Task AssertImagesPullBackAsync(ServerProcess registry, IReadOnlyList<PushedImage> images)
    {
        var pullCount = 0;
        foreach (var image in images)
        {
            var reference = Skopeo.Docker(registry, image.RepositoryAndTag);
            Assert.Equal(image.Source.Digest, OciLayout.ComputeDigest(await Skopeo.InspectRawAsync(reference)));

            var directory = Path.Combine(_workspace.Path, $"pulled-{++pullCount}");
            await Skopeo.CopyAsync(reference, $"oci:{directory}:pulled", image.IsIndex);
            var pulled = new OciLayout(directory);
            Assert.Equal(image.Source.Digest, pulled.ResolveTag("pulled"));
            OciLayout.AssertSameBlobs(image.Source.Layout, pulled);
        }
    }
}
