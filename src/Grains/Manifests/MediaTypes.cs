namespace Registry.Grains.Manifests;

/// <summary>
/// Media types of the OCI image specification (v1.1) and of Docker's image manifest v2 schema 2,
/// and the checks the registry makes on them.
/// </summary>
public static class MediaTypes
{
    public const string OciImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciImageConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>The <c>{}</c> blob that artifacts without a config or layers point at.</summary>
    public const string OciEmptyJson = "application/vnd.oci.empty.v1+json";

    public const string OciLayerTar = "application/vnd.oci.image.layer.v1.tar";
    public const string OciLayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string OciLayerTarZstd = "application/vnd.oci.image.layer.v1.tar+zstd";

    // Non-distributable layers are deprecated since image-spec 1.1.0 but still appear in old images.
    public const string OciNondistributableLayerTar = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public const string OciNondistributableLayerTarGzip = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public const string OciNondistributableLayerTarZstd = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";

    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerContainerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerPluginConfig = "application/vnd.docker.plugin.v1+json";
    public const string DockerLayerTarGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerForeignLayerTarGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /// <summary>Docker image manifest schema 1, unsigned. The registry rejects it.</summary>
    public const string DockerManifestSchema1 = "application/vnd.docker.distribution.manifest.v1+json";

    /// <summary>Docker image manifest schema 1, signed with JWS. The registry rejects it.</summary>
    public const string DockerManifestSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    private const int MaxRestrictedNameLength = 127;

    /// <summary>
    /// Returns whether <paramref name="mediaType"/> is one of the four manifest kinds the registry
    /// stores: OCI image manifest, OCI image index, Docker schema 2 manifest and Docker manifest list.
    /// The comparison ignores case, as RFC 6838 does, but not parameters: strip those first.
    /// </summary>
    public static bool IsManifest(string? mediaType) => ToSupportedManifestType(mediaType) is not null;

    /// <summary>Returns whether <paramref name="mediaType"/> is an OCI image index or a Docker manifest list.</summary>
    public static bool IsIndex(string? mediaType) =>
        string.Equals(mediaType, OciImageIndex, StringComparison.OrdinalIgnoreCase)
        || string.Equals(mediaType, DockerManifestList, StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns whether <paramref name="mediaType"/> is one of the two Docker schema 1 types.</summary>
    public static bool IsSchema1(string? mediaType) =>
        string.Equals(mediaType, DockerManifestSchema1, StringComparison.OrdinalIgnoreCase)
        || string.Equals(mediaType, DockerManifestSchema1Signed, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Returns whether <paramref name="mediaType"/> has the form <c>type/subtype</c> of RFC 6838
    /// section 4.2, without parameters. Each name starts with a letter or digit, continues with
    /// letters, digits and <c>! # $ &amp; - ^ _ . +</c>, and is at most 127 characters long.
    /// </summary>
    public static bool IsWellFormed(string? mediaType)
    {
        if (string.IsNullOrEmpty(mediaType))
        {
            return false;
        }

        var slash = mediaType.IndexOf('/');
        return slash > 0
            && IsRestrictedName(mediaType.AsSpan(0, slash))
            && IsRestrictedName(mediaType.AsSpan(slash + 1));
    }

    /// <summary>
    /// Returns the canonical constant for one of the four supported manifest types, or <c>null</c>
    /// for any other value. Case is ignored.
    /// </summary>
    internal static string? ToSupportedManifestType(string? mediaType)
    {
        foreach (var supported in (ReadOnlySpan<string>)[OciImageManifest, OciImageIndex, DockerManifest, DockerManifestList])
        {
            if (string.Equals(mediaType, supported, StringComparison.OrdinalIgnoreCase))
            {
                return supported;
            }
        }

        return null;
    }

    /// <summary>Returns the bare media type of a Content-Type header value, without parameters or spaces.</summary>
    internal static string? StripParameters(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';');
        var bare = semicolon < 0 ? contentType : contentType[..semicolon];
        return bare.Trim();
    }

    private static bool IsRestrictedName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxRestrictedNameLength || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name[1..])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('!' or '#' or '$' or '&' or '-' or '^' or '_' or '.' or '+'))
            {
                return false;
            }
        }

        return true;
    }
}
