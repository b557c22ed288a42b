using System.Text;
using System.Text.Json.Nodes;
using Registry.Grains.Manifests;
using Registry.Storage.Layout;

namespace Registry.UnitTests.Manifests;

public sealed class ManifestParserTests
{
    private const string ConfigDigest = "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7";
    private const string LayerDigest = "sha256:9834876dcfb05cb167a5c24953eba58c4ac89b1adf57f28f2f9d09af107ee8f0";
    private const string SecondLayerDigest = "sha256:3c3a4604a545cdc127456d94e421cd355bca5b528f4a9c1905b15da2eb4a4c6b";
    private const string AmdManifestDigest = "sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270";
    private const string ArmManifestDigest = "sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f";
    private const string SubjectDigest = "sha256:ec4b8955958665577945c89419d1af06b5f7636b4ac3da7f12184802ad867736";

    // The two bytes "{}", which image-spec's empty descriptor points at.
    private const string EmptyJsonDigest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    private const string EmptyJsonSha512Digest =
        "sha512:27c74670adb75075fad058d5ceaf7b20c4e7786c83bae8a32f626f9782af34c9a33c2046ef60fd2a7878d378e29fec851806bbd9a67878f3a9f1cda4830763fd";

    private const string OciManifest = $$"""
        {
          "schemaVersion": 2,
          "mediaType": "{{MediaTypes.OciImageManifest}}",
          "config": { "mediaType": "{{MediaTypes.OciImageConfig}}", "digest": "{{ConfigDigest}}", "size": 7023 },
          "layers": [
            { "mediaType": "{{MediaTypes.OciLayerTarGzip}}", "digest": "{{LayerDigest}}", "size": 32654 },
            { "mediaType": "{{MediaTypes.OciLayerTarGzip}}", "digest": "{{SecondLayerDigest}}", "size": 16724 }
          ],
          "annotations": { "com.example.key1": "value1" }
        }
        """;

    private const string OciIndex = $$"""
        {
          "schemaVersion": 2,
          "mediaType": "{{MediaTypes.OciImageIndex}}",
          "manifests": [
            {
              "mediaType": "{{MediaTypes.OciImageManifest}}",
              "digest": "{{AmdManifestDigest}}",
              "size": 7682,
              "platform": { "architecture": "amd64", "os": "linux" }
            },
            {
              "mediaType": "{{MediaTypes.OciImageManifest}}",
              "digest": "{{ArmManifestDigest}}",
              "size": 7143,
              "platform": { "architecture": "arm64", "os": "linux", "variant": "v8", "os.features": ["x"] }
            }
          ]
        }
        """;

    private const string DockerManifest = $$"""
        {
          "schemaVersion": 2,
          "mediaType": "{{MediaTypes.DockerManifest}}",
          "config": { "mediaType": "{{MediaTypes.DockerContainerConfig}}", "digest": "{{ConfigDigest}}", "size": 7023 },
          "layers": [
            { "mediaType": "{{MediaTypes.DockerLayerTarGzip}}", "digest": "{{LayerDigest}}", "size": 32654 }
          ]
        }
        """;

    private const string DockerManifestList = $$"""
        {
          "schemaVersion": 2,
          "mediaType": "{{MediaTypes.DockerManifestList}}",
          "manifests": [
            {
              "mediaType": "{{MediaTypes.DockerManifest}}",
              "digest": "{{AmdManifestDigest}}",
              "size": 7682,
              "platform": { "architecture": "amd64", "os": "linux", "features": ["sse4"] }
            }
          ]
        }
        """;

    private const string EmptyConfigArtifact = $$"""
        {
          "schemaVersion": 2,
          "mediaType": "{{MediaTypes.OciImageManifest}}",
          "artifactType": "application/vnd.example.sbom.v1+json",
          "config": { "mediaType": "{{MediaTypes.OciEmptyJson}}", "digest": "{{EmptyJsonDigest}}", "size": 2, "data": "e30=" },
          "layers": []
        }
        """;

