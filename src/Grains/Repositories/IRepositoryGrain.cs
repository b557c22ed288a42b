using Registry.Grains.Catalog;
using Registry.Storage.Layout;

namespace Registry.Grains.Repositories;

/// <summary>
/// One repository, keyed by its name. It orders every change to the repository's tags, manifests
/// and layer links, and keeps them in memory after the first load.
/// </summary>
public interface IRepositoryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Validates and stores a manifest, and points <paramref name="tag"/> at it when given. Every blob
    /// and child manifest it references must exist in this repository.
    /// </summary>
    [Alias("PutManifest")]
    Task<ManifestPutResult> PutManifestAsync(byte[] content, string? contentType, Digest digest, Tag? tag);

    /// <summary>Returns the manifest a tag points at, or <c>null</c> when the tag is unknown.</summary>
    [Alias("GetManifestByTag")]
    [ReadOnly]
    Task<ManifestContent?> GetManifestByTagAsync(Tag tag);

    /// <summary>Returns a manifest of this repository, or <c>null</c> when it is unknown here.</summary>
    [Alias("GetManifestByDigest")]
    [ReadOnly]
    Task<ManifestContent?> GetManifestByDigestAsync(Digest digest);

    /// <summary>Deletes a manifest and every tag that points at it; <c>false</c> when it is unknown.</summary>
    [Alias("DeleteManifest")]
    Task<bool> DeleteManifestAsync(Digest digest);

    /// <summary>Deletes one tag, leaving the manifest; <c>false</c> when it is unknown.</summary>
    [Alias("DeleteTag")]
    Task<bool> DeleteTagAsync(Tag tag);

    /// <summary>Returns up to <paramref name="limit"/> tags after <paramref name="last"/>, sorted.</summary>
    [Alias("ListTags")]
    [ReadOnly]
    Task<NamePage> ListTagsAsync(string? last, int limit);

    /// <summary>Returns the manifests whose <c>subject</c> is <paramref name="subject"/>, optionally of one artifact type.</summary>
    [Alias("ListReferrers")]
    [ReadOnly]
    Task<IReadOnlyList<ReferrerDescriptor>> ListReferrersAsync(Digest subject, string? artifactType);

    /// <summary>
    /// Returns the size of a blob (or manifest) linked into this repository, or <c>null</c> when it
    /// is not linked here or no longer exists.
    /// </summary>
    /// <remarks>
    /// Always interleaved: it only reads memory before asking the blob grain, and two repositories
    /// that mount from each other at once would otherwise wait on each other's busy turn.
    /// </remarks>
    [Alias("StatBlob")]
    [AlwaysInterleave]
    Task<long?> StatBlobAsync(Digest digest);

    /// <summary>Links an existing blob into this repository (after an upload completed).</summary>
    [Alias("LinkBlob")]
    Task LinkBlobAsync(Digest digest);

    /// <summary>
    /// Links a blob of repository <paramref name="source"/> into this one without a copy. Returns the
    /// size, or <c>null</c> when the source does not have it.
    /// </summary>
    [Alias("MountBlob")]
    Task<long?> MountBlobAsync(Digest digest, RepositoryName source);

    /// <summary>Removes this repository's link to a blob; <c>false</c> when it was not linked.</summary>
    [Alias("UnlinkBlob")]
    Task<bool> UnlinkBlobAsync(Digest digest);
}

/// <summary>A stored manifest as it is served.</summary>
[GenerateSerializer, Immutable]
public sealed record ManifestContent(
    [property: Id(0)] Digest Digest,
    [property: Id(1)] string MediaType,
    [property: Id(2)] byte[] Content,
    [property: Id(3)] Digest? Subject);

/// <summary>The outcome of a manifest put.</summary>
[GenerateSerializer, Immutable]
public sealed record ManifestPutResult([property: Id(0)] Digest Digest, [property: Id(1)] Digest? Subject);

/// <summary>A descriptor of the referrers API: a manifest that names a subject.</summary>
[GenerateSerializer, Immutable]
public sealed record ReferrerDescriptor(
    [property: Id(0)] string MediaType,
    [property: Id(1)] Digest Digest,
    [property: Id(2)] long Size,
    [property: Id(3)] string? ArtifactType,
    [property: Id(4)] IReadOnlyDictionary<string, string>? Annotations);
