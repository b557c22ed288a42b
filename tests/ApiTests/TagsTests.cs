using System.Net;
using Registry.ApiTests.Infrastructure;

namespace Registry.ApiTests;

/// <summary><c>GET /v2/&lt;name&gt;/tags/list</c>: sorting, <c>n</c>, <c>last</c> and the <c>Link</c> header.</summary>
public abstract class TagsTests(RegistryFixture registry)
{
    private const int MaxPageSize = 1000;

    // Byte order, as distribution sorts: digits before uppercase before lowercase.
    private static readonly string[] SortedTags = ["1.0", "10", "9", "Beta", "alpha", "latest", "v_2"];

    private HttpClient Client => registry.Client;

    [Fact]
    public async Task Tags_List_ReturnsAllSorted()
    {
        var repository = await PushTagsAsync(SortedTags.Reverse());

        using var response = await Client.GetAsync($"/v2/{repository}/tags/list");

        var (name, tags) = await ReadAsync(response);
        Assert.Equal(repository, name);
        Assert.Equal(SortedTags, tags);
        Assert.Null(Http.Header(response, "Link"));
    }

    [Fact]
    public async Task Tags_ListWithN_ReturnsPageAndLink()
    {
        var repository = await PushTagsAsync(SortedTags);

        using var response = await Client.GetAsync($"/v2/{repository}/tags/list?n=2");

        var (_, tags) = await ReadAsync(response);
        Assert.Equal(SortedTags[..2], tags);
        Assert.Equal($"</v2/{repository}/tags/list?last=10&n=2>; rel=\"next\"", Http.Header(response, "Link"));
    }

    [Fact]
    public async Task Tags_FollowingLinks_VisitsEveryTagOnce()
    {
        var repository = await PushTagsAsync(SortedTags);
        var seen = new List<string>();
        string? next = $"/v2/{repository}/tags/list?n=3";

        for (var page = 0; next is not null; page++)
        {
            Assert.True(page < SortedTags.Length, "the Link headers did not end");
            using var response = await Client.GetAsync(next);
            var (_, tags) = await ReadAsync(response);
            seen.AddRange(tags);
            next = Http.NextLink(response);
        }

        Assert.Equal(SortedTags, seen);
    }

    [Theory]
    [InlineData("Beta", null, new[] { "alpha", "latest", "v_2" })]
    [InlineData("Beta", "2", new[] { "alpha", "latest" })]
    [InlineData("b", null, new[] { "latest", "v_2" })]
    [InlineData("v_2", null, new string[0])]
    [InlineData("zzz", "5", new string[0])]
    public async Task Tags_ListWithLast_StartsAfterIt(string last, string? n, string[] expected)
    {
        var repository = await PushTagsAsync(SortedTags);
        var query = n is null ? $"last={last}" : $"last={last}&n={n}";

        using var response = await Client.GetAsync($"/v2/{repository}/tags/list?{query}");

        var (_, tags) = await ReadAsync(response);
        Assert.Equal(expected, tags);
    }

    [Fact]
    public async Task Tags_LastPageExactlyFull_SendsNoLink()
    {
        var repository = await PushTagsAsync(SortedTags);

        using var response = await Client.GetAsync($"/v2/{repository}/tags/list?last=Beta&n=3");

        var (_, tags) = await ReadAsync(response);
        Assert.Equal(["alpha", "latest", "v_2"], tags);
        Assert.Null(Http.Header(response, "Link"));
    }

