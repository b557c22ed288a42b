using System.Text.Json;

namespace Registry.Grains.Manifests;

/// <summary>
/// The parser and validator of pushed manifests: OCI image manifests and indexes (image-spec 1.1),
/// and Docker schema 2 manifests and manifest lists. Every failure is a <see cref="ManifestInvalidException"/>.
/// </summary>
/// <remarks>
/// This checks the document alone. Whether the referenced blobs and manifests exist, and whether
/// the content has the digest the client named, is for the caller, which also caps the size.
/// </remarks>
public static class ManifestParser
{
    private const string OciArtifactManifest = "application/vnd.oci.artifact.manifest.v1+json";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // Two values for one key let two parsers read two different manifests from one digest.
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// Parses <paramref name="content"/>, sent with the Content-Type <paramref name="contentType"/>.
    /// Steps:
    /// 1. Parse the JSON, which must be an object.
    /// 2. Resolve the media type from the <c>mediaType</c> field, the Content-Type or the fields
    ///    present, rejecting Docker schema 1, and check that <c>schemaVersion</c> is 2.
    /// 3. Read the references: <c>config</c> and <c>layers</c>, or the entries of <c>manifests</c>.
    /// 4. Read the optional <c>subject</c>, <c>artifactType</c> and <c>annotations</c>.
    /// </summary>
    public static ParsedManifest Parse(ReadOnlySpan<byte> content, string? contentType)
    {
        // 1. JSON object
        using var document = ParseJson(content);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestInvalidException($"a manifest must be a JSON object, not {JsonFields.Describe(root)}");
        }

        // 2. Media type and schema version
        var mediaType = ResolveMediaType(root, contentType);
        RequireSchemaVersion2(root);

        // 3. References
        IReadOnlyList<ManifestReference> references;
        Descriptor? config = null;
        if (MediaTypes.IsIndex(mediaType))
        {
            RejectField(root, "config", mediaType);
            RejectField(root, "layers", mediaType);
            references = ReadIndexEntries(root, mediaType);
        }
        else
        {
            RejectField(root, "manifests", mediaType);
            config = DescriptorReader.Read(JsonFields.Require(root, "config", "$.config"), "$.config");
            references = [ToReference(config, isManifest: false), .. ReadLayers(root)];
        }

        // 4. Subject, artifact type and annotations
        var subject = JsonFields.Optional(root, "subject") is { } subjectValue
            ? ToReference(DescriptorReader.Read(subjectValue, "$.subject"), isManifest: true)
            : null;
        var artifactType = JsonFields.Optional(root, "artifactType") is { } artifactTypeValue
            ? JsonFields.ReadMediaType(artifactTypeValue, "$.artifactType")
            : null;
        var annotations = JsonFields.Optional(root, "annotations") is { } annotationsValue
            ? JsonFields.ReadStringMap(annotationsValue, "$.annotations")
            : null;

        if (config?.MediaType == MediaTypes.OciEmptyJson && artifactType is null)
        {
            throw new ManifestInvalidException(
                $"required field $.artifactType is missing, which image-spec requires when $.config.mediaType is {MediaTypes.OciEmptyJson}");
        }

        if (artifactType is null && mediaType == MediaTypes.OciImageManifest)
        {
            artifactType = config!.MediaType;
        }