    public static TheoryData<string, string, string?, string> InvalidManifests => new()
    {
        // JSON and schema version
        { "not JSON", "{not json", null, "manifest is not valid JSON" },
        { "empty content", "", null, "manifest is not valid JSON" },
        { "trailing comma", """{"schemaVersion": 2,}""", null, "manifest is not valid JSON" },
        { "JSON array", "[]", null, "a manifest must be a JSON object, not an array" },
        { "JSON string", "\"manifest\"", null, "a manifest must be a JSON object, not the string \"manifest\"" },
        { "duplicate key", With(OciManifest, m => m.Remove("annotations")).TrimEnd('}') + """, "mediaType": "x/y"}""", null, "Duplicate property" },
        { "missing schemaVersion", With(OciManifest, m => m.Remove("schemaVersion")), null, "required field $.schemaVersion is missing" },
        { "schemaVersion 3", With(OciManifest, m => m["schemaVersion"] = 3), null, "$.schemaVersion must be the integer 2, not the number 3" },
        { "schemaVersion string", With(OciManifest, m => m["schemaVersion"] = "2"), null, "$.schemaVersion must be the integer 2, not the string \"2\"" },
        { "schemaVersion 2.0", With(OciManifest, m => m["schemaVersion"] = JsonNode.Parse("2.0")), null, "$.schemaVersion must be the integer 2, not the number 2.0" },

        // Docker schema 1
        { "schemaVersion 1", """{"schemaVersion": 1, "name": "a", "tag": "b", "fsLayers": []}""", null, "Docker schema 1 manifests are not supported" },
        { "schema 1 mediaType field", With(OciManifest, m => m["mediaType"] = MediaTypes.DockerManifestSchema1), null, "Docker schema 1 manifests are not supported" },
        { "schema 1 Content-Type", With(OciManifest, m => m.Remove("mediaType")), MediaTypes.DockerManifestSchema1Signed, "Docker schema 1 manifests are not supported" },

        // Media type resolution
        { "mediaType mismatch with Content-Type", OciManifest, MediaTypes.DockerManifest, $"mediaType field {MediaTypes.OciImageManifest} does not match Content-Type {MediaTypes.DockerManifest}" },
        { "mediaType mismatch with schema 1 Content-Type", OciManifest, MediaTypes.DockerManifestSchema1, "does not match Content-Type" },
        { "mediaType not a manifest type", With(OciManifest, m => m["mediaType"] = "application/json"), null, "$.mediaType application/json is not a supported manifest media type" },
        { "mediaType artifact manifest", With(OciManifest, m => m["mediaType"] = "application/vnd.oci.artifact.manifest.v1+json"), null, "is not supported because the OCI artifact manifest was dropped before image-spec 1.1.0" },
        { "mediaType not a string", With(OciManifest, m => m["mediaType"] = 1), null, "$.mediaType must be a string, not the number 1" },
        { "no type fields", """{"schemaVersion": 2}""", "application/octet-stream", "cannot determine the manifest type" },
        { "both manifests and layers", With(OciManifest, m => { m.Remove("mediaType"); m["manifests"] = new JsonArray(); }), null, "the manifest type is ambiguous" },
        { "manifests in image manifest", With(OciManifest, m => m["manifests"] = new JsonArray()), null, $"$.manifests is not allowed in a manifest of type {MediaTypes.OciImageManifest}" },
        { "layers in index", With(OciIndex, m => m["layers"] = new JsonArray()), null, $"$.layers is not allowed in a manifest of type {MediaTypes.OciImageIndex}" },
        { "config in Docker list", With(DockerManifestList, m => m["config"] = new JsonObject()), null, $"$.config is not allowed in a manifest of type {MediaTypes.DockerManifestList}" },

        // Image manifest fields
        { "missing config", With(OciManifest, m => m.Remove("config")), null, "required field $.config is missing" },
        { "config not object", With(OciManifest, m => m["config"] = "sha256:x"), null, "$.config must be an object, not the string \"sha256:x\"" },
        { "Docker manifest missing config", With(DockerManifest, m => m.Remove("config")), null, "required field $.config is missing" },
        { "config without digest", With(OciManifest, m => m["config"]!.AsObject().Remove("digest")), null, "required field $.config.digest is missing" },
        { "config digest uppercase", With(OciManifest, m => m["config"]!["digest"] = ConfigDigest.ToUpperInvariant().Replace("SHA256", "sha256")), null, "$.config.digest is invalid: digest 'sha256:B5B2" },
        { "config digest md5", With(OciManifest, m => m["config"]!["digest"] = "md5:d41d8cd98f00b204e9800998ecf8427e"), null, "$.config.digest is invalid: digest algorithm 'md5' is not supported" },
        { "config digest short", With(OciManifest, m => m["config"]!["digest"] = "sha256:abc"), null, "$.config.digest is invalid: sha256 digest must have 64 hex digits, not 3" },
        { "config digest number", With(OciManifest, m => m["config"]!["digest"] = 5), null, "$.config.digest must be a string, not the number 5" },
        { "config size missing", With(OciManifest, m => m["config"]!.AsObject().Remove("size")), null, "required field $.config.size is missing" },
        { "layer size negative", With(OciManifest, m => m["layers"]![1]!["size"] = -1), null, "$.layers[1].size must be a non-negative 64-bit integer, not the number -1" },
        { "layer size string", With(OciManifest, m => m["layers"]![0]!["size"] = "32654"), null, "$.layers[0].size must be a non-negative 64-bit integer, not the string \"32654\"" },
        { "layer size 1.5", With(OciManifest, m => m["layers"]![0]!["size"] = 1.5), null, "$.layers[0].size must be a non-negative 64-bit integer, not the number 1.5" },
        { "layer size over int64", With(OciManifest, m => m["layers"]![0]!["size"] = JsonNode.Parse("9223372036854775808")), null, "$.layers[0].size must be a non-negative 64-bit integer" },
        { "layer mediaType missing", With(OciManifest, m => m["layers"]![0]!.AsObject().Remove("mediaType")), null, "required field $.layers[0].mediaType is missing" },
        { "layer mediaType empty", With(OciManifest, m => m["layers"]![0]!["mediaType"] = ""), null, "$.layers[0].mediaType must not be empty" },
        { "layer mediaType without subtype", With(OciManifest, m => m["layers"]![0]!["mediaType"] = "tar"), null, "$.layers[0].mediaType must be a media type of the form type/subtype (RFC 6838), not \"tar\"" },
        { "layer mediaType with parameter", With(OciManifest, m => m["layers"]![0]!["mediaType"] = "application/x; a=b"), null, "$.layers[0].mediaType must be a media type of the form type/subtype" },
        { "layer not object", With(OciManifest, m => m["layers"]![0] = 1), null, "$.layers[0] must be an object, not the number 1" },
        { "missing layers", With(OciManifest, m => m.Remove("layers")), null, "required field $.layers is missing" },
        { "Docker manifest missing layers", With(DockerManifest, m => m.Remove("layers")), null, "required field $.layers is missing" },
        { "layers not array", With(OciManifest, m => m["layers"] = new JsonObject()), null, "$.layers must be an array, not an object" },
        { "layers null", With(OciManifest, m => m["layers"] = null), null, "$.layers must be an array, not null" },
        { "empty config without artifactType", With(EmptyConfigArtifact, m => m.Remove("artifactType")), null, "required field $.artifactType is missing" },

        // Index fields
        { "index without manifests", With(OciIndex, m => m.Remove("manifests")), null, "required field $.manifests is missing" },
        { "Docker list without manifests", With(DockerManifestList, m => m.Remove("manifests")), null, "required field $.manifests is missing" },
        { "manifests not array", With(OciIndex, m => m["manifests"] = "x"), null, "$.manifests must be an array, not the string \"x\"" },
        { "manifest entry bad digest", With(OciIndex, m => m["manifests"]![1]!["digest"] = "sha256:zz"), null, "$.manifests[1].digest is invalid" },
        { "Docker list entry not a manifest", With(DockerManifestList, m => m["manifests"]![0]!["mediaType"] = MediaTypes.DockerLayerTarGzip), null, $"$.manifests[0].mediaType {MediaTypes.DockerLayerTarGzip} is not a manifest media type" },
        { "platform not object", With(OciIndex, m => m["manifests"]![0]!["platform"] = "linux/amd64"), null, "$.manifests[0].platform must be an object" },
        { "platform os number", With(OciIndex, m => m["manifests"]![0]!["platform"]!["os"] = 1), null, "$.manifests[0].platform.os must be a string, not the number 1" },
        { "platform os.version number", With(OciIndex, m => m["manifests"]![0]!["platform"]!["os.version"] = 10), null, "$.manifests[0].platform[\"os.version\"] must be a string" },
        { "platform features not array", With(DockerManifestList, m => m["manifests"]![0]!["platform"]!["features"] = "sse4"), null, "$.manifests[0].platform.features must be an array" },

        // Optional fields
        { "bad artifactType", With(OciManifest, m => m["artifactType"] = "sbom"), null, "$.artifactType must be a media type of the form type/subtype (RFC 6838), not \"sbom\"" },
        { "artifactType number", With(OciIndex, m => m["artifactType"] = 1), null, "$.artifactType must be a string, not the number 1" },
        { "descriptor artifactType bad", With(OciIndex, m => m["manifests"]![0]!["artifactType"] = "a/"), null, "$.manifests[0].artifactType must be a media type" },
        { "subject with bad digest", With(OciManifest, m => m["subject"] = Descriptor(MediaTypes.OciImageManifest, "sha256:1234", 10)), null, "$.subject.digest is invalid" },
        { "subject not object", With(OciManifest, m => m["subject"] = new JsonArray()), null, "$.subject must be an object, not an array" },
        { "annotations with non-string value", With(OciManifest, m => m["annotations"]!["com.example.count"] = 3), null, "$.annotations[\"com.example.count\"] must be a string, not the number 3" },
        { "annotations not object", With(OciManifest, m => m["annotations"] = new JsonArray()), null, "$.annotations must be an object, not an array" },
        { "layer annotations with null value", With(OciManifest, m => m["layers"]![0]!["annotations"] = new JsonObject { ["k"] = null }), null, "$.layers[0].annotations[\"k\"] must be a string, not null" },
        { "annotation with unpaired surrogate", OciManifest.Replace("value1", "\\ud800"), null, "$.annotations[\"com.example.key1\"] contains an unpaired UTF-16 surrogate escape" },
        { "urls not array", With(DockerManifest, m => m["layers"]![0]!["urls"] = "https://example.com/layer"), null, "$.layers[0].urls must be an array" },
        { "urls entry number", With(DockerManifest, m => m["layers"]![0]!["urls"] = new JsonArray(1)), null, "$.layers[0].urls[0] must be a string, not the number 1" },
        { "urls entry relative", With(DockerManifest, m => m["layers"]![0]!["urls"] = new JsonArray("https://example.com/a", "/layer")), null, "$.layers[0].urls[1] must be an absolute URL, not \"/layer\"" },
        { "data not base64", With(EmptyConfigArtifact, m => m["config"]!["data"] = "e30"), null, "$.config.data is not valid base64" },
        { "data not string", With(EmptyConfigArtifact, m => m["config"]!["data"] = 1), null, "$.config.data must be a string" },
        { "data longer than size", With(EmptyConfigArtifact, m => m["config"]!["data"] = "e319"), null, "$.config.data decodes to 3 bytes, but $.config.size is 2" },
        { "data not matching digest", With(EmptyConfigArtifact, m => m["config"]!["data"] = "W10="), null, $"$.config.data has digest sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945, but $.config.digest is {EmptyJsonDigest}" },
    };

