namespace Registry.Storage.Drivers.Swift;

/// <summary>What a HEAD of an object returns.</summary>
/// <param name="DynamicManifest">The <c>X-Object-Manifest</c> value (<c>container/prefix</c>) of a DLO manifest, or null.</param>
internal sealed record SwiftObjectInfo(long Size, DateTimeOffset ModifiedAt, bool IsStaticLargeObject, string? DynamicManifest)
{
    public bool IsManifest => IsStaticLargeObject || DynamicManifest is not null;
}

/// <summary>One row of a JSON container listing: an object, or a <c>subdir</c> when listed with a delimiter.</summary>
internal sealed record SwiftListEntry(string Name, long Size, DateTimeOffset ModifiedAt, bool IsSubdirectory, bool IsStaticLargeObject, string Hash = "");

/// <summary>One segment of a large object.</summary>
/// <param name="Etag">The segment's MD5 in hex, as Swift reports it.</param>
internal sealed record SwiftSegment(string Container, string Name, string Etag, long Size)
{
    /// <summary>The segment as a manifest names it: <c>/container/object</c>.</summary>
    public string ManifestPath => "/" + Container + "/" + Name;
}

/// <summary>
/// What an object is made of: its own bytes (<see cref="Segments"/> empty) or, for a manifest, its segments in order.
/// </summary>
internal sealed record SwiftStoredObject(SwiftObjectInfo Info, IReadOnlyList<SwiftSegment> Segments);
