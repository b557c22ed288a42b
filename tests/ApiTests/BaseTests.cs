using System.Net;
using Registry.ApiTests.Infrastructure;

namespace Registry.ApiTests;

/// <summary><c>GET /v2/</c>, the version check, and the header every response carries.</summary>
public abstract class BaseTests(RegistryFixture registry)
{
    [Theory]
    [InlineData("/v2/")]
    [InlineData("/v2")]
    public async Task Base_Get_Returns200WithApiVersion(string path)
    {
        using var response = await registry.Client.GetAsync(path);

        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal("registry/2.0", Http.Header(response, "Docker-Distribution-API-Version"));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Base_Head_Returns200WithApiVersion()
    {
        using var response = await registry.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/"));

        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal("registry/2.0", Http.Header(response, "Docker-Distribution-API-Version"));
    }

    [Fact]
    public async Task Base_ErrorResponse_CarriesApiVersion()
    {
        using var response = await registry.Client.GetAsync($"/v2/{Names.Repository("base")}/tags/list");

        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "NAME_UNKNOWN", response);
        Assert.Equal("registry/2.0", Http.Header(response, "Docker-Distribution-API-Version"));
    }

    [Fact]
    public async Task Base_Post_Returns405Unsupported()
    {
        using var response = await registry.Client.PostAsync("/v2/", new ByteArrayContent([]));

        await Http.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "UNSUPPORTED", response);
    }
}

public sealed class InMemoryBaseTests(InMemoryRegistry registry) : BaseTests(registry), IClassFixture<InMemoryRegistry>;

public sealed class FileSystemBaseTests(FileSystemRegistry registry) : BaseTests(registry), IClassFixture<FileSystemRegistry>;
