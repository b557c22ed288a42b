using Registry.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Registry.EndToEndTests;

public enum StorageKind
{
    Filesystem,
    InMemory,
}

public enum StopMode
{
    /// <summary>SIGTERM, then wait for the process to exit.</summary>
    Graceful,

    /// <summary>SIGKILL, as a crash would end the process.</summary>
    Kill,
}

/// <summary>Pushes, pulls, inspects, lists and deletes with skopeo against a real registry process.</summary>
[Trait("Category", "EndToEnd")]
public sealed class SkopeoTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] LayerSizes = ["1M", "3M", "5M"];

    private readonly TestWorkspace _workspace = new(output);

    private Skopeo Skopeo => _workspace.Skopeo;

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData(StorageKind.Filesystem)]
    [InlineData(StorageKind.InMemory)]
    public async Task Copy_ThreeLayerImage_PullsBackByteIdentical(StorageKind storage)
    {
        var registry = await _workspace.StartRegistryUnderTestAsync(
            storage == StorageKind.Filesystem ? _workspace.CreateDirectory("storage") : null);
        var image = await CreateImageAsync("copy");

        await Skopeo.CopyAsync(image.OciReference, Skopeo.Docker(registry, "e2e/app:v1"));
        var pulled = await PullAsync(registry, "e2e/app:v1", "pulled");

        Assert.Equal(image.Digest, pulled.ResolveTag("v1"));
        OciLayout.AssertSameBlobs(image.Layout, pulled);
    }

    [Fact]
    public async Task Inspect_PushedImage_ReturnsPushedManifestAndConfig()
    {
        var registry = await _workspace.StartRegistryUnderTestAsync(_workspace.CreateDirectory("storage"));
        var image = await CreateImageAsync("inspect");
        var reference = Skopeo.Docker(registry, "e2e/app:v1");
        await Skopeo.CopyAsync(image.OciReference, reference);

        var rawManifest = await Skopeo.InspectRawAsync(reference);
        Assert.Equal(image.Digest, OciLayout.ComputeDigest(rawManifest));
        Assert.Equal(image.ManifestBytes, rawManifest);

        var summary = await Skopeo.InspectAsync(reference);
        Assert.Equal(image.Digest, summary.GetProperty("Digest").GetString());
        Assert.Equal("amd64", summary.GetProperty("Architecture").GetString());
        Assert.Equal(image.LayerDigests, Json.Strings(summary.GetProperty("Layers")));

        var rawConfig = await Skopeo.InspectConfigRawAsync(reference);
        Assert.Equal(image.Layout.ReadBlob(image.ConfigDigest), rawConfig);

        var byDigest = await Skopeo.InspectRawAsync(Skopeo.Docker(registry, $"e2e/app@{image.Digest}"));
        Assert.Equal(image.ManifestBytes, byDigest);
    }

    [Fact]
    public async Task ListTags_TwoTagsPushed_ReturnsBothSorted()
    {
        var registry = await _workspace.StartRegistryUnderTestAsync(_workspace.CreateDirectory("storage"));
        var image = await CreateImageAsync("tags");

        // Pushed in reverse order, so that a registry listing tags in push order fails.
        await Skopeo.CopyAsync(image.OciReference, Skopeo.Docker(registry, "e2e/app:v2"));
        await Skopeo.CopyAsync(image.OciReference, Skopeo.Docker(registry, "e2e/app:v1"));

        var tags = await Skopeo.ListTagsAsync(Skopeo.Docker(registry, "e2e/app"));
        Assert.Equal(["v1", "v2"], tags);
    }

    [Fact]
    public async Task Delete_PushedImage_InspectFailsAfterwards()
    {
        var registry = await _workspace.StartRegistryUnderTestAsync(_workspace.CreateDirectory("storage"));
        var image = await CreateImageAsync("delete");
        var reference = Skopeo.Docker(registry, "e2e/app:v1");
        await Skopeo.CopyAsync(image.OciReference, reference);

        // skopeo delete resolves the tag and deletes the manifest by digest, which removes the tag too.
        await Skopeo.DeleteAsync(reference);

        var byTag = await Skopeo.InspectUncheckedAsync(reference);
        Assert.True(byTag.ExitCode != 0, $"inspect by tag succeeded after delete:\n{byTag.Describe()}");
        Assert.Contains("manifest unknown", byTag.StandardError, StringComparison.OrdinalIgnoreCase);

        var byDigest = await Skopeo.InspectUncheckedAsync(Skopeo.Docker(registry, $"e2e/app@{image.Digest}"));
        Assert.True(byDigest.ExitCode != 0, $"inspect by digest succeeded after delete:\n{byDigest.Describe()}");
        Assert.Contains("manifest unknown", byDigest.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CopyAll_MultiPlatformIndex_PullsBackByteIdentical()
    {
        var registry = await _workspace.StartRegistryUnderTestAsync(_workspace.CreateDirectory("storage"));
        var index = await TestImage.CreateMultiPlatformAsync(
            output, _workspace.CreateDirectory("image"), "multi", "skopeo-multi", ["1M", "2M"], ["amd64", "arm64"]);
        var reference = Skopeo.Docker(registry, "e2e/multi:v1");

        await Skopeo.CopyAsync(index.OciReference, reference, allPlatforms: true);

        var rawIndex = await Skopeo.InspectRawAsync(reference);
        Assert.Equal(index.Digest, OciLayout.ComputeDigest(rawIndex));

        foreach (var architecture in new[] { "amd64", "arm64" })
        {
            // skopeo reports the digest of the index it resolved, and the layers of the platform's manifest.
            var manifestDigest = index.Layout.FindPlatformManifest(index.Digest, architecture);
            var summary = await Skopeo.InspectAsync(reference, architecture);
            Assert.Equal(index.Digest, summary.GetProperty("Digest").GetString());
            Assert.Equal(architecture, summary.GetProperty("Architecture").GetString());
            var manifest = index.Layout.ReadJsonBlob(manifestDigest);
            var layerDigests = manifest.GetProperty("layers").EnumerateArray().Select(layer => layer.GetProperty("digest").GetString());
            Assert.Equal(layerDigests, Json.Strings(summary.GetProperty("Layers")));

            var manifestByDigest = await Skopeo.InspectRawAsync(Skopeo.Docker(registry, $"e2e/multi@{manifestDigest}"));
            Assert.Equal(index.Layout.ReadBlob(manifestDigest), manifestByDigest);
        }

        var pulledDirectory = Path.Combine(_workspace.Path, "pulled");
        await Skopeo.CopyAsync(reference, $"oci:{pulledDirectory}:multi", allPlatforms: true);
        var pulled = new OciLayout(pulledDirectory);
        Assert.Equal(index.Digest, pulled.ResolveTag("multi"));
        OciLayout.AssertSameBlobs(index.Layout, pulled);
    }

    [Theory]
    [InlineData(StopMode.Graceful)]
    [InlineData(StopMode.Kill)]
    public async Task Restart_AfterPush_ImagePullsBackByteIdentical(StopMode stopMode)
    {
        var registry = await _workspace.StartRegistryUnderTestAsync(_workspace.CreateDirectory("storage"));
        var image = await CreateImageAsync($"restart-{stopMode}");
        await Skopeo.CopyAsync(image.OciReference, Skopeo.Docker(registry, "e2e/app:v1"));

        if (stopMode == StopMode.Graceful)
        {
            await registry.StopAsync();
        }
        else
        {
            await registry.KillAsync();
        }

        await registry.StartAsync();

        Assert.Equal(["v1"], await Skopeo.ListTagsAsync(Skopeo.Docker(registry, "e2e/app")));
        var pulled = await PullAsync(registry, "e2e/app:v1", "pulled");
        Assert.Equal(image.Digest, pulled.ResolveTag("v1"));
        OciLayout.AssertSameBlobs(image.Layout, pulled);
    }

    private Task<TestImage> CreateImageAsync(string seed) =>
        TestImage.CreateAsync(output, _workspace.CreateDirectory("image"), "v1", $"skopeo-{seed}", LayerSizes);

    private async Task<OciLayout> PullAsync(ServerProcess registry, string repositoryAndTag, string directoryName)
    {
        var directory = Path.Combine(_workspace.Path, directoryName);
        var tag = repositoryAndTag[(repositoryAndTag.LastIndexOf(':') + 1)..];
        await Skopeo.CopyAsync(Skopeo.Docker(registry, repositoryAndTag), $"oci:{directory}:{tag}");
        return new OciLayout(directory);
    }
}
