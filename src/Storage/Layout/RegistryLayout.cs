namespace Registry.Storage.Layout;

/// <summary>
/// The one place that maps registry objects to driver paths, in distribution's layout, so that a
/// tree written by distribution (registry:2) is served as it is, and the reverse:
/// <code>
/// /docker/registry/v2/
///   blobs/&lt;algorithm&gt;/&lt;first two hex digits&gt;/&lt;hex&gt;/data
///   repositories/&lt;name&gt;/
///     _manifests/
///       revisions/&lt;algorithm&gt;/&lt;hex&gt;/link          contains the digest
///       tags/&lt;tag&gt;/current/link                       contains the digest the tag points at
///       tags/&lt;tag&gt;/index/&lt;algorithm&gt;/&lt;hex&gt;/link   every digest the tag ever pointed at
///     _layers/&lt;algorithm&gt;/&lt;hex&gt;/link              the blob is linked into this repository
///     _uploads/&lt;id&gt;/
///       data                                         bytes received so far
///       startedat                                    RFC 3339 start time
///       hashstates/&lt;algorithm&gt;/&lt;offset&gt;             hash state after offset bytes
/// </code>
/// </summary>
public static class RegistryLayout
{
    public const string Root = "/docker/registry/v2";
    public const string BlobsRoot = Root + "/blobs";
    public const string RepositoriesRoot = Root + "/repositories";

    /// <summary>The directory names inside a repository that are not part of a nested repository name.</summary>
    public const string ManifestsDirectory = "_manifests";
    public const string LayersDirectory = "_layers";
    public const string UploadsDirectory = "_uploads";

    public static string BlobData(Digest digest) => $"{BlobDirectory(digest)}/data";

    public static string BlobDirectory(Digest digest) =>
        $"{BlobsRoot}/{digest.Algorithm}/{digest.Hex[..2]}/{digest.Hex}";

    public static string Repository(RepositoryName name) => $"{RepositoriesRoot}/{name.Value}";

    public static string Manifests(RepositoryName name) => $"{Repository(name)}/{ManifestsDirectory}";

    public static string ManifestRevisions(RepositoryName name) => $"{Manifests(name)}/revisions";

    public static string ManifestRevision(RepositoryName name, Digest digest) =>
        $"{ManifestRevisions(name)}/{digest.Algorithm}/{digest.Hex}";

    public static string ManifestRevisionLink(RepositoryName name, Digest digest) => $"{ManifestRevision(name, digest)}/link";

    public static string Tags(RepositoryName name) => $"{Manifests(name)}/tags";

    public static string Tag(RepositoryName name, Tag tag) => $"{Tags(name)}/{tag.Value}";

    public static string TagCurrentLink(RepositoryName name, Tag tag) => $"{Tag(name, tag)}/current/link";

    public static string TagIndexLink(RepositoryName name, Tag tag, Digest digest) =>
        $"{Tag(name, tag)}/index/{digest.Algorithm}/{digest.Hex}/link";

    public static string Layers(RepositoryName name) => $"{Repository(name)}/{LayersDirectory}";

    public static string Layer(RepositoryName name, Digest digest) => $"{Layers(name)}/{digest.Algorithm}/{digest.Hex}";

    public static string LayerLink(RepositoryName name, Digest digest) => $"{Layer(name, digest)}/link";

    public static string Uploads(RepositoryName name) => $"{Repository(name)}/{UploadsDirectory}";

    public static string Upload(RepositoryName name, string uploadId) => $"{Uploads(name)}/{uploadId}";

    public static string UploadData(RepositoryName name, string uploadId) => $"{Upload(name, uploadId)}/data";

    public static string UploadStartedAt(RepositoryName name, string uploadId) => $"{Upload(name, uploadId)}/startedat";

    public static string UploadHashStates(RepositoryName name, string uploadId, string algorithm) =>
        $"{Upload(name, uploadId)}/hashstates/{algorithm}";

    public static string UploadHashState(RepositoryName name, string uploadId, string algorithm, long offset) =>
        $"{UploadHashStates(name, uploadId, algorithm)}/{offset}";

    /// <summary>The content of a link file: the digest as text, as distribution writes it (no newline).</summary>
    public static byte[] LinkContent(Digest digest) => System.Text.Encoding.ASCII.GetBytes(digest.ToString());

    /// <summary>Parses a link file; <c>null</c> when its content is not a valid digest.</summary>
    public static Digest? ParseLink(ReadOnlySpan<byte> content)
    {
        var text = System.Text.Encoding.ASCII.GetString(content).Trim();
        return Digest.TryParse(text, out var digest) ? digest : null;
    }
}
