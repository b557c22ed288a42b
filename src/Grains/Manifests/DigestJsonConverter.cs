using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Storage.Layout;

namespace Registry.Grains.Manifests;

/// <summary>Writes a <see cref="Digest"/> as its <c>algorithm:hex</c> string and parses it back.</summary>
public sealed class DigestJsonConverter : JsonConverter<Digest>
{
    public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"a digest must be a JSON string, not {reader.TokenType}");
        }

        return Digest.TryParse(reader.GetString(), out var digest, out var error)
            ? digest
            : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
