namespace Registry.EndToEndTests.Infrastructure.ObjectStores;

/// <summary>
/// The keys that distribution's storage layout writes for a pushed image, relative to its
/// <c>docker/registry/v2/</c> tree: one <c>data</c> object per blob, and the link files of the
/// repository's layers, manifest revision and tag.
/// </summary>
public static class RegistryLayout
{
    /// <summary>Returns the keys of the image <paramref name="image"/> pushed as <paramref name="repository"/>:<paramref name="tag"/>.</summary>
    public static IEnumerable<string> ImageKeys(string repository, string tag, TestImage image)
    {
        var manifestHex = Hex(image.Digest);
        yield return BlobKey(image.Digest);
        yield return $"repositories/{repository}/_manifests/revisions/sha256/{manifestHex}/link";
        yield return $"repositories/{repository}/_manifests/tags/{tag}/current/link";
        yield return $"repositories/{repository}/_manifests/tags/{tag}/index/sha256/{manifestHex}/link";

        foreach (var digest in image.LayerDigests.Prepend(image.ConfigDigest))
        {
            yield return BlobKey(digest);
            yield return $"repositories/{repository}/_layers/sha256/{Hex(digest)}/link";
        }
    }

    /// <summary>
    /// Returns the sorted, distinct keys of several pushes: (repository, tag, image) each. Blobs
    /// shared by images appear once, as they do in the store.
    /// </summary>
    public static IReadOnlyList<string> ExpectedKeys(IEnumerable<(string Repository, string Tag, TestImage Image)> pushes) =>
        pushes.SelectMany(push => ImageKeys(push.Repository, push.Tag, push.Image))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string BlobKey(string digest)
    {
        var hex = Hex(digest);
        return $"blobs/sha256/{hex[..2]}/{hex}/data";
    }

    private static string Hex(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal)
            ? digest["sha256:".Length..]
            : throw new FormatException($"'{digest}' is not a sha256 digest.");
}
