using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Registry.ApiTests.Infrastructure;

/// <summary>
/// Builds the content the tests push: digests, descriptors, manifests and indexes as JSON bytes,
/// and unique random blobs. Media types are written out here rather than taken from the registry,
/// so a wrong constant in the registry fails a test instead of hiding in both places.
/// </summary>
public static class Oci
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string OciEmptyJson = "application/vnd.oci.empty.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /// <summary>The sha256 digest of zero bytes.</summary>
    public const string EmptySha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>The <c>{}</c> blob that image-spec's empty descriptor points at.</summary>
    public static readonly byte[] EmptyJson = "{}"u8.ToArray();

    public static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Sha512(byte[] content) => "sha512:" + Convert.ToHexStringLower(SHA512.HashData(content));

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    /// <summary>An image config with a random id in it, so that every call yields a new blob.</summary>
    public static byte[] Config() => Encoding.UTF8.GetBytes(
        $$$"""{"architecture":"amd64","os":"linux","config":{"Labels":{"test.id":"{{{Guid.NewGuid():N}}}"}},"rootfs":{"type":"layers","diff_ids":[]}}""");

    public static JsonObject Descriptor(string mediaType, byte[] content) => Descriptor(mediaType, Sha256(content), content.Length);

    public static JsonObject Descriptor(string mediaType, string digest, long size) => new()
    {
        ["mediaType"] = mediaType,
        ["digest"] = digest,
        ["size"] = size,
    };

    /// <summary>
    /// An image manifest. <paramref name="mediaType"/> null leaves the <c>mediaType</c> field out,
    /// which image-spec allows.
    /// </summary>
    public static byte[] ImageManifest(
        JsonObject config,
        IEnumerable<JsonObject> layers,
        string? mediaType = OciManifest,
        string? artifactType = null,
        JsonObject? subject = null,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        var manifest = new JsonObject { ["schemaVersion"] = 2 };
        if (mediaType is not null)
        {
            manifest["mediaType"] = mediaType;
        }

        if (artifactType is not null)
        {
            manifest["artifactType"] = artifactType;
        }

        manifest["config"] = config.DeepClone();
        manifest["layers"] = new JsonArray(layers.Select(layer => (JsonNode)layer.DeepClone()).ToArray());
        if (subject is not null)
        {
            manifest["subject"] = subject.DeepClone();
        }

        if (annotations is not null)
        {
            manifest["annotations"] = ToJson(annotations);
        }

        return Encoding.UTF8.GetBytes(manifest.ToJsonString());
    }

    /// <summary>An OCI image index or a Docker manifest list of <paramref name="manifests"/>.</summary>
    public static byte[] Index(IEnumerable<JsonObject> manifests, string mediaType = OciIndex)
    {
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = mediaType,
            ["manifests"] = new JsonArray(manifests.Select(manifest => (JsonNode)manifest.DeepClone()).ToArray()),
        };
        return Encoding.UTF8.GetBytes(index.ToJsonString());
    }

    /// <summary>An index entry for a manifest, with the platform that multi-architecture indexes carry.</summary>
    public static JsonObject PlatformEntry(string mediaType, byte[] manifest, string architecture)
    {
        var entry = Descriptor(mediaType, manifest);
        entry["platform"] = new JsonObject { ["architecture"] = architecture, ["os"] = "linux" };
        return entry;
    }

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> values)
    {
        var json = new JsonObject();
        foreach (var (key, value) in values)
        {
            json[key] = value;
        }

        return json;
    }
}
