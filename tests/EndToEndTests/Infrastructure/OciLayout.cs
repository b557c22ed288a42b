using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.EndToEndTests.Infrastructure;

/// <summary>
/// An OCI image layout directory: <c>oci-layout</c>, <c>index.json</c> and
/// <c>blobs/ALGORITHM/HEX</c>, as make-test-image.sh writes and <c>skopeo copy … oci:DIR:TAG</c> pulls.
/// </summary>
public sealed class OciLayout(string directory)
{
    private const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    public string Directory { get; } = directory;

    public static string ComputeDigest(ReadOnlySpan<byte> content) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public string BlobPath(string digest)
    {
        var separator = digest.IndexOf(':');
        if (separator <= 0 || separator == digest.Length - 1)
        {
            throw new FormatException($"'{digest}' is not a digest of the form algorithm:hex.");
        }

        return Path.Combine(Directory, "blobs", digest[..separator], digest[(separator + 1)..]);
    }

    public byte[] ReadBlob(string digest) => File.ReadAllBytes(BlobPath(digest));

    public JsonElement ReadJsonBlob(string digest) => Json.Parse(ReadBlob(digest));

    /// <summary>Returns the digest of the manifest or index that index.json tags <paramref name="tag"/>.</summary>
    public string ResolveTag(string tag)
    {
        var index = Json.Parse(File.ReadAllBytes(Path.Combine(Directory, "index.json")));
        var tagged = index.GetProperty("manifests").EnumerateArray()
            .Where(descriptor => descriptor.TryGetProperty("annotations", out var annotations)
                && annotations.TryGetProperty(RefNameAnnotation, out var name)
                && name.GetString() == tag)
            .ToList();
        Assert.True(tagged.Count == 1, $"index.json of {Directory} has {tagged.Count} entries tagged '{tag}', expected 1: {index}");
        return tagged[0].GetProperty("digest").GetString()!;
    }

    /// <summary>Returns the digest of the manifest for <paramref name="architecture"/> in the image index <paramref name="indexDigest"/>.</summary>
    public string FindPlatformManifest(string indexDigest, string architecture)
    {
        var index = ReadJsonBlob(indexDigest);
        var matches = index.GetProperty("manifests").EnumerateArray()
            .Where(descriptor => descriptor.GetProperty("platform").GetProperty("architecture").GetString() == architecture)
            .ToList();
        Assert.True(matches.Count == 1, $"index {indexDigest} has {matches.Count} manifests for {architecture}, expected 1: {index}");
        return matches[0].GetProperty("digest").GetString()!;
    }

    /// <summary>Returns the digests of every file under blobs/, as "algorithm:hex", sorted ordinally.</summary>
    public IReadOnlyList<string> ListBlobDigests()
    {
        var blobs = Path.Combine(Directory, "blobs");
        return System.IO.Directory.EnumerateFiles(blobs, "*", SearchOption.AllDirectories)
            .Select(path => $"{Path.GetFileName(Path.GetDirectoryName(path))}:{Path.GetFileName(path)}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Writes <paramref name="content"/> as a sha256 blob and returns its digest.</summary>
    public string WriteBlob(byte[] content)
    {
        var digest = ComputeDigest(content);
        var path = BlobPath(digest);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return digest;
    }

    /// <summary>
    /// Writes an OCI image index of the manifests tagged <paramref name="manifestTags"/>, each with the
    /// platform of its config, and makes it the only entry of index.json, tagged <paramref name="tag"/>.
    /// The layout then contains exactly one multi-platform image. Returns the digest of the index.
    /// </summary>
    public string ReplaceWithIndex(string tag, IReadOnlyList<string> manifestTags)
    {
        var manifests = new JsonArray();
        foreach (var manifestTag in manifestTags)
        {
            var digest = ResolveTag(manifestTag);
            var manifest = ReadBlob(digest);
            var config = ReadJsonBlob(Json.Parse(manifest).GetProperty("config").GetProperty("digest").GetString()!);
            manifests.Add(new JsonObject
            {
                ["mediaType"] = MediaTypes.OciManifest,
                ["digest"] = digest,
                ["size"] = manifest.Length,
                ["platform"] = new JsonObject
                {
                    ["architecture"] = config.GetProperty("architecture").GetString(),
                    ["os"] = config.GetProperty("os").GetString(),
                },
            });
        }

        var imageIndex = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciIndex,
            ["manifests"] = manifests,
        };
        var indexBytes = Encoding.UTF8.GetBytes(imageIndex.ToJsonString());
        var indexDigest = WriteBlob(indexBytes);

        var layoutIndex = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = MediaTypes.OciIndex,
                ["digest"] = indexDigest,
                ["size"] = indexBytes.Length,
                ["annotations"] = new JsonObject { [RefNameAnnotation] = tag },
            }),
        };
        File.WriteAllText(Path.Combine(Directory, "index.json"), layoutIndex.ToJsonString());
        return indexDigest;
    }

    /// <summary>Asserts that both layouts contain the same set of blobs and that each pair is byte-identical.</summary>
    public static void AssertSameBlobs(OciLayout expected, OciLayout actual)
    {
        var expectedDigests = expected.ListBlobDigests();
        Assert.Equal(expectedDigests, actual.ListBlobDigests());
        foreach (var digest in expectedDigests)
        {
            var expectedBytes = expected.ReadBlob(digest);
            var actualBytes = actual.ReadBlob(digest);
            Assert.True(
                expectedBytes.AsSpan().SequenceEqual(actualBytes),
                $"blob {digest} differs: {expected.BlobPath(digest)} has {expectedBytes.Length} bytes, " +
                $"{actual.BlobPath(digest)} has {actualBytes.Length} bytes");
        }
    }

    /// <summary>Asserts that the content of every sha256 blob hashes to its file name.</summary>
    public void AssertBlobDigestsValid()
    {
        foreach (var digest in ListBlobDigests())
        {
            Assert.Equal(digest, ComputeDigest(ReadBlob(digest)));
        }
    }
}
