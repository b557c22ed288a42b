using System.Net;
using System.Net.Http.Headers;
using Registry.ApiTests.Infrastructure;

namespace Registry.ApiTests;

/// <summary><c>auth.token</c> end to end through the gateway: challenges, scopes and token checks.</summary>
public sealed class AuthTokenTests(TokenRegistry registry) : IClassFixture<TokenRegistry>
{
    private const string Challenge = $"Bearer realm=\"{TokenRegistry.Realm}\",service=\"{TokenRegistry.Service}\"";

    private static (string, string, string[]) Repository(string name, params string[] actions) => ("repository", name, actions);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, AuthenticationHeaderValue? token, HttpContent? content = null) =>
        registry.SendAsync(new HttpRequestMessage(method, path) { Content = content }, token);

    private static string? WwwAuthenticate(HttpResponseMessage response) => Http.Header(response, "WWW-Authenticate");

    [Fact]
    public async Task Base_NoToken_ChallengesWithoutScope()
    {
        using var response = await SendAsync(HttpMethod.Get, "/v2/", null);

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", response);
        Assert.Equal(Challenge, WwwAuthenticate(response));
        Assert.Equal("registry/2.0", Http.Header(response, "Docker-Distribution-API-Version"));
    }

    [Fact]
    public async Task Base_ValidTokenWithoutAccess_Returns200()
    {
        using var response = await SendAsync(HttpMethod.Get, "/v2/", registry.Token());

        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task ManifestGet_NoToken_ChallengesForPull()
    {
        var name = Names.Repository("token");

        using var response = await SendAsync(HttpMethod.Get, $"/v2/{name}/manifests/latest", null);

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", response);
        Assert.Equal($"{Challenge},scope=\"repository:{name}:pull\"", WwwAuthenticate(response));
    }

    [Fact]
    public async Task ManifestHead_NoToken_ChallengesWithoutBody()
    {
        var name = Names.Repository("token");

        using var response = await SendAsync(HttpMethod.Head, $"/v2/{name}/manifests/latest", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"{Challenge},scope=\"repository:{name}:pull\"", WwwAuthenticate(response));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Push_WithPushToken_StoresImage()
    {
        var name = Names.Repository("token");
        var push = registry.Token(Repository(name, "pull", "push"));
        var config = Oci.Config();
        var layer = Oci.RandomBytes(2048);

        foreach (var blob in new[] { config, layer })
        {
            using var upload = await SendAsync(HttpMethod.Post, $"/v2/{name}/blobs/uploads/?digest={Oci.Sha256(blob)}", push, Http.Octets(blob));
            await Http.AssertStatusAsync(HttpStatusCode.Created, upload);
        }

        var manifest = Oci.ImageManifest(Oci.Descriptor(Oci.OciConfig, config), [Oci.Descriptor(Oci.OciLayerGzip, layer)]);
        using var put = await SendAsync(HttpMethod.Put, $"/v2/{name}/manifests/v1", push, Http.Typed(manifest, Oci.OciManifest));
        await Http.AssertStatusAsync(HttpStatusCode.Created, put);

        using var get = await SendAsync(HttpMethod.Get, $"/v2/{name}/manifests/v1", registry.Token(Repository(name, "pull")));
        await Http.AssertStatusAsync(HttpStatusCode.OK, get);
        Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Push_WithPullOnlyToken_ChallengesInsufficientScope()
    {
        var name = Names.Repository("token");
        var blob = Oci.RandomBytes(64);

        using var response = await SendAsync(HttpMethod.Post, $"/v2/{name}/blobs/uploads/?digest={Oci.Sha256(blob)}", registry.Token(Repository(name, "pull")), Http.Octets(blob));

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", response);
        Assert.Equal($"{Challenge},scope=\"repository:{name}:pull,push\",error=\"insufficient_scope\"", WwwAuthenticate(response));
        using var head = await SendAsync(HttpMethod.Head, $"/v2/{name}/blobs/{Oci.Sha256(blob)}", registry.Token(Repository(name, "pull")));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task Pull_TokenForOtherRepository_ChallengesInsufficientScope()
    {
        var name = Names.Repository("token");

        using var response = await SendAsync(HttpMethod.Get, $"/v2/{name}/tags/list", registry.Token(Repository(name + "-other", "pull", "push")));

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", response);
        Assert.Equal($"{Challenge},scope=\"repository:{name}:pull\",error=\"insufficient_scope\"", WwwAuthenticate(response));
    }

    [Fact]
    public async Task Delete_WithPushToken_NeedsDeleteAction()
    {
        var name = Names.Repository("token");
        var blob = Oci.RandomBytes(64);
        using (var upload = await SendAsync(HttpMethod.Post, $"/v2/{name}/blobs/uploads/?digest={Oci.Sha256(blob)}", registry.Token(Repository(name, "pull", "push")), Http.Octets(blob)))
        {
            await Http.AssertStatusAsync(HttpStatusCode.Created, upload);
        }

        using var denied = await SendAsync(HttpMethod.Delete, $"/v2/{name}/blobs/{Oci.Sha256(blob)}", registry.Token(Repository(name, "pull", "push")));
        using var allowed = await SendAsync(HttpMethod.Delete, $"/v2/{name}/blobs/{Oci.Sha256(blob)}", registry.Token(Repository(name, "delete")));

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", denied);
        Assert.Equal($"{Challenge},scope=\"repository:{name}:delete\",error=\"insufficient_scope\"", WwwAuthenticate(denied));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, allowed);
    }

    [Fact]
    public async Task Catalog_NeedsRegistryCatalogScope()
    {
        using var denied = await SendAsync(HttpMethod.Get, "/v2/_catalog", registry.Token(Repository("any/repo", "*")));
        using var allowed = await SendAsync(HttpMethod.Get, "/v2/_catalog", registry.Token(("registry", "catalog", ["*"])));

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", denied);
        Assert.Equal($"{Challenge},scope=\"registry:catalog:*\",error=\"insufficient_scope\"", WwwAuthenticate(denied));
        await Http.AssertStatusAsync(HttpStatusCode.OK, allowed);
    }

    [Fact]
    public async Task Mount_NoPullOnSource_ChallengesBoth()
    {
        var source = Names.Repository("token");
        var target = Names.Repository("token");
        var blob = Oci.RandomBytes(64);
        var digest = Oci.Sha256(blob);
        using (var upload = await SendAsync(HttpMethod.Post, $"/v2/{source}/blobs/uploads/?digest={digest}", registry.Token(Repository(source, "pull", "push")), Http.Octets(blob)))
        {
            await Http.AssertStatusAsync(HttpStatusCode.Created, upload);
        }

        var mountPath = $"/v2/{target}/blobs/uploads/?mount={digest}&from={source}";
        using var denied = await SendAsync(HttpMethod.Post, mountPath, registry.Token(Repository(target, "pull", "push")));
        using var mounted = await SendAsync(HttpMethod.Post, mountPath, registry.Token(Repository(target, "pull", "push"), Repository(source, "pull")));

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", denied);
        Assert.Equal($"{Challenge},scope=\"repository:{target}:pull,push repository:{source}:pull\",error=\"insufficient_scope\"", WwwAuthenticate(denied));
        await Http.AssertStatusAsync(HttpStatusCode.Created, mounted);
    }

    public static TheoryData<string> RejectedTokens => new() { "expired", "unknown key", "alg none", "garbage" };

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task Pull_InvalidToken_ChallengesInvalidToken(string kind)
    {
        var name = Names.Repository("token");
        var pull = Repository(name, "pull");
        var token = kind switch
        {
            "expired" => registry.ExpiredToken(pull),
            "unknown key" => registry.UnknownKeyToken(pull),
            "alg none" => registry.UnsignedToken(pull),
            _ => new AuthenticationHeaderValue("Bearer", "bm90.YS50b2tlbg.AAAA"),
        };

        using var response = await SendAsync(HttpMethod.Get, $"/v2/{name}/tags/list", token);

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", response);
        Assert.Equal($"{Challenge},scope=\"repository:{name}:pull\",error=\"invalid_token\"", WwwAuthenticate(response));
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer !!!")]
    [InlineData("Basic YWxpY2U6c2VjcmV0")]
    [InlineData("Bearer a.b.c.d.e")]
    [InlineData("token")]
    public async Task Base_MalformedAuthorization_Returns401Not500(string header)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v2/");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await registry.Client.SendAsync(request);

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", response);
        Assert.StartsWith(Challenge, WwwAuthenticate(response));
    }
}
