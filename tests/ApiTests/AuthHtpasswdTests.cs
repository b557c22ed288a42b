using System.Net;
using System.Net.Http.Headers;
using Registry.ApiTests.Infrastructure;

namespace Registry.ApiTests;

/// <summary><c>auth.htpasswd</c> end to end through the gateway.</summary>
public sealed class AuthHtpasswdTests(HtpasswdRegistry registry) : IClassFixture<HtpasswdRegistry>
{
    private const string Challenge = $"Basic realm=\"{HtpasswdRegistry.Realm}\"";

    private static readonly AuthenticationHeaderValue Valid = HtpasswdRegistry.Basic(HtpasswdRegistry.User, HtpasswdRegistry.Password);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, AuthenticationHeaderValue? credentials, HttpContent? content = null) =>
        registry.SendAsync(new HttpRequestMessage(method, path) { Content = content }, credentials);

    [Fact]
    public async Task Base_NoCredentials_ChallengesBasic()
    {
        using var response = await SendAsync(HttpMethod.Get, "/v2/", null);

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", response);
        Assert.Equal(Challenge, Http.Header(response, "WWW-Authenticate"));
    }

    [Theory]
    [InlineData(HtpasswdRegistry.User, "wrong password")]
    [InlineData("mallory", HtpasswdRegistry.Password)]
    [InlineData("bob", "anything")]
    public async Task Base_BadCredentials_ChallengesBasic(string user, string password)
    {
        using var response = await SendAsync(HttpMethod.Get, "/v2/", HtpasswdRegistry.Basic(user, password));

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", response);
        Assert.Equal(Challenge, Http.Header(response, "WWW-Authenticate"));
    }

    [Theory]
    [InlineData("Basic")]
    [InlineData("Basic ")]
    [InlineData("Basic !!!!")]
    [InlineData("Basic YWxpY2U=")]
    [InlineData("Basic /w==")]
    [InlineData("Bearer abc.def.ghi")]
    [InlineData("Negotiate")]
    public async Task Base_MalformedAuthorization_Returns401Not500(string header)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v2/");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await registry.Client.SendAsync(request);

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", response);
        Assert.Equal(Challenge, Http.Header(response, "WWW-Authenticate"));
    }

    [Fact]
    public async Task Push_ValidCredentials_StoresImageAndListsCatalog()
    {
        var name = Names.Repository("htpasswd");
        var config = Oci.Config();
        var manifest = Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, config), []);

        using var versionCheck = await SendAsync(HttpMethod.Get, "/v2/", Valid);
        using var upload = await SendAsync(HttpMethod.Post, $"/v2/{name}/blobs/uploads/?digest={Oci.Sha256(config)}", Valid, Http.Octets(config));
        using var put = await SendAsync(HttpMethod.Put, $"/v2/{name}/manifests/v1", Valid, Http.Typed(manifest, Oci.OciManifest));
        using var get = await SendAsync(HttpMethod.Get, $"/v2/{name}/blobs/{Oci.Sha256(config)}", Valid);
        using var catalog = await SendAsync(HttpMethod.Get, "/v2/_catalog?n=1000", Valid);

        await Http.AssertStatusAsync(HttpStatusCode.OK, versionCheck);
        await Http.AssertStatusAsync(HttpStatusCode.Created, upload);
        await Http.AssertStatusAsync(HttpStatusCode.Created, put);
        await Http.AssertStatusAsync(HttpStatusCode.OK, get);
        Assert.Equal(config, await get.Content.ReadAsByteArrayAsync());
        await Http.AssertStatusAsync(HttpStatusCode.OK, catalog);
        Assert.Contains(name, await catalog.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Push_NoCredentials_StoresNothing()
    {
        var name = Names.Repository("htpasswd");
        var blob = Oci.RandomBytes(512);

        using var upload = await SendAsync(HttpMethod.Post, $"/v2/{name}/blobs/uploads/?digest={Oci.Sha256(blob)}", null, Http.Octets(blob));
        using var head = await SendAsync(HttpMethod.Head, $"/v2/{name}/blobs/{Oci.Sha256(blob)}", Valid);

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", upload);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }
}