    [Fact]
    public async Task Tags_NAboveMaximum_ReturnsMaximumAndLink()
    {
        var names = Enumerable.Range(0, MaxPageSize + 5).Select(i => $"t{i:D5}").ToList();
        var repository = await PushTagsAsync(names);

        // One repository serves both rows, because pushing a thousand tags is the slow part.
        foreach (var n in new[] { "5000", "99999999999999999999" })
        {
            using var response = await Client.GetAsync($"/v2/{repository}/tags/list?n={n}");

            var (_, tags) = await ReadAsync(response);
            Assert.Equal(names[..MaxPageSize], tags);
            Assert.Equal($"</v2/{repository}/tags/list?last={names[MaxPageSize - 1]}&n={MaxPageSize}>; rel=\"next\"", Http.Header(response, "Link"));
            using var rest = await Client.GetAsync(Http.NextLink(response));
            var (_, restTags) = await ReadAsync(rest);
            Assert.Equal(names[MaxPageSize..], restTags);
            Assert.Null(Http.Header(rest, "Link"));
        }
    }

    [Fact]
    public async Task Tags_UntaggedRepository_ReturnsEmptyList()
    {
        var repository = Names.Repository("tags");
        await registry.PushImageAsync(repository, tag: null);

        using var response = await Client.GetAsync($"/v2/{repository}/tags/list");

        var (_, tags) = await ReadAsync(response);
        Assert.Empty(tags);
    }

    [Fact]
    public async Task Tags_UnknownRepository_Returns404NameUnknown()
    {
        using var response = await Client.GetAsync($"/v2/{Names.Repository("tags")}/tags/list");

        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "NAME_UNKNOWN", response);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task Tags_InvalidN_Returns400PaginationNumberInvalid(string n)
    {
        var repository = await PushTagsAsync(["latest"]);

        using var response = await Client.GetAsync($"/v2/{repository}/tags/list?n={n}");

        await Http.AssertErrorAsync(HttpStatusCode.BadRequest, "PAGINATION_NUMBER_INVALID", response);
    }

    [Fact]
    public async Task Tags_ListAfterTagChanges_ShowsEachChange()
    {
        var repository = await PushTagsAsync(["a", "b"]);
        using (var first = await Client.GetAsync($"/v2/{repository}/tags/list"))
        {
            Assert.Equal(["a", "b"], (await ReadAsync(first)).Tags);
        }

        var image = await registry.PushImageAsync(repository, tag: "c", layerCount: 1);
        using (var added = await Client.GetAsync($"/v2/{repository}/tags/list"))
        {
            Assert.Equal(["a", "b", "c"], (await ReadAsync(added)).Tags);
        }

        using (var delete = await Client.DeleteAsync($"/v2/{repository}/manifests/a"))
        {
            Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        }

        using (var removed = await Client.GetAsync($"/v2/{repository}/tags/list"))
        {
            Assert.Equal(["b", "c"], (await ReadAsync(removed)).Tags);
        }

        using (var deleteManifest = await Client.DeleteAsync($"/v2/{repository}/manifests/{image.ManifestDigest}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, deleteManifest.StatusCode);
        }

        using var afterManifest = await Client.GetAsync($"/v2/{repository}/tags/list");
        Assert.Equal(["b"], (await ReadAsync(afterManifest)).Tags);
    }

    /// <summary>Pushes one image and tags it with every name in <paramref name="tags"/>, a few puts at a time.</summary>
    private async Task<string> PushTagsAsync(IEnumerable<string> tags)
    {
        var repository = Names.Repository("tags");
        var image = await registry.PushImageAsync(repository, tag: null, layerCount: 1);
        await Parallel.ForEachAsync(
            tags,
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (tag, _) => await registry.PutManifestAsync(repository, tag, image.Manifest, Oci.OciManifest));
        return repository;
    }

    private static async Task<(string Name, List<string> Tags)> ReadAsync(HttpResponseMessage response)
    {
        await Http.AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = await Http.ReadJsonAsync(response);
        var tags = json.RootElement.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()!).ToList();
        return (json.RootElement.GetProperty("name").GetString()!, tags);
    }
}

public sealed class InMemoryTagsTests(InMemoryRegistry registry) : TagsTests(registry), IClassFixture<InMemoryRegistry>;

public sealed class FileSystemTagsTests(FileSystemRegistry registry) : TagsTests(registry), IClassFixture<FileSystemRegistry>;
