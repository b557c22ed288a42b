using System.Net;
using System.Net.Http.Headers;
using Registry.ApiTests.Infrastructure;

namespace Registry.ApiTests;

/// <summary><c>auth.silly</c> end to end: any <c>Authorization</c> header passes.</summary>
public sealed class AuthSillyTests(SillyRegistry registry) : IClassFixture<SillyRegistry>
{
    [Fact]
    public async Task Manifest_NoHeader_ChallengesWithScopePerAction()
    {
        var name = Names.Repository("silly");

        using var response = await registry.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/v2/{name}/manifests/v1"), null);

        await Http.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", response);
        Assert.Equal(
            $"Bearer realm=\"silly-realm\",service=\"silly-service\",scope=\"repository:{name}:pull repository:{name}:push\"",
            Http.Header(response, "WWW-Authenticate"));
    }

    [Fact]
    public async Task Push_AnyHeader_IsServed()
    {
        var name = Names.Repository("silly");
        var blob = Oci.RandomBytes(128);
        var anything = new AuthenticationHeaderValue("Whatever", "x");

        using var upload = await registry.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, $"/v2/{name}/blobs/uploads/?digest={Oci.Sha256(blob)}") { Content = Http.Octets(blob) }, anything);

        await Http.AssertStatusAsync(HttpStatusCode.Created, upload);
    }
}
