namespace Registry.Grains.Manifests;

/// <summary>
/// The fields of a valid manifest that the registry stores and indexes.
/// </summary>
/// <param name="MediaType">
/// The manifest's media type: one of the four constants that <see cref="MediaTypes.IsManifest"/>
/// accepts, in its canonical spelling.
/// </param>
/// <param name="References">
/// The config and then the layers of an image manifest, or the entries of an index's
/// <c>manifests</c>, in document order and with any repeats kept.
/// </param>
/// <param name="Subject">The manifest named by <c>subject</c>, which this one refers to, if any.</param>
/// <param name="ArtifactType">
/// The type that the OCI referrers API reports: the manifest's <c>artifactType</c>, else for an OCI
/// image manifest its config's media type, else <c>null</c>.
/// </param>
/// <param name="Annotations">The manifest's top-level <c>annotations</c>, if any.</param>
public sealed record ParsedManifest(
    string MediaType,
    IReadOnlyList<ManifestReference> References,
    ManifestReference? Subject,
    string? ArtifactType,
    IReadOnlyDictionary<string, string>? Annotations);
