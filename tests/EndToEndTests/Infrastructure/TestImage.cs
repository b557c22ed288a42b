using System.Runtime.InteropServices;
using System.Text.Json;
using Xunit.Abstractions;

namespace Registry.EndToEndTests.Infrastructure;

/// <summary>
/// An image in an OCI layout, written by make-test-image.sh: gzip layers of reproducible random
/// content (the same seed and sizes give the same digests), ready for <c>skopeo copy</c>.
/// </summary>
public sealed class TestImage
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    private TestImage(OciLayout layout, string tag, string digest)
    {
        Layout = layout;
        Tag = tag;
        Digest = digest;
    }

    public OciLayout Layout { get; }

    public string Tag { get; }

    /// <summary>Digest of the image manifest, or of the image index for a multi-platform image.</summary>
    public string Digest { get; }

    /// <summary>The skopeo source reference, <c>oci:DIR:TAG</c>.</summary>
    public string OciReference => $"oci:{Layout.Directory}:{Tag}";

    /// <summary>The OCI architecture name of this machine (amd64, arm64), for images a local client must accept.</summary>
    public static string HostArchitecture => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => throw new PlatformNotSupportedException($"No OCI architecture name is known for {other}."),
    };

    public byte[] ManifestBytes => Layout.ReadBlob(Digest);

    public JsonElement Manifest => Json.Parse(ManifestBytes);

    public string ConfigDigest => Manifest.GetProperty("config").GetProperty("digest").GetString()!;

    public IReadOnlyList<string> LayerDigests =>
        Manifest.GetProperty("layers").EnumerateArray().Select(layer => layer.GetProperty("digest").GetString()!).ToList();

    /// <summary>The uncompressed layer digests from the config (rootfs.diff_ids).</summary>
    public IReadOnlyList<string> DiffIds =>
        Json.Strings(Layout.ReadJsonBlob(ConfigDigest).GetProperty("rootfs").GetProperty("diff_ids"));

    /// <summary>
    /// Writes a single-platform image of gzip layers with the given payload sizes (such as "1M",
    /// "512K") into <paramref name="layoutDirectory"/>, tagged <paramref name="tag"/>. A layout that
    /// already exists keeps its other tags.
    /// </summary>
    public static async Task<TestImage> CreateAsync(
        ITestOutputHelper output,
        string layoutDirectory,
        string tag,
        string seed,
        IReadOnlyList<string> layerSizes,
        string architecture = "amd64")
    {
        // make-test-image.sh reports a missing tool only when it reaches it, so they are checked up front.
        foreach (var tool in new[] { "openssl", "gzip", "jq", "tar", "sha256sum" })
        {
            Tool.Locate(tool);
        }

        string[] arguments = [RepositoryPaths.MakeTestImageScript, "-z", "-t", tag, "-s", seed, "-a", architecture, layoutDirectory, .. layerSizes];
        await Tool.RunAsync(output, "bash", arguments, ScriptTimeout);

        var layout = new OciLayout(layoutDirectory);
        return new TestImage(layout, tag, layout.ResolveTag(tag));
    }

    /// <summary>
    /// Writes one image per architecture into <paramref name="layoutDirectory"/>, with the same layer
    /// sizes and distinct content, and an OCI image index of them tagged <paramref name="tag"/>.
    /// </summary>
    public static async Task<TestImage> CreateMultiPlatformAsync(
        ITestOutputHelper output,
        string layoutDirectory,
        string tag,
        string seed,
        IReadOnlyList<string> layerSizes,
        IReadOnlyList<string> architectures)
    {
        foreach (var architecture in architectures)
        {
            await CreateAsync(output, layoutDirectory, architecture, $"{seed}-{architecture}", layerSizes, architecture);
        }

        var layout = new OciLayout(layoutDirectory);
        return new TestImage(layout, tag, layout.ReplaceWithIndex(tag, architectures));
    }
}
