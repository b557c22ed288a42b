using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Bench;

/// <summary>Builds small OCI images and writes OCI image layouts of fresh random content.</summary>
internal static class ImageLayout
{
    public const string LayerMediaType = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string ConfigMediaType = "application/vnd.oci.image.config.v1+json";

    // Writes "+" in media types as is, as registries and image tools do, and not as \u002B.
    private static readonly JsonSerializerOptions PlainJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Returns a gzip layer: a tar with one file of <paramref name="payload"/>, and the digest of the tar.
    /// The gzip stream uses stored (uncompressed) deflate blocks: random bytes do not compress, and
    /// this keeps generating a 100 MiB layer well under a second.
    /// </summary>
    public static (byte[] Gzip, string DiffId) BuildLayer(byte[] payload, string fileName)
    {
        using var tar = new MemoryStream(payload.Length + 4096);
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, fileName)
            {
                DataStream = new MemoryStream(payload, writable: false),
                ModificationTime = DateTimeOffset.UnixEpoch,
            };
            writer.WriteEntry(entry);
        }

        var tarBytes = tar.GetBuffer().AsSpan(0, (int)tar.Length);
        var diffId = RegistryClient.Digest(tarBytes);
        using var gzip = new MemoryStream(tarBytes.Length + 4096);
        using (var compressor = new GZipStream(gzip, CompressionLevel.NoCompression, leaveOpen: true))
        {
            compressor.Write(tarBytes);
        }

        return (gzip.ToArray(), diffId);
    }

    public static byte[] BuildConfig(IEnumerable<string> diffIds)
    {
        var config = new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = new JsonObject(),
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                ["diff_ids"] = new JsonArray(diffIds.Select(id => (JsonNode)JsonValue.Create(id)).ToArray()),
            },
        };
        return Encoding.UTF8.GetBytes(config.ToJsonString(PlainJson));
    }

    public static byte[] BuildManifest(byte[] config, IEnumerable<byte[]> layers)
    {
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = RegistryClient.OciManifest,
            ["config"] = Descriptor(ConfigMediaType, config),
            ["layers"] = new JsonArray(layers.Select(layer => (JsonNode)Descriptor(LayerMediaType, layer)).ToArray()),
        };
        return Encoding.UTF8.GetBytes(manifest.ToJsonString(PlainJson));
    }

    /// <summary>
    /// Writes an OCI image layout (oci-layout, index.json, blobs/sha256) to <paramref name="directory"/>
    /// with one layer of fresh random bytes per size, tagged <paramref name="tag"/>.
    /// </summary>
    public static JsonObject Write(string directory, long[] sizes, string tag)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new UsageException($"--dir {directory} exists and is not empty");
        }

        var blobs = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);

        var layers = new List<byte[]>();
        var diffIds = new List<string>();
        long totalBytes = 0;
        for (var i = 0; i < sizes.Length; i++)
        {
            var payload = new byte[checked((int)sizes[i])];
            RandomNumberGenerator.Fill(payload);
            var (gzip, diffId) = BuildLayer(payload, $"layer{i}.bin");
            WriteBlob(blobs, gzip);
            layers.Add(gzip);
            diffIds.Add(diffId);
            totalBytes += gzip.Length;
        }

        var config = BuildConfig(diffIds);
        var manifest = BuildManifest(config, layers);
        WriteBlob(blobs, config);
        WriteBlob(blobs, manifest);

        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = RegistryClient.OciManifest,
                ["digest"] = RegistryClient.Digest(manifest),
                ["size"] = manifest.Length,
                ["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag },
            }),
        };
        File.WriteAllText(Path.Combine(directory, "index.json"), index.ToJsonString(PlainJson));
        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");

        return new JsonObject
        {
            ["manifest_digest"] = RegistryClient.Digest(manifest),
            ["layer_bytes"] = totalBytes,
        };
    }

    private static JsonObject Descriptor(string mediaType, byte[] content) => new()
    {
        ["mediaType"] = mediaType,
        ["digest"] = RegistryClient.Digest(content),
        ["size"] = content.Length,
    };

    private static void WriteBlob(string blobs, byte[] content) =>
        File.WriteAllBytes(Path.Combine(blobs, RegistryClient.Digest(content)["sha256:".Length..]), content);
}
