using Registry.Storage.Drivers;
using Registry.Storage.Drivers.InMemory;
using Registry.Storage.Middleware;

namespace Registry.UnitTests.StorageMiddleware;

public sealed class RedirectStorageMiddlewareTests
{
    [Theory]
    [InlineData("https://cdn.example.test", "/docker/registry/v2/x/data", "https://cdn.example.test/docker/registry/v2/x/data")]
    [InlineData("https://cdn.example.test/", "/a/data", "https://cdn.example.test/a/data")]
    [InlineData("https://cdn.example.test/base", "/a/data", "https://cdn.example.test/base/a/data")]
    [InlineData("https://cdn.example.test//base//sub/", "/a/data", "https://cdn.example.test/base/sub/a/data")]
    [InlineData("http://user:secret@cdn.example.test:8080/base?x=1#f", "/a/data", "http://cdn.example.test:8080/base/a/data")]
    [InlineData("https://cdn.example.test/base", "/", "https://cdn.example.test/base")]
    public async Task RedirectUrl_BaseAndPath_JoinsThem(string baseUrl, string path, string expected)
    {
        var driver = new RedirectStorageMiddleware(new InMemoryDriver(), new Uri(baseUrl));

        var url = await driver.RedirectUrlAsync(path, "GET");

        Assert.Equal(expected, url!.AbsoluteUri);
    }

    [Fact]
    public async Task RedirectUrl_InvalidPath_Throws()
    {
        var driver = new RedirectStorageMiddleware(new InMemoryDriver(), new Uri("https://cdn.example.test"));

        await Assert.ThrowsAsync<InvalidPathException>(() => driver.RedirectUrlAsync("/a/../b", "GET"));
    }

    [Fact]
    public async Task Reads_PassThroughToDriver()
    {
        var inner = new InMemoryDriver();
        await inner.PutContentAsync("/a/b", "x"u8.ToArray());
        var driver = new RedirectStorageMiddleware(inner, new Uri("https://cdn.example.test"));

        Assert.Equal("x"u8.ToArray(), await driver.GetContentAsync("/a/b"));
        Assert.Equal(inner.Name, driver.Name);
    }
}
