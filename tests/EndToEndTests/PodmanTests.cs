using Registry.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Registry.EndToEndTests;

/// <summary>
/// Pulls and pushes with podman, as root, with the vfs storage driver and storage directories of
/// the test's own, so that the machine's container storage is neither read nor changed.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PodmanTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan PodmanTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] LayerSizes = ["1M", "3M", "5M"];

    private readonly TestWorkspace _workspace = new(output);
    private string? _podmanDirectory;

    private Skopeo Skopeo => _workspace.Skopeo;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Pull_SkopeoPushedImage_MatchesSource()
    {
        var registry = await _workspace.StartRegistryUnderTestAsync(_workspace.CreateDirectory("storage"));
        var image = await TestImage.CreateAsync(output, _workspace.CreateDirectory("image"), "v1", "podman-pull", LayerSizes);
        var name = $"{registry.Address}/e2e/app:v1";
        await Skopeo.CopyAsync(image.OciReference, $"docker://{name}");

        await PodmanAsync("pull", "--tls-verify=false", name);

        var digest = await PodmanAsync("image", "inspect", "--format", "{{.Digest}}", name);
        Assert.Equal(image.Digest, digest.StandardOutput.Trim());
        var diffIds = await PodmanAsync("image", "inspect", "--format", "{{json .RootFS.Layers}}", name);
        Assert.Equal(image.DiffIds, Json.Strings(Json.Parse(diffIds.StandardOutputBytes)));
    }

    [Fact]
    public async Task Push_OciAndDockerSchema2_ServesCompleteImages()
    {
        var registry = await _workspace.StartRegistryUnderTestAsync(_workspace.CreateDirectory("storage"));
        var image = await TestImage.CreateAsync(output, _workspace.CreateDirectory("image"), "v1", "podman-push", LayerSizes);
        var name = $"{registry.Address}/e2e/app:v1";
        await Skopeo.CopyAsync(image.OciReference, $"docker://{name}");
        await PodmanAsync("pull", "--tls-verify=false", name);

        await PodmanAsync("push", "--tls-verify=false", name, Skopeo.Docker(registry, "e2e/copy:v1"));
        await PodmanAsync("push", "--tls-verify=false", "--format", "v2s2", name, Skopeo.Docker(registry, "e2e/v2s2:v1"));

        await AssertPushedImageAsync(registry, "e2e/copy:v1", MediaTypes.OciManifest, MediaTypes.OciGzipLayer, image);
        await AssertPushedImageAsync(registry, "e2e/v2s2:v1", MediaTypes.DockerManifest, MediaTypes.DockerGzipLayer, image);
    }

    /// <summary>
    /// Checks the manifest and config of an image podman pushed, then copies it with skopeo to a
    /// dir: layout, which keeps the manifest unchanged, and checks every blob against its digest.
    /// </summary>
    private async Task AssertPushedImageAsync(
        ServerProcess registry, string repositoryAndTag, string manifestMediaType, string layerMediaType, TestImage source)
    {
        var reference = Skopeo.Docker(registry, repositoryAndTag);
        var rawManifest = await Skopeo.InspectRawAsync(reference);
        var manifest = Json.Parse(rawManifest);
        Assert.Equal(manifestMediaType, manifest.GetProperty("mediaType").GetString());
        var layers = manifest.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(LayerSizes.Length, layers.Count);
        Assert.All(layers, layer => Assert.Equal(layerMediaType, layer.GetProperty("mediaType").GetString()));

        var summary = await Skopeo.InspectAsync(reference);
        var digest = OciLayout.ComputeDigest(rawManifest);
        Assert.Equal(digest, summary.GetProperty("Digest").GetString());

        var config = Json.Parse(await Skopeo.InspectConfigRawAsync(reference));
        Assert.Equal(source.DiffIds, Json.Strings(config.GetProperty("rootfs").GetProperty("diff_ids")));

        var copy = Path.Combine(_workspace.Path, $"copy-of-{repositoryAndTag.Replace('/', '-').Replace(':', '-')}");
        await Skopeo.CopyAsync(reference, $"dir:{copy}");
        Assert.Equal(rawManifest, await File.ReadAllBytesAsync(Path.Combine(copy, "manifest.json")));
        var blobDigests = layers.Append(manifest.GetProperty("config")).Select(descriptor => descriptor.GetProperty("digest").GetString()!);
        foreach (var blobDigest in blobDigests)
        {
            // The dir: transport stores a sha256 blob under its hex digest alone.
            var blob = await File.ReadAllBytesAsync(Path.Combine(copy, blobDigest["sha256:".Length..]));
            Assert.Equal(blobDigest, OciLayout.ComputeDigest(blob));
        }
    }

    private Task<ToolResult> PodmanAsync(params string[] arguments)
    {
        Assert.True(Environment.IsPrivilegedProcess, "The podman tests run podman rootful with vfs storage, which requires root. Run the tests as root.");

        if (_podmanDirectory is null)
        {
            _podmanDirectory = _workspace.CreateDirectory("podman");
            Directory.CreateDirectory(Path.Combine(_podmanDirectory, "tmp"));
        }

        // Storage, state, network configuration and temporary files stay in the test's directory, and
        // nothing needs systemd (cgroupfs, no journald events).
        string[] globalOptions =
        [
            "--root", Path.Combine(_podmanDirectory, "root"),
            "--runroot", Path.Combine(_podmanDirectory, "runroot"),
            "--tmpdir", Path.Combine(_podmanDirectory, "libpod-tmp"),
            "--network-config-dir", Path.Combine(_podmanDirectory, "networks"),
            "--storage-driver", "vfs",
            "--cgroup-manager", "cgroupfs",
            "--events-backend", "none",
        ];
        var temporaryDirectory = Path.Combine(_podmanDirectory, "tmp");
        return Tool.RunAsync(
            output,
            "podman",
            [.. globalOptions, .. arguments],
            PodmanTimeout,
            startInfo => startInfo.Environment["TMPDIR"] = temporaryDirectory);
    }
}
