using System.Net;
using Registry.ApiTests.Infrastructure;

namespace Registry.ApiTests;

/// <summary>
/// <c>GET /v2/_catalog</c>. The catalog spans the whole host, which the tests of this class share,
/// so each test pushes repositories under a fresh prefix and checks them within the full listing.
/// </summary>
public abstract class CatalogTests(RegistryFixture registry)
{
    private HttpClient Client => registry.Client;

    [Fact]
    public async Task Catalog_List_IsSortedAndIncludesNestedNames()
    {
        var names = await PushRepositoriesAsync();

        var catalog = await ListAllAsync();

        Assert.Equal(catalog.Order(StringComparer.Ordinal), catalog);
        Assert.Equal(names, catalog.Where(names.Contains));
    }

    [Fact]
    public async Task Catalog_ListWithN_ReturnsPageAndLink()
    {
        await PushRepositoriesAsync();
        var first = (await ListAllAsync())[0];

        using var response = await Client.GetAsync("/v2/_catalog?n=1");

        Assert.Equal([first], await ReadAsync(response));
        Assert.Equal($"</v2/_catalog?last={Uri.EscapeDataString(first)}&n=1>; rel=\"next\"", Http.Header(response, "Link"));
    }

    [Fact]
    public async Task Catalog_FollowingLinks_VisitsEveryRepositoryOnce()
    {
        await PushRepositoriesAsync();
        var all = await ListAllAsync();
        var seen = new List<string>();
        string? next = "/v2/_catalog?n=2";

        for (var page = 0; next is not null; page++)
        {
            Assert.True(page <= all.Count, "the Link headers did not end");
            using var response = await Client.GetAsync(next);
            seen.AddRange(await ReadAsync(response));
            next = Http.NextLink(response);
        }

        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task Catalog_ListWithLast_StartsAfterIt()
    {
        var names = await PushRepositoriesAsync();

        using var response = await Client.GetAsync($"/v2/_catalog?last={Uri.EscapeDataString(names[0])}&n=2");

        Assert.Equal(names[1..3], await ReadAsync(response));
    }

    [Fact]
    public async Task Catalog_RepositoryWithOnlyBlobs_IsNotListed()
    {
        var repository = Names.Repository("catalog");
        await registry.PushBlobAsync(repository, Oci.RandomBytes(10));

        var catalog = await ListAllAsync();

        Assert.DoesNotContain(repository, catalog);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-3")]
    public async Task Catalog_InvalidN_Returns400PaginationNumberInvalid(string n)
    {
        using var response = await Client.GetAsync($"/v2/_catalog?n={n}");

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "PAGINATION_NUMBER_INVALID", response);
    }

    /// <summary>Pushes repositories with nested names under a fresh prefix and returns them in byte order.</summary>
    private async Task<List<string>> PushRepositoriesAsync()
    {
        var prefix = Names.Repository("catalog");
        string[] names = [$"{prefix}/b", $"{prefix}/a/b/c", $"{prefix}/a", $"{prefix}/a-z"];
        foreach (var name in names)
        {
            await registry.PushImageAsync(name, "latest", layerCount: 1);
        }

        return names.Order(StringComparer.Ordinal).ToList();
    }

    private async Task<List<string>> ListAllAsync()
    {
        using var response = await Client.GetAsync("/v2/_catalog?n=1000");
        Assert.Null(Http.Header(response, "Link"));
        return await ReadAsync(response);
    }

    private static async Task<List<string>> ReadAsync(HttpResponseMessage response)
    {
        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = await Http.ReadJsonAsync(response);
        return json.RootElement.GetProperty("repositories").EnumerateArray().Select(name => name.GetString()!).ToList();
    }
}

public sealed class InMemoryCatalogTests(InMemoryRegistry registry) : CatalogTests(registry), IClassFixture<InMemoryRegistry>;

public sealed class FileSystemCatalogTests(FileSystemRegistry registry) : CatalogTests(registry), IClassFixture<FileSystemRegistry>;