    [Theory]
    [MemberData(nameof(InvalidManifests))]
    public void Parse_InvalidManifest_ThrowsWithMessage(string caseName, string json, string? contentType, string expectedMessage)
    {
        var exception = Assert.Throws<ManifestInvalidException>(() => Parse(json, contentType));

        Assert.True(
            exception.Message.Contains(expectedMessage, StringComparison.Ordinal),
            $"case '{caseName}': expected the message to contain '{expectedMessage}', but it was '{exception.Message}'");
    }

    [Fact]
    public void Parse_OciManifest_ReturnsConfigThenLayers()
    {
        var manifest = Parse(OciManifest, MediaTypes.OciImageManifest);

        Assert.Equal(MediaTypes.OciImageManifest, manifest.MediaType);
        Assert.Equal(
            [
                new ManifestReference(Digest.Parse(ConfigDigest), 7023, MediaTypes.OciImageConfig, IsManifest: false),
                new ManifestReference(Digest.Parse(LayerDigest), 32654, MediaTypes.OciLayerTarGzip, IsManifest: false),
                new ManifestReference(Digest.Parse(SecondLayerDigest), 16724, MediaTypes.OciLayerTarGzip, IsManifest: false),
            ],
            manifest.References);
        Assert.Null(manifest.Subject);
        Assert.Equal(MediaTypes.OciImageConfig, manifest.ArtifactType);
        Assert.Equal(new Dictionary<string, string> { ["com.example.key1"] = "value1" }, manifest.Annotations);
    }

