using System.Security.Cryptography;
using System.Text.Json;
using Registry.Storage.Layout;

namespace Registry.Grains.Manifests;

/// <summary>
/// The reader and validator of one descriptor of a manifest (a config, a layer, an index entry or
/// a subject), by the rules of the OCI image-spec 1.1 descriptor.
/// </summary>
internal static class DescriptorReader
{
    /// <summary>
    /// Reads the descriptor at <paramref name="path"/>. Checks, in order: <c>mediaType</c>,
    /// <c>digest</c> and <c>size</c> (required), then <c>urls</c>, <c>annotations</c>,
    /// <c>artifactType</c>, <c>data</c> and <c>platform</c> when present. Other fields are ignored.
    /// </summary>
    public static Descriptor Read(JsonElement value, string path)
    {
        JsonFields.RequireObject(value, path);

        var mediaType = ReadRequiredMediaType(value, path);
        var digest = JsonFields.ReadDigest(JsonFields.Require(value, "digest", $"{path}.digest"), $"{path}.digest");
        var size = JsonFields.ReadSize(JsonFields.Require(value, "size", $"{path}.size"), $"{path}.size");

        return new Descriptor
        {
            MediaType = mediaType,
            Digest = digest,
            Size = size,
            Urls = JsonFields.Optional(value, "urls") is { } urls ? ReadUrls(urls, $"{path}.urls") : null,
            Annotations = JsonFields.Optional(value, "annotations") is { } annotations
                ? JsonFields.ReadStringMap(annotations, $"{path}.annotations")
                : null,
            ArtifactType = JsonFields.Optional(value, "artifactType") is { } artifactType
                ? JsonFields.ReadMediaType(artifactType, $"{path}.artifactType")
                : null,
            Data = JsonFields.Optional(value, "data") is { } data ? ReadData(data, path, digest, size) : null,
            Platform = JsonFields.Optional(value, "platform") is { } platform ? ReadPlatform(platform, $"{path}.platform") : null,
        };
    }

    private static string ReadRequiredMediaType(JsonElement descriptor, string path)
    {
        var value = JsonFields.Require(descriptor, "mediaType", $"{path}.mediaType");
        if (value.ValueKind == JsonValueKind.String && value.GetString() is "")
        {
            throw new ManifestInvalidException($"{path}.mediaType must not be empty");
        }

        return JsonFields.ReadMediaType(value, $"{path}.mediaType");
    }

    /// <summary>Reads <c>urls</c>: strings that are absolute URIs with an explicit scheme (RFC 3986).</summary>
    private static IReadOnlyList<string> ReadUrls(JsonElement value, string path)
    {
        var urls = JsonFields.ReadStringArray(value, path);
        for (var i = 0; i < urls.Count; i++)
        {
            // NOTE: Uri.TryCreate also accepts "/x" as file:///x on Unix, so the scheme must be in the text.
            var url = urls[i];
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || !url.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase))
            {
                throw new ManifestInvalidException($"{path}[{i}] must be an absolute URL, not \"{url}\"");
            }
        }

        return urls;
    }

    /// <summary>
    /// Reads <c>data</c>, the content embedded as base64, and checks that it is the content that
    /// <c>size</c> and <c>digest</c> describe.
    /// </summary>
    private static string ReadData(JsonElement value, string descriptorPath, Digest digest, long size)
    {
        var path = $"{descriptorPath}.data";
        var text = JsonFields.ReadString(value, path);

        var buffer = new byte[text.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var length))
        {
            throw new ManifestInvalidException($"{path} is not valid base64");
        }

        if (length != size)
        {
            throw new ManifestInvalidException(
                $"{path} decodes to {length} bytes, but {descriptorPath}.size is {size}");
        }

        var content = buffer.AsSpan(0, length);
        var hash = digest.Algorithm == Digest.Sha512 ? SHA512.HashData(content) : SHA256.HashData(content);
        var actual = Digest.FromHash(digest.Algorithm, hash);
        if (actual != digest)
        {
            throw new ManifestInvalidException(
                $"{path} has digest {actual}, but {descriptorPath}.digest is {digest}");
        }

        return text;
    }

    /// <summary>
    /// Checks the types of the known <c>platform</c> fields and returns the object unchanged. The
    /// fields that image-spec marks required (<c>architecture</c>, <c>os</c>) may be missing, because
    /// the registry only stores the platform and a stricter check would only reject pushes.
    /// </summary>
    private static JsonElement ReadPlatform(JsonElement value, string path)
    {
        JsonFields.RequireObject(value, path);

        foreach (var name in (ReadOnlySpan<string>)["architecture", "os", "os.version", "variant"])
        {
            if (JsonFields.Optional(value, name) is { } field)
            {
                JsonFields.ReadString(field, FieldPath(path, name));
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["os.features", "features"])
        {
            if (JsonFields.Optional(value, name) is { } field)
            {
                JsonFields.ReadStringArray(field, FieldPath(path, name));
            }
        }

        return value.Clone();
    }

    // Names with a dot, such as os.version, need bracket notation to stay one step of the path.
    private static string FieldPath(string path, string name) =>
        name.Contains('.') ? $"{path}[\"{name}\"]" : $"{path}.{name}";
}
