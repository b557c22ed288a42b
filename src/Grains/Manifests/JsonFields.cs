using System.Text.Json;
using Registry.Storage.Layout;

namespace Registry.Grains.Manifests;

/// <summary>
/// Typed readers for the fields of a manifest's JSON. Each method takes the JSON path of the value
/// it reads and throws <see cref="ManifestInvalidException"/> naming that path when the value is wrong.
/// </summary>
internal static class JsonFields
{
    private const int MaxQuotedLength = 100;

    public static JsonElement Require(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value)
            ? value
            : throw new ManifestInvalidException($"required field {path} is missing");

    /// <summary>
    /// Returns the field, or <c>null</c> when it is absent or JSON <c>null</c>. Go's encoding/json,
    /// which distribution, Docker and containerd use, also reads an explicit <c>null</c> as absent.
    /// </summary>
    public static JsonElement? Optional(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static void RequireObject(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw MustBe(path, "an object", value);
        }
    }

    public static void RequireArray(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw MustBe(path, "an array", value);
        }
    }

    public static string ReadString(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw MustBe(path, "a string", value);
        }

        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // A \uD800-style escape without its other half is valid JSON syntax but not a string.
            throw new ManifestInvalidException($"{path} contains an unpaired UTF-16 surrogate escape", e);
        }
    }

    public static string ReadMediaType(JsonElement value, string path)
    {
        var mediaType = ReadString(value, path);
        if (!MediaTypes.IsWellFormed(mediaType))
        {
            throw new ManifestInvalidException(
                $"{path} must be a media type of the form type/subtype (RFC 6838), not {Quote(value)}");
        }

        return mediaType;
    }

    public static Digest ReadDigest(JsonElement value, string path)
    {
        var text = ReadString(value, path);
        return Digest.TryParse(text, out var digest, out var error)
            ? digest
            : throw new ManifestInvalidException($"{path} is invalid: {error}");
    }

    /// <summary>Reads a byte count: a JSON integer from 0 to <see cref="long.MaxValue"/>, never a float or a string.</summary>
    public static long ReadSize(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var size) || size < 0)
        {
            throw MustBe(path, "a non-negative 64-bit integer", value);
        }

        return size;
    }

    public static IReadOnlyList<string> ReadStringArray(JsonElement value, string path)
    {
        RequireArray(value, path);
        var items = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add(ReadString(item, $"{path}[{index}]"));
            index++;
        }

        return items;
    }

    /// <summary>Reads a string-to-string map such as <c>annotations</c>.</summary>
    public static IReadOnlyDictionary<string, string> ReadStringMap(JsonElement value, string path)
    {
        RequireObject(value, path);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            string key;
            try
            {
                key = property.Name;
            }
            catch (InvalidOperationException e)
            {
                throw new ManifestInvalidException($"a key of {path} contains an unpaired UTF-16 surrogate escape", e);
            }

            map[key] = ReadString(property.Value, $"{path}[\"{key}\"]");
        }

        return map;
    }

    public static ManifestInvalidException MustBe(string path, string expected, JsonElement actual) =>
        new($"{path} must be {expected}, not {Describe(actual)}");

    /// <summary>Describes a JSON value for a message: its kind, and its text when it is short enough to help.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {Quote(value)}",
        JsonValueKind.Number => $"the number {Quote(value)}",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    /// <summary>Returns the value's JSON text as it was sent, cut to <see cref="MaxQuotedLength"/> characters.</summary>
    private static string Quote(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= MaxQuotedLength ? raw : string.Concat(raw.AsSpan(0, MaxQuotedLength), "…");
    }
}