    [Fact]
    public void Parse_OciManifestWithoutMediaType_UsesContentType()
    {
        var json = With(OciManifest, m => m.Remove("mediaType"));

        var manifest = Parse(json, $"{MediaTypes.OciImageManifest}; charset=utf-8");

        Assert.Equal(MediaTypes.OciImageManifest, manifest.MediaType);
        Assert.Equal(3, manifest.References.Count);
    }

    [Fact]
    public void Parse_DockerContentType_DecidesType()
    {
        var json = With(DockerManifest, m => m.Remove("mediaType"));

        var manifest = Parse(json, MediaTypes.DockerManifest);

        Assert.Equal(MediaTypes.DockerManifest, manifest.MediaType);
        Assert.Null(manifest.ArtifactType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/octet-stream")]
    [InlineData("application/json")]
    public void Parse_OciManifestWithoutMediaType_InfersFromFields(string? contentType)
    {
        var json = With(OciManifest, m => m.Remove("mediaType"));

        var manifest = Parse(json, contentType);

        Assert.Equal(MediaTypes.OciImageManifest, manifest.MediaType);
        Assert.Equal(MediaTypes.OciImageConfig, manifest.ArtifactType);
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("text/plain")]
    public void Parse_NonManifestContentType_IsIgnored(string contentType)
    {
        var manifest = Parse(DockerManifest, contentType);

        Assert.Equal(MediaTypes.DockerManifest, manifest.MediaType);
    }

    [Fact]
    public void Parse_IndexWithoutMediaType_InfersOciIndex()
    {
        var json = With(OciIndex, m => m.Remove("mediaType"));

        var manifest = Parse(json, "application/json");

        Assert.Equal(MediaTypes.OciImageIndex, manifest.MediaType);
        Assert.Equal(2, manifest.References.Count);
    }

    [Fact]
    public void Parse_IndexWithoutMediaType_UsesContentType()
    {
        var json = With(DockerManifestList, m => m.Remove("mediaType"));

        var manifest = Parse(json, MediaTypes.DockerManifestList);

        Assert.Equal(MediaTypes.DockerManifestList, manifest.MediaType);
    }

    [Fact]
    public void Parse_EmptyMediaTypeField_UsesContentType()
    {
        var json = With(DockerManifest, m => m["mediaType"] = "");

        var manifest = Parse(json, MediaTypes.DockerManifest);

        Assert.Equal(MediaTypes.DockerManifest, manifest.MediaType);
    }

    [Fact]
    public void Parse_UppercaseMediaType_ReturnsCanonical()
    {
        var json = With(OciManifest, m => m["mediaType"] = MediaTypes.OciImageManifest.ToUpperInvariant());

        var manifest = Parse(json, $"{MediaTypes.OciImageManifest.ToUpperInvariant()} ; charset=utf-8");

        Assert.Equal(MediaTypes.OciImageManifest, manifest.MediaType);
    }

    [Fact]
    public void Parse_OciIndex_ReturnsEntriesAsManifests()
    {
        var manifest = Parse(OciIndex, MediaTypes.OciImageIndex);

        Assert.Equal(MediaTypes.OciImageIndex, manifest.MediaType);
        Assert.Equal(
            [
                new ManifestReference(Digest.Parse(AmdManifestDigest), 7682, MediaTypes.OciImageManifest, IsManifest: true),
                new ManifestReference(Digest.Parse(ArmManifestDigest), 7143, MediaTypes.OciImageManifest, IsManifest: true),
            ],
            manifest.References);
        Assert.Null(manifest.Subject);
        Assert.Null(manifest.ArtifactType);
        Assert.Null(manifest.Annotations);
    }

    [Fact]
    public void Parse_IndexArtifactEntry_IsManifest()
    {
        var json = With(OciIndex, m => m["manifests"]!.AsArray().Add(Descriptor("application/vnd.example.data.v1.tar", LayerDigest, 5)));

        var manifest = Parse(json, contentType: null);

        Assert.Equal(3, manifest.References.Count);
        Assert.True(manifest.References[2].IsManifest);
        Assert.Equal("application/vnd.example.data.v1.tar", manifest.References[2].MediaType);
    }

    [Fact]
    public void Parse_EmptyOciIndex_ReturnsNoReferences()
    {
        var json = With(OciIndex, m => m["manifests"] = new JsonArray());

        var manifest = Parse(json, contentType: null);

        Assert.Equal(MediaTypes.OciImageIndex, manifest.MediaType);
        Assert.Empty(manifest.References);
    }

    [Fact]
    public void Parse_DockerManifest_ReturnsConfigThenLayers()
    {
        var manifest = Parse(DockerManifest, MediaTypes.DockerManifest);

        Assert.Equal(MediaTypes.DockerManifest, manifest.MediaType);
        Assert.Equal(
            [
                new ManifestReference(Digest.Parse(ConfigDigest), 7023, MediaTypes.DockerContainerConfig, IsManifest: false),
                new ManifestReference(Digest.Parse(LayerDigest), 32654, MediaTypes.DockerLayerTarGzip, IsManifest: false),
            ],
            manifest.References);
        Assert.Null(manifest.Subject);
        Assert.Null(manifest.ArtifactType);
    }

    [Fact]
    public void Parse_DockerManifestWithForeignLayerUrls_Succeeds()
    {
        var json = With(DockerManifest, m =>
        {
            m["layers"]![0]!["mediaType"] = MediaTypes.DockerForeignLayerTarGzip;
            m["layers"]![0]!["urls"] = new JsonArray("https://example.com/layer.tar.gz");
        });

        var manifest = Parse(json, MediaTypes.DockerManifest);

        Assert.Equal(MediaTypes.DockerForeignLayerTarGzip, manifest.References[1].MediaType);
    }

    [Fact]
    public void Parse_DockerManifestWithoutLayers_Succeeds()
    {
        var json = With(DockerManifest, m => m["layers"] = new JsonArray());

        var manifest = Parse(json, MediaTypes.DockerManifest);

        Assert.Single(manifest.References);
    }

    [Fact]
    public void Parse_DockerManifestList_ReturnsEntriesAsManifests()
    {
        var manifest = Parse(DockerManifestList, MediaTypes.DockerManifestList);

        Assert.Equal(MediaTypes.DockerManifestList, manifest.MediaType);
        var entry = Assert.Single(manifest.References);
        Assert.Equal(new ManifestReference(Digest.Parse(AmdManifestDigest), 7682, MediaTypes.DockerManifest, IsManifest: true), entry);
        Assert.Null(manifest.ArtifactType);
    }

    [Fact]
    public void Parse_CustomConfigArtifact_UsesConfigType()
    {
        var json = With(OciManifest, m => m["config"]!["mediaType"] = "application/vnd.cncf.helm.config.v1+json");

        var manifest = Parse(json, MediaTypes.OciImageManifest);

        Assert.Equal("application/vnd.cncf.helm.config.v1+json", manifest.ArtifactType);
        Assert.Equal("application/vnd.cncf.helm.config.v1+json", manifest.References[0].MediaType);
    }

    [Fact]
    public void Parse_ArtifactType_OverridesConfigType()
    {
        var json = With(OciManifest, m =>
        {
            m["artifactType"] = "application/vnd.example.signature.v1+json";
            m["config"]!["mediaType"] = "application/vnd.example.config.v1+json";
        });

        var manifest = Parse(json, MediaTypes.OciImageManifest);

        Assert.Equal("application/vnd.example.signature.v1+json", manifest.ArtifactType);
    }

    [Fact]
    public void Parse_EmptyConfigArtifact_AcceptsEmptyLayers()
    {
        var manifest = Parse(EmptyConfigArtifact, MediaTypes.OciImageManifest);

        Assert.Equal(MediaTypes.OciImageManifest, manifest.MediaType);
        var config = Assert.Single(manifest.References);
        Assert.Equal(new ManifestReference(Digest.Parse(EmptyJsonDigest), 2, MediaTypes.OciEmptyJson, IsManifest: false), config);
        Assert.Equal("application/vnd.example.sbom.v1+json", manifest.ArtifactType);
    }

    [Fact]
    public void Parse_ManifestWithSubject_ReturnsSubjectAsManifest()
    {
        var json = With(EmptyConfigArtifact, m =>
        {
            m["subject"] = Descriptor(MediaTypes.OciImageManifest, SubjectDigest, 1234);
            m["layers"] = new JsonArray(Descriptor("application/vnd.example.sbom.v1+json", LayerDigest, 99));
        });

        var manifest = Parse(json, MediaTypes.OciImageManifest);

        Assert.Equal(new ManifestReference(Digest.Parse(SubjectDigest), 1234, MediaTypes.OciImageManifest, IsManifest: true), manifest.Subject);
        Assert.Equal(2, manifest.References.Count);
        Assert.DoesNotContain(manifest.References, reference => reference.Digest == Digest.Parse(SubjectDigest));
    }

    [Fact]
    public void Parse_IndexWithSubject_ReturnsSubject()
    {
        var json = With(OciIndex, m =>
        {
            m["subject"] = Descriptor(MediaTypes.OciImageIndex, SubjectDigest, 500);
            m["artifactType"] = "application/vnd.example.bundle.v1";
            m["annotations"] = new JsonObject { ["org.opencontainers.image.created"] = "2024-01-01T00:00:00Z" };
        });

        var manifest = Parse(json, MediaTypes.OciImageIndex);

        Assert.Equal(new ManifestReference(Digest.Parse(SubjectDigest), 500, MediaTypes.OciImageIndex, IsManifest: true), manifest.Subject);
        Assert.Equal("application/vnd.example.bundle.v1", manifest.ArtifactType);
        Assert.Equal("2024-01-01T00:00:00Z", manifest.Annotations!["org.opencontainers.image.created"]);
    }

    [Fact]
    public void Parse_Sha512Digests_AreAccepted()
    {
        var configDigest = "sha512:" + new string('a', 128);
        var layerDigest = "sha512:" + new string('b', 128);
        var json = With(OciManifest, m =>
        {
            m["config"]!["digest"] = configDigest;
            m["layers"]![0]!["digest"] = layerDigest;
        });

        var manifest = Parse(json, MediaTypes.OciImageManifest);

        Assert.Equal(Digest.Parse(configDigest), manifest.References[0].Digest);
        Assert.Equal(Digest.Sha512, manifest.References[1].Digest.Algorithm);
        Assert.Equal(Digest.Parse(layerDigest), manifest.References[1].Digest);
    }

    [Fact]
    public void Parse_DataWithSha512Digest_IsVerified()
    {
        var json = With(EmptyConfigArtifact, m => m["config"]!["digest"] = EmptyJsonSha512Digest);

        var manifest = Parse(json, MediaTypes.OciImageManifest);

        Assert.Equal(Digest.Parse(EmptyJsonSha512Digest), manifest.References[0].Digest);
    }

    [Fact]
    public void Parse_NullOptionalFields_AreTreatedAsAbsent()
    {
        var json = With(OciManifest, m =>
        {
            m["mediaType"] = null;
            m["subject"] = null;
            m["artifactType"] = null;
            m["annotations"] = null;
            m["layers"]![0]!["urls"] = null;
            m["layers"]![0]!["annotations"] = null;
        });

        var manifest = Parse(json, contentType: null);

        Assert.Equal(MediaTypes.OciImageManifest, manifest.MediaType);
        Assert.Null(manifest.Subject);
        Assert.Null(manifest.Annotations);
        Assert.Equal(MediaTypes.OciImageConfig, manifest.ArtifactType);
    }

    [Fact]
    public void Parse_UnknownFields_AreIgnored()
    {
        var json = With(OciManifest, m =>
        {
            m["com.example.extension"] = new JsonObject { ["nested"] = 1 };
            m["layers"]![0]!["com.example.extra"] = true;
        });

        var manifest = Parse(json, MediaTypes.OciImageManifest);

        Assert.Equal(3, manifest.References.Count);
    }

    private static ParsedManifest Parse(string json, string? contentType) =>
        ManifestParser.Parse(Encoding.UTF8.GetBytes(json), contentType);

    /// <summary>Returns <paramref name="json"/> with <paramref name="change"/> applied to its root object.</summary>
    private static string With(string json, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    private static JsonObject Descriptor(string mediaType, string digest, long size) => new()
    {
        ["mediaType"] = mediaType,
        ["digest"] = digest,
        ["size"] = size,
    };
}
