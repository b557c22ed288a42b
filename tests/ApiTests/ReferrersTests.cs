using System.Net;
using System.Text.Json;
using Registry.ApiTests.Infrastructure;

namespace Registry.ApiTests;

/// <summary><c>GET /v2/&lt;name&gt;/referrers/&lt;digest&gt;</c>, with and without the <c>artifactType</c> filter.</summary>
public abstract class ReferrersTests(RegistryFixture registry)
{
    private const string SignatureType = "application/vnd.example.signature.v1";
    private const string SbomType = "application/vnd.example.sbom.v1";

    private HttpClient Client => registry.Client;

    [Fact]
    public async Task Referrers_UnknownSubject_ReturnsEmptyIndex()
    {
        var image = await registry.PushImageAsync(Names.Repository("referrers"), "latest");

        using var response = await Client.GetAsync($"/v2/{image.Repository}/referrers/{Oci.Sha256(Oci.RandomBytes(8))}");

        await AssertIndexAsync(response, expectedCount: 0);
    }

    [Fact]
    public async Task Referrers_UnknownRepository_ReturnsEmptyIndex()
    {
        using var response = await Client.GetAsync($"/v2/{Names.Repository("referrers")}/referrers/{Oci.Sha256(Oci.RandomBytes(8))}");

        await AssertIndexAsync(response, expectedCount: 0);
    }

    [Fact]
    public async Task Referrers_SubjectWithoutReferrers_ReturnsEmptyIndex()
    {
        var image = await registry.PushImageAsync(Names.Repository("referrers"), "latest");

        using var response = await Client.GetAsync($"/v2/{image.Repository}/referrers/{image.ManifestDigest}");

        await AssertIndexAsync(response, expectedCount: 0);
    }

