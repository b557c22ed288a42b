using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using Registry.ApiTests.Infrastructure;

namespace Registry.ApiTests.Redirects;

/// <summary>
/// The <c>cloudfront</c> storage middleware over a presigning driver: signed CloudFront URLs that verify
/// with the key pair's public key, and the AWS address filter served by a local <c>ip-ranges.json</c>.
/// </summary>
public sealed class CloudFrontTests : IDisposable
{
    private const string BaseUrl = "https://d111111abcdef8.cloudfront.test/";
    private const string KeyPairId = "K2JCJMDEHXQW5F";

    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyFile;

    public CloudFrontTests()
    {
        _keyFile = Path.Combine(Path.GetTempPath(), $"cloudfront-{Guid.NewGuid():N}.pem");
        File.WriteAllText(_keyFile, _key.ExportRSAPrivateKeyPem());
    }

    public void Dispose()
    {
        _key.Dispose();
        File.Delete(_keyFile);
    }

    [Fact]
    public async Task GetBlob_CloudFront_RedirectsToSignedUrl()
    {
        await using var host = await RedirectHost.StartAsync(presigning: true, middleware: CloudFront(("duration", "30m")));
        var digest = await host.PushBlobAsync(Oci.RandomBytes(1000));

        var before = DateTimeOffset.UtcNow;
        using var response = await host.Client.GetAsync($"/v2/test/redirect/blobs/{digest}");
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        var location = response.Headers.Location!;
        var resource = BaseUrl + "root" + BlobRedirectTests.BlobPath(digest);
        Assert.Equal(resource, location.GetLeftPart(UriPartial.Path));

        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(new string?[] { "Expires", "Signature", "Key-Pair-Id" }, query.AllKeys);
        Assert.Equal(KeyPairId, query["Key-Pair-Id"]);
        var expires = long.Parse(query["Expires"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, (before + TimeSpan.FromMinutes(30)).ToUnixTimeSeconds(), (after + TimeSpan.FromMinutes(30)).ToUnixTimeSeconds());

        var policy = $$$$"""{"Statement":[{"Resource":"{{{{resource}}}}","Condition":{"DateLessThan":{"AWS:EpochTime":{{{{expires}}}}}}}]}""";
        var signature = Convert.FromBase64String(query["Signature"]!.Replace('-', '+').Replace('_', '=').Replace('~', '/'));
        Assert.True(_key.VerifyData(Encoding.UTF8.GetBytes(policy), signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task GetBlob_CloudFrontDefaultDuration_ExpiresInTwentyMinutes()
    {
        await using var host = await RedirectHost.StartAsync(presigning: true, middleware: CloudFront());
        var digest = await host.PushBlobAsync(Oci.RandomBytes(100));

        var before = DateTimeOffset.UtcNow;
        using var response = await host.Client.GetAsync($"/v2/test/redirect/blobs/{digest}");
        var after = DateTimeOffset.UtcNow;

        var expires = long.Parse(HttpUtility.ParseQueryString(response.Headers.Location!.Query)["Expires"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, (before + TimeSpan.FromMinutes(20)).ToUnixTimeSeconds(), (after + TimeSpan.FromMinutes(20)).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task GetBlob_CloudFrontOverDriverWithoutKeys_RedirectsToDriverUrl()
    {
        await using var host = await RedirectHost.StartAsync(
            presigning: false,
            middleware: [RedirectHost.Middleware("redirect", ("baseurl", "https://origin.example.test/")), CloudFront()]);
        var digest = await host.PushBlobAsync(Oci.RandomBytes(100));

        using var response = await host.Client.GetAsync($"/v2/test/redirect/blobs/{digest}");

        Assert.Equal(new Uri("https://origin.example.test" + BlobRedirectTests.BlobPath(digest)), response.Headers.Location);
    }

    [Fact]
    public async Task GetBlob_ClientInAwsRanges_RedirectsToDriverUrl()
    {
        await using var ranges = await IpRangesServer.StartAsync("127.0.0.0/8", "us-east-1");
        await using var host = await RedirectHost.StartAsync(
            presigning: true,
            middleware: CloudFront(("ipfilteredby", "aws"), ("iprangesurl", ranges.Url.ToString())));
        var digest = await host.PushBlobAsync(Oci.RandomBytes(100));

        using var response = await host.Client.GetAsync($"/v2/test/redirect/blobs/{digest}");

        Assert.Equal(PresigningDriver.UrlFor(BlobRedirectTests.BlobPath(digest), "GET"), response.Headers.Location);
    }

    [Fact]
    public async Task GetBlob_ForwardedClientOutsideAwsRanges_RedirectsToCloudFront()
    {
        await using var ranges = await IpRangesServer.StartAsync("127.0.0.0/8", "us-east-1");
        await using var host = await RedirectHost.StartAsync(
            presigning: true,
            middleware: CloudFront(("ipfilteredby", "aws"), ("iprangesurl", ranges.Url.ToString())));
        var digest = await host.PushBlobAsync(Oci.RandomBytes(100));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/test/redirect/blobs/{digest}");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9, 127.0.0.1");

        using var response = await host.Client.SendAsync(request);

        Assert.StartsWith(BaseUrl, response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBlob_ForwardedClientInAwsIpv6Range_RedirectsToDriverUrl()
    {
        await using var ranges = await IpRangesServer.StartAsync("198.51.100.0/24", "eu-west-1");
        await using var host = await RedirectHost.StartAsync(
            presigning: true,
            middleware: CloudFront(("ipfilteredby", "aws"), ("iprangesurl", ranges.Url.ToString())));
        var digest = await host.PushBlobAsync(Oci.RandomBytes(100));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/test/redirect/blobs/{digest}");
        request.Headers.Add("X-Real-Ip", "2001:db8::17");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(PresigningDriver.UrlFor(BlobRedirectTests.BlobPath(digest), "GET"), response.Headers.Location);
    }

    [Theory]
    [InlineData("us-east-1", true)]
    [InlineData("eu-west-1, US-EAST-1", true)]
    [InlineData("eu-west-1", false)]
    public async Task GetBlob_AwsRegionFilter_RedirectsByRegion(string regions, bool toDriver)
    {
        await using var ranges = await IpRangesServer.StartAsync("127.0.0.0/8", "us-east-1");
        await using var host = await RedirectHost.StartAsync(
            presigning: true,
            middleware: CloudFront(("ipfilteredby", "awsregion"), ("awsregion", regions), ("iprangesurl", ranges.Url.ToString())));
        var digest = await host.PushBlobAsync(Oci.RandomBytes(100));

        using var response = await host.Client.GetAsync($"/v2/test/redirect/blobs/{digest}");

        var location = response.Headers.Location!.ToString();
        Assert.Equal(toDriver, location.StartsWith(PresigningDriver.StorageOrigin, StringComparison.Ordinal));
        Assert.Equal(!toDriver, location.StartsWith(BaseUrl, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetBlob_IpRangesUnreachable_RedirectsToCloudFront()
    {
        // A server that has stopped leaves a port that refuses connections.
        var ranges = await IpRangesServer.StartAsync("127.0.0.0/8", "us-east-1");
        var url = ranges.Url.ToString();
        await ranges.DisposeAsync();
        await using var host = await RedirectHost.StartAsync(
            presigning: true,
            middleware: CloudFront(("ipfilteredby", "aws"), ("iprangesurl", url)));
        var digest = await host.PushBlobAsync(Oci.RandomBytes(100));

        using var response = await host.Client.GetAsync($"/v2/test/redirect/blobs/{digest}");

        Assert.StartsWith(BaseUrl, response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private Registry.Silo.Configuration.MiddlewareEntry CloudFront(params (string Key, string Value)[] options) =>
        RedirectHost.Middleware(
            "cloudfront",
            [("baseurl", BaseUrl.TrimEnd('/')), ("privatekey", _keyFile), ("keypairid", KeyPairId), .. options]);
}
