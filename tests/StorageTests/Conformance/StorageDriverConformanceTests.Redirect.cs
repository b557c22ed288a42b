using Registry.Storage.Drivers;
using Registry.Storage.Drivers.FileSystem;
using Registry.Storage.Drivers.InMemory;

namespace Registry.StorageTests.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    /// <summary>Whether the driver under test serves no redirects, so every redirect URL it returns must be null.</summary>
    private bool DriverHasNoRedirects => Driver.Name is FileSystemDriver.DriverName or InMemoryDriver.DriverName;

    [SkippableTheory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task RedirectUrl_MissingFile_ReturnsNullOrUrlOrThrowsPathNotFound(string method)
    {
        await Driver.PutContentAsync("/redirect/file", Bytes(1, seed: 700));
        Uri? url = null;

        // A driver that presigns URLs may return one without checking that the file exists.
        var exception = await Record.ExceptionAsync(async () => url = await Driver.RedirectUrlAsync("/redirect/missing", method));

        Assert.True(exception is null or PathNotFoundException, $"RedirectUrlAsync of a missing file threw {exception}");
        if (DriverHasNoRedirects)
        {
            Assert.Null(exception);
            Assert.Null(url);
        }
        else
        {
            AssertRedirectUrl(url);
        }
    }

    [SkippableTheory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task RedirectUrl_ExistingFile_ReturnsNullOrAbsoluteUrl(string method)
    {
        await Driver.PutContentAsync("/redirect/file", Bytes(1, seed: 701));

        var url = await Driver.RedirectUrlAsync("/redirect/file", method);

        if (DriverHasNoRedirects)
        {
            Assert.Null(url);
        }
        else
        {
            AssertRedirectUrl(url);
        }
    }

    private static void AssertRedirectUrl(Uri? url)
    {
        if (url is null)
        {
            return;
        }

        // The URL may carry a signature, so the messages leave it out.
        Assert.True(url.IsAbsoluteUri, "the redirect URL is not absolute");
        Assert.Contains(url.Scheme, new[] { Uri.UriSchemeHttp, Uri.UriSchemeHttps });
    }
}
