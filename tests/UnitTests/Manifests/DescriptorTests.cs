using System.Text.Encodings.Web;
using System.Text.Json;
using Registry.Grains.Manifests;
using Registry.Storage.Layout;

namespace Registry.UnitTests.Manifests;

public sealed class DescriptorTests
{
    private const string LayerDigest = "sha256:9834876dcfb05cb167a5c24953eba58c4ac89b1adf57f28f2f9d09af107ee8f0";

    // The default encoder writes the '+' of media types as \u002B.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Serialize_RequiredFieldsOnly_OmitsOptionalFields()
    {
        var descriptor = new Descriptor { MediaType = MediaTypes.OciLayerTarGzip, Digest = Digest.Parse(LayerDigest), Size = 32654 };

        var json = JsonSerializer.Serialize(descriptor, Options);

        Assert.Equal($$"""{"mediaType":"{{MediaTypes.OciLayerTarGzip}}","digest":"{{LayerDigest}}","size":32654}""", json);
    }

    [Fact]
    public void Deserialize_AllFields_RoundTrips()
    {
        var json = $$"""
            {
              "mediaType": "{{MediaTypes.OciImageManifest}}",
              "digest": "{{LayerDigest}}",
              "size": 7,
              "urls": ["https://example.com/a"],
              "annotations": { "k": "v" },
              "data": "e30=",
              "artifactType": "application/vnd.example+json",
              "platform": { "architecture": "amd64", "os": "linux" }
            }
            """;

        var descriptor = JsonSerializer.Deserialize<Descriptor>(json)!;
        var written = JsonSerializer.Serialize(descriptor);

        Assert.Equal(Digest.Parse(LayerDigest), descriptor.Digest);
        Assert.Equal(["https://example.com/a"], descriptor.Urls!);
        Assert.Equal("v", descriptor.Annotations!["k"]);
        Assert.Equal("e30=", descriptor.Data);
        Assert.Equal("application/vnd.example+json", descriptor.ArtifactType);
        Assert.Equal("linux", descriptor.Platform!.Value.GetProperty("os").GetString());
        Assert.Equal(
            JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement),
            written);
    }

    [Fact]
    public void Deserialize_UppercaseDigest_ThrowsJsonException()
    {
        var json = $$"""{"mediaType": "a/b", "digest": "{{LayerDigest.ToUpperInvariant()}}", "size": 1}""";

        var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Descriptor>(json));

        Assert.Contains("SHA256", exception.Message, StringComparison.Ordinal);
    }
}
