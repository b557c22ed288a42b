using System.Net;
using Registry.ApiTests.Infrastructure;

namespace Registry.ApiTests;

/// <summary>
/// Malformed repository names, digests and tags on every endpoint that takes them, and paths that
/// match no endpoint. Each is rejected with the specification's error and stores nothing.
/// </summary>
public abstract class NameAndDigestTests(RegistryFixture registry)
{
    private const string Hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private HttpClient Client => registry.Client;

    public static TheoryData<string> InvalidNames => new()
    {
        "Uppercase/name",
        "a..b",
        "a/..b",
        "a/b..",
        "a//b",
        "a/b/",
        "_leading/underscore",
        "a/_b",
        "trailing-",
        "a___b",
        "a%20b",
        new string('a', 256),
    };

    public static TheoryData<string> InvalidDigests => new()
    {
        "sha256:abc",
        "sha256:" + Hex64[..63],
        "sha256:" + Hex64 + "0",
        "sha256:" + Hex64.ToUpperInvariant(),
        "sha512:" + Hex64,
        "md5:0123456789abcdef0123456789abcdef",
        "sha256:../x",
        "sha256:" + Hex64[..62] + "/x",
        ":" + Hex64,
        "sha256",
    };

    public static TheoryData<string> InvalidTags => new()
    {
        "-leading-dash",
        ".leading-dot",
        new string('t', 129),
        "plus+sign",
        "space here",
        "ünicode",
        "semi;colon",
    };

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public async Task Name_Invalid_Returns400NameInvalidOnEveryEndpoint(string name)
    {
        var digest = Oci.Sha256(Oci.RandomBytes(8));
        var requests = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Get, $"/v2/{name}/tags/list"),
            (HttpMethod.Get, $"/v2/{name}/manifests/latest"),
            (HttpMethod.Put, $"/v2/{name}/manifests/latest"),
            (HttpMethod.Delete, $"/v2/{name}/manifests/{digest}"),
            (HttpMethod.Get, $"/v2/{name}/blobs/{digest}"),
            (HttpMethod.Delete, $"/v2/{name}/blobs/{digest}"),
            (HttpMethod.Post, $"/v2/{name}/blobs/uploads/"),
            (HttpMethod.Post, $"/v2/{name}/blobs/uploads/?digest={Oci.EmptySha256}"),
            (HttpMethod.Get, $"/v2/{name}/blobs/uploads/00000000-0000-0000-0000-000000000000"),
            (HttpMethod.Get, $"/v2/{name}/referrers/{digest}"),
        };

        foreach (var (method, path) in requests)
        {
            using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : new ByteArrayContent([]) };
            using var response = await Client.SendAsync(request);
            await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "NAME_INVALID", response);
        }
    }

    [Fact]
    public async Task Name_MaximumLength_IsAccepted()
    {
        var name = "n/" + new string('a', 253);

        await registry.PushImageAsync(name, "latest", layerCount: 1);

        using var response = await Client.GetAsync($"/v2/{name}/tags/list");
        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
    }

    [Theory]
    [MemberData(nameof(InvalidDigests))]
    public async Task Digest_Invalid_Returns400DigestInvalidOnEveryEndpoint(string digest)
    {
        var repository = Names.Repository("names");
        var escaped = Uri.EscapeDataString(digest);
        var session = await StartUploadAsync(repository);
        var requests = new List<(HttpMethod Method, string Path)>
        {
            (HttpMethod.Get, $"/v2/{repository}/blobs/{escaped}"),
            (HttpMethod.Delete, $"/v2/{repository}/blobs/{escaped}"),
            (HttpMethod.Get, $"/v2/{repository}/referrers/{escaped}"),
            (HttpMethod.Post, $"/v2/{repository}/blobs/uploads/?digest={escaped}"),
            (HttpMethod.Put, $"{session}?digest={escaped}"),
        };
        if (digest.Contains(':'))
        {
            // A reference with a colon is a digest, and one without a colon is a tag.
            requests.Add((HttpMethod.Get, $"/v2/{repository}/manifests/{escaped}"));
            requests.Add((HttpMethod.Put, $"/v2/{repository}/manifests/{escaped}"));
        }

        foreach (var (method, path) in requests)
        {
            using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : new ByteArrayContent([]) };
            using var response = await Client.SendAsync(request);
            await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "DIGEST_INVALID", response);
        }

        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/blobs/{escaped}"));
        Assert.Equal(HttpStatusCode.BadRequest, head.StatusCode);
        using var tags = await Client.GetAsync($"/v2/{repository}/tags/list");
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "NAME_UNKNOWN", tags);
    }

    [Theory]
    [MemberData(nameof(InvalidTags))]
    public async Task Tag_Invalid_Returns400TagInvalid(string tag)
    {
        var image = await registry.PushImageAsync(Names.Repository("names"), tag: null, layerCount: 1);
        var escaped = Uri.EscapeDataString(tag);

        using var put = await Client.PutAsync($"/v2/{image.Repository}/manifests/{escaped}", Http.Typed(image.Manifest, Oci.OciManifest));
        using var get = await Client.GetAsync($"/v2/{image.Repository}/manifests/{escaped}");
        using var delete = await Client.DeleteAsync($"/v2/{image.Repository}/manifests/{escaped}");

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "TAG_INVALID", put);
        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "TAG_INVALID", get);
        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "TAG_INVALID", delete);
        using var tags = await Client.GetAsync($"/v2/{image.Repository}/tags/list");
        await Http.AssertStatusAsync(HttpStatusCode.OK, tags);
        using var json = await Http.ReadJsonAsync(tags);
        Assert.Equal(0, json.RootElement.GetProperty("tags").GetArrayLength());
    }

    [Fact]
    public async Task Tag_MaximumLength_IsAccepted()
    {
        var tag = "_" + new string('t', 127);

        var image = await registry.PushImageAsync(Names.Repository("names"), tag, layerCount: 1);

        using var get = await Client.GetAsync($"/v2/{image.Repository}/manifests/{tag}");
        await Http.AssertStatusAsync(HttpStatusCode.OK, get);
    }

    [Theory]
    [InlineData("/v2/repo/unknown/thing")]
    [InlineData("/v2/repo/blobs")]
    [InlineData("/v2/repo/manifests")]
    [InlineData("/v2/repo/tags")]
    [InlineData("/v2/repo/tags/other")]
    [InlineData("/v2/_catalog/extra")]
    [InlineData("/v3/")]
    [InlineData("/")]
    public async Task Route_Unknown_Returns404(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> StartUploadAsync(string repository)
    {
        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, response);
        return Http.Location(response);
    }
}

public sealed class InMemoryNameAndDigestTests(InMemoryRegistry registry) : NameAndDigestTests(registry), IClassFixture<InMemoryRegistry>;

public sealed class FileSystemNameAndDigestTests(FileSystemRegistry registry) : NameAndDigestTests(registry), IClassFixture<FileSystemRegistry>;