        return new ParsedManifest(mediaType, references, subject, artifactType, annotations);
    }

    private static JsonDocument ParseJson(ReadOnlySpan<byte> content)
    {
        try
        {
            // JsonDocument needs memory it can keep, so the span is copied once.
            return JsonDocument.Parse(content.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ManifestInvalidException($"manifest is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// Returns the manifest's media type. The <c>mediaType</c> field wins, and a Content-Type that
    /// names a different manifest type is an error. Without the field, a manifest Content-Type
    /// decides. Without either, <c>manifests</c> means an OCI index and <c>config</c> or
    /// <c>layers</c> an OCI image manifest. A Content-Type that is no manifest type is ignored.
    /// </summary>
    private static string ResolveMediaType(JsonElement root, string? contentType)
    {
        var field = JsonFields.Optional(root, "mediaType") is { } value
            ? JsonFields.ReadString(value, "$.mediaType")
            : null;
        if (field is "")
        {
            field = null;
        }

        var header = MediaTypes.StripParameters(contentType);
        var headerType = MediaTypes.ToSupportedManifestType(header)
            ?? (MediaTypes.IsSchema1(header) ? header : null);

        var hasVersion1 = JsonFields.Optional(root, "schemaVersion") is { ValueKind: JsonValueKind.Number } version
            && version.TryGetInt32(out var number)
            && number == 1;
        if (hasVersion1 || MediaTypes.IsSchema1(field ?? headerType))
        {
            throw new ManifestInvalidException(
                "Docker schema 1 manifests are not supported. Push the image as a Docker schema 2 or OCI manifest instead.");
        }

        if (field is not null)
        {
            var fieldType = MediaTypes.ToSupportedManifestType(field) ?? throw UnsupportedMediaType(field);
            if (headerType is not null && headerType != fieldType)
            {
                throw new ManifestInvalidException(
                    $"mediaType field {field} does not match Content-Type {header}. Send the same media type in both.");
            }

            return fieldType;
        }

        if (headerType is not null)
        {
            return headerType;
        }

        var hasManifests = root.TryGetProperty("manifests", out _);
        var hasImageFields = root.TryGetProperty("config", out _) || root.TryGetProperty("layers", out _);
        return (hasManifests, hasImageFields) switch
        {
            (true, false) => MediaTypes.OciImageIndex,
            (false, true) => MediaTypes.OciImageManifest,
            (true, true) => throw new ManifestInvalidException(
                "the manifest type is ambiguous because the document has both manifests and config or layers, and neither $.mediaType nor the Content-Type names the type"),
            _ => throw new ManifestInvalidException(
                "cannot determine the manifest type because there is no $.mediaType field, the Content-Type is not a manifest media type, and the document has neither manifests nor config and layers"),
        };
    }

    private static ManifestInvalidException UnsupportedMediaType(string mediaType)
    {
        if (string.Equals(mediaType, OciArtifactManifest, StringComparison.OrdinalIgnoreCase))
        {
            return new ManifestInvalidException(
                $"$.mediaType {mediaType} is not supported because the OCI artifact manifest was dropped before image-spec 1.1.0. "
                + "Push an OCI image manifest with artifactType instead.");
        }

        return new ManifestInvalidException(
            $"$.mediaType {mediaType} is not a supported manifest media type. Use {MediaTypes.OciImageManifest}, "
            + $"{MediaTypes.OciImageIndex}, {MediaTypes.DockerManifest} or {MediaTypes.DockerManifestList}.");
    }

    private static void RequireSchemaVersion2(JsonElement root)
    {
        var version = JsonFields.Require(root, "schemaVersion", "$.schemaVersion");
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != 2)
        {
            throw JsonFields.MustBe("$.schemaVersion", "the integer 2", version);
        }
    }

    /// <summary>
    /// Rejects a field of the other manifest kind, such as <c>manifests</c> in an image manifest.
    /// Such a document reads as a different manifest to a client that goes by its fields.
    /// </summary>
    private static void RejectField(JsonElement root, string name, string mediaType)
    {
        if (root.TryGetProperty(name, out _))
        {
            throw new ManifestInvalidException($"$.{name} is not allowed in a manifest of type {mediaType}");
        }
    }

    private static List<ManifestReference> ReadLayers(JsonElement root)
    {
        var layers = JsonFields.Require(root, "layers", "$.layers");
        JsonFields.RequireArray(layers, "$.layers");

        // An empty array is valid. Image-spec says layers SHOULD have an entry but allows none for
        // artifacts, and Docker's schema 2 sets no minimum.
        var references = new List<ManifestReference>(layers.GetArrayLength());
        var index = 0;
        foreach (var layer in layers.EnumerateArray())
        {
            references.Add(ToReference(DescriptorReader.Read(layer, $"$.layers[{index}]"), isManifest: false));
            index++;
        }

        return references;
    }

    /// <summary>
    /// Reads the entries of <c>manifests</c>. An OCI index may point at content of any media type,
    /// as image-spec's artifact guidance allows, but a Docker manifest list only at manifests.
    /// </summary>
    private static List<ManifestReference> ReadIndexEntries(JsonElement root, string mediaType)
    {
        var manifests = JsonFields.Require(root, "manifests", "$.manifests");
        JsonFields.RequireArray(manifests, "$.manifests");

        var references = new List<ManifestReference>(manifests.GetArrayLength());
        var index = 0;
        foreach (var entry in manifests.EnumerateArray())
        {
            var path = $"$.manifests[{index}]";
            var descriptor = DescriptorReader.Read(entry, path);
            if (mediaType == MediaTypes.DockerManifestList && !MediaTypes.IsManifest(descriptor.MediaType))
            {
                throw new ManifestInvalidException(
                    $"{path}.mediaType {descriptor.MediaType} is not a manifest media type, which a Docker manifest list requires");
            }

            references.Add(ToReference(descriptor, isManifest: true));
            index++;
        }

        return references;
    }

    private static ManifestReference ToReference(Descriptor descriptor, bool isManifest) =>
        new(descriptor.Digest, descriptor.Size, descriptor.MediaType, isManifest);
}
