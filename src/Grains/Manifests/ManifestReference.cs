using Registry.Storage.Layout;

namespace Registry.Grains.Manifests;

/// <summary>
/// Content that a manifest points at. <see cref="IsManifest"/> is true for the entries of an
/// index's <c>manifests</c> and for a <c>subject</c>, which the registry stores as manifests, and
/// false for a config or a layer, which it stores as blobs.
/// </summary>
public sealed record ManifestReference(Digest Digest, long Size, string MediaType, bool IsManifest);
