using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Registry.Storage.Drivers.Swift;

namespace Registry.UnitTests.Storage;

/// <summary>Keystone v2 and v3 and auth v1 against a fake identity service that checks the request bodies.</summary>
public sealed class SwiftAuthTests
{
    private const string V2Catalog = """
        {"access": {
          "token": {"id": "v2-token", "tenant": {"id": "tenant-id-1", "name": "tenant-a"}},
          "serviceCatalog": [
            {"type": "compute", "name": "nova", "endpoints": [{"region": "fr", "publicURL": "https://compute.example.test/v2"}]},
            {"type": "object-store", "name": "swift", "endpoints": [
              {"region": "de", "publicURL": "https://de.example.test/v1/AUTH_a", "internalURL": "http://de.internal/v1/AUTH_a", "adminURL": "http://de.admin/v1"},
              {"region": "fr", "publicURL": "https://fr.example.test/v1/AUTH_a", "internalURL": "http://fr.internal/v1/AUTH_a", "adminURL": "http://fr.admin/v1"}
            ]}
          ]
        }}
        """;

    private const string V3Catalog = """
        {"token": {
          "methods": ["password"],
          "project": {"id": "project-id-1", "name": "tenant-a", "domain": {"id": "default", "name": "Default"}},
          "catalog": [
            {"type": "identity", "endpoints": [{"interface": "public", "region_id": "fr", "url": "https://id.example.test/v3"}]},
            {"type": "object-store", "endpoints": [
              {"interface": "public", "region_id": "de", "region": "de", "url": "https://de.example.test/v1/AUTH_p"},
              {"interface": "internal", "region_id": "fr", "region": "fr", "url": "http://fr.internal/v1/AUTH_p"},
              {"interface": "public", "region_id": "fr", "region": "fr", "url": "https://fr.example.test/v1/AUTH_p"}
            ]}
          ]
        }}
        """;

    [Theory]
    [InlineData("https://id.example.test/v3", 3)]
    [InlineData("https://id.example.test/v3/auth", 3)]
    [InlineData("https://id.example.test/v2.0", 2)]
    [InlineData("http://127.0.0.1:6040/auth/v1.0", 1)]
    [InlineData("https://swift.example.test/auth", 1)]
    public void DetectVersion_AuthUrl_ReturnsVersion(string authUrl, int expected)
    {
        Assert.Equal(expected, SwiftAuthenticators.DetectVersion(authUrl));
    }

    [Fact]
    public async Task V1_Response_ReturnsStorageUrlAndToken()
    {
        var identity = new FakeIdentity(request =>
        {
            Assert.Equal("test:tester", request.Headers.GetValues("X-Auth-User").Single());
            Assert.Equal("testing", request.Headers.GetValues("X-Auth-Key").Single());
            var response = new HttpResponseMessage(HttpStatusCode.OK);
            response.Headers.Add("X-Storage-Url", "http://127.0.0.1:6040/v1/AUTH_test");
            response.Headers.Add("X-Auth-Token", "AUTH_tk1");
            return response;
        });

        var options = Options("http://127.0.0.1:6040/auth/v1.0");
        options.Username = "test:tester";
        options.Password = "testing";

        var session = await new SwiftV1Authenticator(options).AuthenticateAsync(new HttpClient(identity), default);

        Assert.Equal(new Uri("http://127.0.0.1:6040/v1/AUTH_test"), session.StorageUrl);
        Assert.Equal("AUTH_tk1", session.Token);
    }

    [Theory]
    [InlineData("fr", "public", "https://fr.example.test/v1/AUTH_a")]
    [InlineData("fr", "internal", "http://fr.internal/v1/AUTH_a")]
    [InlineData("de", "admin", "http://de.admin/v1")]
    [InlineData("", "public", "https://de.example.test/v1/AUTH_a")]
    public async Task V2_Catalog_SelectsRegionAndEndpointType(string region, string endpointType, string expected)
    {
        JsonNode? body = null;
        var identity = new FakeIdentity(request =>
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal("https://id.example.test/v2.0/tokens", request.RequestUri!.ToString());
            body = JsonNode.Parse(request.Content!.ReadAsStringAsync().Result);
            return Json(V2Catalog);
        });
        var options = Options("https://id.example.test/v2.0");
        options.Tenant = "tenant-a";
        options.Region = region;
        options.EndpointType = endpointType;

        var session = await new KeystoneV2Authenticator(options).AuthenticateAsync(new HttpClient(identity), default);

