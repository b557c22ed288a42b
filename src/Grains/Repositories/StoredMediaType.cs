using System.Text.Json;
using Registry.Grains.Manifests;

namespace Registry.Grains.Repositories;

/// <summary>
/// The media type of stored manifest content that no longer passes validation, such as a schema 1
/// manifest written by distribution: the declared <c>mediaType</c>, else the signed schema 1 type
/// for <c>schemaVersion</c> 1, else the OCI image manifest type.
/// </summary>
internal static class StoredMediaType
{
    public static string Detect(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("mediaType", out var mediaType) && mediaType.ValueKind == JsonValueKind.String)
                {
                    return mediaType.GetString()!;
                }

                if (root.TryGetProperty("schemaVersion", out var version) && version.ValueKind == JsonValueKind.Number && version.GetInt32() == 1)
                {
                    return MediaTypes.DockerManifestSchema1Signed;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: fall through to the default.
        }

        return MediaTypes.OciImageManifest;
    }
}