    [Fact]
    public async Task Referrers_TwoArtifacts_ListsBothWithDescriptors()
    {
        var subject = await registry.PushImageAsync(Names.Repository("referrers"), "latest");
        var signature = await PushReferrerAsync(subject, SignatureType, new Dictionary<string, string> { ["org.example.kind"] = "signature" });
        var sbom = await PushReferrerAsync(subject, SbomType, null);

        using var response = await Client.GetAsync($"/v2/{subject.Repository}/referrers/{subject.ManifestDigest}");

        using var index = await AssertIndexAsync(response, expectedCount: 2);
        Assert.Null(Http.Header(response, "OCI-Filters-Applied"));
        var entries = index.RootElement.GetProperty("manifests").EnumerateArray().ToDictionary(entry => entry.GetProperty("digest").GetString()!);
        var signatureEntry = entries[Oci.Sha256(signature)];
        Assert.Equal(Oci.OciManifest, signatureEntry.GetProperty("mediaType").GetString());
        Assert.Equal(signature.Length, signatureEntry.GetProperty("size").GetInt64());
        Assert.Equal(SignatureType, signatureEntry.GetProperty("artifactType").GetString());
        Assert.Equal("signature", signatureEntry.GetProperty("annotations").GetProperty("org.example.kind").GetString());
        var sbomEntry = entries[Oci.Sha256(sbom)];
        Assert.Equal(SbomType, sbomEntry.GetProperty("artifactType").GetString());
        Assert.Equal(sbom.Length, sbomEntry.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task Referrers_FilterByArtifactType_ReturnsOneAndFiltersHeader()
    {
        var subject = await registry.PushImageAsync(Names.Repository("referrers"), "latest");
        await PushReferrerAsync(subject, SignatureType, null);
        var sbom = await PushReferrerAsync(subject, SbomType, null);

        using var response = await Client.GetAsync(
            $"/v2/{subject.Repository}/referrers/{subject.ManifestDigest}?artifactType={Uri.EscapeDataString(SbomType)}");

        using var index = await AssertIndexAsync(response, expectedCount: 1);
        Assert.Equal("artifactType", Http.Header(response, "OCI-Filters-Applied"));
        var entry = index.RootElement.GetProperty("manifests")[0];
        Assert.Equal(Oci.Sha256(sbom), entry.GetProperty("digest").GetString());
        Assert.Equal(SbomType, entry.GetProperty("artifactType").GetString());
    }

    [Fact]
    public async Task Referrers_FilterMatchingNothing_ReturnsEmptyIndexAndFiltersHeader()
    {
        var subject = await registry.PushImageAsync(Names.Repository("referrers"), "latest");
        await PushReferrerAsync(subject, SignatureType, null);

        using var response = await Client.GetAsync(
            $"/v2/{subject.Repository}/referrers/{subject.ManifestDigest}?artifactType=application%2Fvnd.example.none");

        using var index = await AssertIndexAsync(response, expectedCount: 0);
        Assert.Equal("artifactType", Http.Header(response, "OCI-Filters-Applied"));
    }

    [Fact]
    public async Task Referrers_WithoutArtifactType_UsesConfigMediaType()
    {
        var subject = await registry.PushImageAsync(Names.Repository("referrers"), "latest");
        var config = "{\"kind\":\"attestation\"}"u8.ToArray();
        await registry.PushBlobAsync(subject.Repository, config);
        var referrer = Oci.ImageManifest(
            Oci.Descriptor("application/vnd.example.attestation.config.v1+json", config),
            [],
            subject: Oci.Descriptor(Oci.OciManifest, subject.Manifest));
        await registry.PutManifestAsync(subject.Repository, Oci.Sha256(referrer), referrer, Oci.OciManifest);

        using var response = await Client.GetAsync($"/v2/{subject.Repository}/referrers/{subject.ManifestDigest}");

        using var index = await AssertIndexAsync(response, expectedCount: 1);
        var entry = index.RootElement.GetProperty("manifests")[0];
        Assert.Equal("application/vnd.example.attestation.config.v1+json", entry.GetProperty("artifactType").GetString());
    }

    [Fact]
    public async Task Referrers_DeletedReferrer_Disappears()
    {
        var subject = await registry.PushImageAsync(Names.Repository("referrers"), "latest");
        var kept = await PushReferrerAsync(subject, SignatureType, null);
        var deleted = await PushReferrerAsync(subject, SbomType, null);
        using (var before = await Client.GetAsync($"/v2/{subject.Repository}/referrers/{subject.ManifestDigest}"))
        {
            (await AssertIndexAsync(before, expectedCount: 2)).Dispose();
        }

        using var delete = await Client.DeleteAsync($"/v2/{subject.Repository}/manifests/{Oci.Sha256(deleted)}");
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, delete);

        using var response = await Client.GetAsync($"/v2/{subject.Repository}/referrers/{subject.ManifestDigest}");
        using var index = await AssertIndexAsync(response, expectedCount: 1);
        Assert.Equal(Oci.Sha256(kept), index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Referrers_SubjectPushedAfterReferrer_ListsReferrer()
    {
        var repository = Names.Repository("referrers");
        var config = Oci.Config();
        await registry.PushBlobAsync(repository, config);
        var subjectManifest = Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, config), []);
        var subject = new PushedImage(repository, null, config, [], subjectManifest, Oci.Sha256(subjectManifest));
        var referrer = await PushReferrerAsync(subject, SignatureType, null);

        await registry.PutManifestAsync(repository, "latest", subjectManifest, Oci.OciManifest);

        using var response = await Client.GetAsync($"/v2/{repository}/referrers/{subject.ManifestDigest}");
        using var index = await AssertIndexAsync(response, expectedCount: 1);
        Assert.Equal(Oci.Sha256(referrer), index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Referrers_InvalidDigest_Returns400DigestInvalid()
    {
        using var response = await Client.GetAsync($"/v2/{Names.Repository("referrers")}/referrers/sha256:abc");

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID", response);
    }

    /// <summary>Pushes an artifact whose subject is <paramref name="subject"/>, by digest, and returns its manifest.</summary>
    private async Task<byte[]> PushReferrerAsync(PushedImage subject, string artifactType, IReadOnlyDictionary<string, string>? annotations)
    {
        var payload = Oci.RandomBytes(64);
        await registry.PushBlobAsync(subject.Repository, Oci.EmptyJson);
        await registry.PushBlobAsync(subject.Repository, payload);
        var manifest = Oci.ImageManifest(
            Oci.Descriptor(Oci.OciEmptyJson, Oci.EmptyJson),
            [Oci.Descriptor("application/octet-stream", payload)],
            artifactType: artifactType,
            subject: Oci.Descriptor(Oci.OciManifest, subject.Manifest),
            annotations: annotations);
        await registry.PutManifestAsync(subject.Repository, Oci.Sha256(manifest), manifest, Oci.OciManifest);
        return manifest;
    }

    /// <summary>Asserts a 200 image index with <paramref name="expectedCount"/> entries and returns it.</summary>
    private static async Task<JsonDocument> AssertIndexAsync(HttpResponseMessage response, int expectedCount)
    {
        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(Oci.OciIndex, response.Content.Headers.ContentType?.MediaType);
        var index = await Http.ReadJsonAsync(response);
        Assert.Equal(2, index.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(Oci.OciIndex, index.RootElement.GetProperty("mediaType").GetString());
        Assert.Equal(expectedCount, index.RootElement.GetProperty("manifests").GetArrayLength());
        return index;
    }
}

public sealed class InMemoryReferrersTests(InMemoryRegistry registry) : ReferrersTests(registry), IClassFixture<InMemoryRegistry>;

public sealed class FileSystemReferrersTests(FileSystemRegistry registry) : ReferrersTests(registry), IClassFixture<FileSystemRegistry>;