        Assert.Equal(new Uri(expected), session.StorageUrl);
        Assert.Equal("v2-token", session.Token);
        Assert.Equal("tenant-id-1", session.TenantId);
        Assert.Equal("user", body!["auth"]!["passwordCredentials"]!["username"]!.GetValue<string>());
        Assert.Equal("secret", body["auth"]!["passwordCredentials"]!["password"]!.GetValue<string>());
        Assert.Equal("tenant-a", body["auth"]!["tenantName"]!.GetValue<string>());
        Assert.Null(body["auth"]!["tenantId"]);
    }

    [Fact]
    public void V2_TenantId_IsSentInsteadOfName()
    {
        var options = Options("https://id.example.test/v2.0");
        options.Tenant = "tenant-a";
        options.TenantId = "tenant-id-1";

        var body = KeystoneV2Authenticator.RequestBody(options);

        Assert.Equal("tenant-id-1", body["auth"]!["tenantId"]!.GetValue<string>());
        Assert.Null(body["auth"]!["tenantName"]);
    }

    [Fact]
    public async Task V3_ProjectName_ReturnsTokenAndEndpoint()
    {
        JsonNode? body = null;
        var identity = new FakeIdentity(request =>
        {
            Assert.Equal("https://id.example.test/v3/auth/tokens", request.RequestUri!.ToString());
            body = JsonNode.Parse(request.Content!.ReadAsStringAsync().Result);
            var response = Json(V3Catalog);
            response.StatusCode = HttpStatusCode.Created;
            response.Headers.Add("X-Subject-Token", "v3-token");
            return response;
        });
        var options = Options("https://id.example.test/v3");
        options.Domain = "Default";
        options.Tenant = "tenant-a";
        options.Region = "fr";

        var session = await new KeystoneV3Authenticator(options).AuthenticateAsync(new HttpClient(identity), default);

        Assert.Equal(new Uri("https://fr.example.test/v1/AUTH_p"), session.StorageUrl);
        Assert.Equal("v3-token", session.Token);
        Assert.Equal("project-id-1", session.TenantId);
        var identityBody = body!["auth"]!["identity"]!;
        Assert.Equal("password", identityBody["methods"]![0]!.GetValue<string>());
        Assert.Equal("user", identityBody["password"]!["user"]!["name"]!.GetValue<string>());
        Assert.Equal("secret", identityBody["password"]!["user"]!["password"]!.GetValue<string>());
        Assert.Equal("Default", identityBody["password"]!["user"]!["domain"]!["name"]!.GetValue<string>());
        Assert.Equal("tenant-a", body["auth"]!["scope"]!["project"]!["name"]!.GetValue<string>());
        Assert.Equal("Default", body["auth"]!["scope"]!["project"]!["domain"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void V3_Ids_ScopeProjectById()
    {
        var options = Options("https://id.example.test/v3");
        options.DomainId = "domain-id-1";
        options.Domain = "ignored";
        options.TenantId = "project-id-1";

        var body = KeystoneV3Authenticator.RequestBody(options);

        Assert.Equal("domain-id-1", body["auth"]!["identity"]!["password"]!["user"]!["domain"]!["id"]!.GetValue<string>());
        Assert.Null(body["auth"]!["identity"]!["password"]!["user"]!["domain"]!["name"]);
        Assert.Equal("project-id-1", body["auth"]!["scope"]!["project"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void V3_TrustId_ScopesTrustInsteadOfProject()
    {
        var options = Options("https://id.example.test/v3");
        options.Tenant = "tenant-a";
        options.TrustId = "trust-1";

        var body = KeystoneV3Authenticator.RequestBody(options);

        Assert.Equal("trust-1", body["auth"]!["scope"]!["OS-TRUST:trust"]!["id"]!.GetValue<string>());
        Assert.Null(body["auth"]!["scope"]!["project"]);
    }

    [Theory]
    [InlineData("https://id.example.test/v3", "https://id.example.test/v3/auth/tokens")]
    [InlineData("https://id.example.test/v3/", "https://id.example.test/v3/auth/tokens")]
    [InlineData("https://id.example.test/v3/auth", "https://id.example.test/v3/auth/tokens")]
    [InlineData("https://id.example.test/v3/auth/tokens", "https://id.example.test/v3/auth/tokens")]
    public void V3_TokensUrl_AppendsAuthTokensOnce(string authUrl, string expected)
    {
        Assert.Equal(new Uri(expected), KeystoneV3Authenticator.TokensUrl(authUrl));
    }

    [Fact]
    public async Task V3_NoEndpointInRegion_ThrowsNamingKeys()
    {
        var identity = new FakeIdentity(_ =>
        {
            var response = Json(V3Catalog);
            response.Headers.Add("X-Subject-Token", "v3-token");
            return response;
        });
        var options = Options("https://id.example.test/v3");
        options.Region = "us";

        var exception = await Assert.ThrowsAsync<SwiftAuthenticationException>(
            () => new KeystoneV3Authenticator(options).AuthenticateAsync(new HttpClient(identity), default));

        Assert.Contains("storage.swift.region", exception.Message);
        Assert.DoesNotContain("secret", exception.Message);
        Assert.DoesNotContain("v3-token", exception.Message);
    }

    [Fact]
    public async Task V2_Unauthorized_ThrowsWithUrlAndStatus()
    {
        var identity = new FakeIdentity(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized));

        var exception = await Assert.ThrowsAsync<SwiftAuthenticationException>(
            () => new KeystoneV2Authenticator(Options("https://id.example.test/v2.0")).AuthenticateAsync(new HttpClient(identity), default));

        Assert.Contains("https://id.example.test/v2.0/tokens", exception.Message);
        Assert.Contains("401", exception.Message);
        Assert.DoesNotContain("secret", exception.Message);
    }

    private static SwiftDriverOptions Options(string authUrl) => new()
    {
        AuthUrl = authUrl,
        Username = "user",
        Password = "secret",
        Container = "registry",
    };

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>An identity service in process: each request goes to <paramref name="respond"/>.</summary>
    private sealed class FakeIdentity(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond(request));
    }
}
