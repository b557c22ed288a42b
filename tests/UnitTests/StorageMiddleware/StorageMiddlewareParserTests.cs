using System.Security.Cryptography;
using Registry.Gateway.StorageMiddleware;
using Registry.Silo.Configuration;
using Registry.Silo.Hosting.Storage;

namespace Registry.UnitTests.StorageMiddleware;

public sealed class StorageMiddlewareParserTests : IDisposable
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"cloudfront-{Guid.NewGuid():N}.pem");

    public StorageMiddlewareParserTests()
    {
        using var key = RSA.Create(2048);
        File.WriteAllText(_keyFile, key.ExportRSAPrivateKeyPem());
    }

    public void Dispose() => File.Delete(_keyFile);

    [Fact]
    public void Parse_Redirect_ReadsBaseUrl()
    {
        var spec = Assert.Single(StorageMiddlewareParser.Parse([Entry("redirect", ("baseurl", "https://cdn.example.test/base"))]));

        Assert.Equal(new Uri("https://cdn.example.test/base"), Assert.IsType<RedirectMiddlewareSpec>(spec).BaseUrl);
    }

    [Fact]
    public void Parse_DisabledEntry_IsSkipped()
    {
        var entry = Entry("akamai");
        entry.Disabled = true;

        Assert.Empty(StorageMiddlewareParser.Parse([entry]));
    }

    [Fact]
    public void Parse_CloudFrontDefaults_MatchDistribution()
    {
        var spec = Assert.IsType<CloudFrontMiddlewareSpec>(Assert.Single(StorageMiddlewareParser.Parse([CloudFront()])));

        Assert.Equal("https://d1.cloudfront.test/", spec.Options.BaseUrl);
        Assert.Equal("KPID", spec.Options.KeyPairId);
        Assert.Equal(TimeSpan.FromMinutes(20), spec.Options.Duration);
        Assert.Equal(AwsIpFilter.None, spec.Options.IpFilter);
        Assert.Equal(TimeSpan.FromHours(12), spec.Options.UpdateFrequency);
        Assert.Equal(CloudFrontOptions.DefaultIpRangesUrl, spec.Options.IpRangesUrl);
        Assert.Null(spec.AwsRanges);
    }

    [Fact]
    public void Parse_CloudFrontAllOptions_ReadsEach()
    {
        var entry = CloudFront(
            ("duration", "1h30m"),
            ("ipfilteredby", " AWSRegion "),
            ("awsregion", "us-east-1, EU-west-1"),
            ("updatefrequency", "10m"),
            ("iprangesurl", "http://127.0.0.1:9/ranges.json"));

        var spec = Assert.IsType<CloudFrontMiddlewareSpec>(Assert.Single(StorageMiddlewareParser.Parse([entry])));

        Assert.Equal(TimeSpan.FromMinutes(90), spec.Options.Duration);
        Assert.Equal(AwsIpFilter.AwsRegion, spec.Options.IpFilter);
        Assert.Equal(["us-east-1", "eu-west-1"], spec.Options.AwsRegions);
        Assert.Equal(TimeSpan.FromMinutes(10), spec.Options.UpdateFrequency);
        Assert.Equal(new Uri("http://127.0.0.1:9/ranges.json"), spec.Options.IpRangesUrl);
        Assert.NotNull(spec.AwsRanges);
    }

    [Fact]
    public void Parse_CloudFrontMisspelledUpdateFrequency_IsRead()
    {
        var spec = Assert.IsType<CloudFrontMiddlewareSpec>(Assert.Single(StorageMiddlewareParser.Parse([CloudFront(("updatefrenquency", "2h"))])));

        Assert.Equal(TimeSpan.FromHours(2), spec.Options.UpdateFrequency);
    }

    [Theory]
    [InlineData("d1.cloudfront.test", "https://d1.cloudfront.test/")]
    [InlineData("http://d1.cloudfront.test/base", "http://d1.cloudfront.test/base/")]
    public void Parse_CloudFrontBaseUrl_IsNormalized(string baseUrl, string expected)
    {
        var spec = Assert.IsType<CloudFrontMiddlewareSpec>(Assert.Single(StorageMiddlewareParser.Parse([CloudFront(("baseurl", baseUrl))])));

        Assert.Equal(expected, spec.Options.BaseUrl);
    }

    public static TheoryData<string, string, string?, string> InvalidOptions => new()
    {
        { "redirect", "baseurl", null, "middleware.storage[0].options.baseurl is missing" },
        { "redirect", "baseurl", "/relative", "middleware.storage[0].options.baseurl is '/relative', but must be an absolute URL" },
        { "cloudfront", "baseurl", null, "middleware.storage[0].options.baseurl is missing" },
        { "cloudfront", "keypairid", null, "middleware.storage[0].options.keypairid is missing" },
        { "cloudfront", "privatekey", null, "middleware.storage[0].options.privatekey is missing" },
        { "cloudfront", "privatekey", "/nonexistent/key.pem", "middleware.storage[0].options.privatekey is '/nonexistent/key.pem', but could not be read" },
        { "cloudfront", "duration", "soon", "middleware.storage[0].options.duration is 'soon', but must be a positive duration" },
        { "cloudfront", "duration", "-1m", "middleware.storage[0].options.duration is '-1m', but must be a positive duration" },
        { "cloudfront", "updatefrequency", "0s", "middleware.storage[0].options.updatefrequency is '0s', but must be a positive duration" },
        { "cloudfront", "ipfilteredby", "gcp", "middleware.storage[0].options.ipfilteredby is 'gcp', but must be none, aws or awsregion" },
        { "cloudfront", "ipfilteredby", "awsregion", "middleware.storage[0].options.awsregion is missing" },
        { "cloudfront", "iprangesurl", "ftp://x/ranges", "middleware.storage[0].options.iprangesurl is 'ftp://x/ranges', but must be an http or https URL" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Parse_InvalidOption_FailsNamingKey(string name, string key, string? value, string expected)
    {
        var entry = name == "redirect" ? Entry("redirect", ("baseurl", "https://cdn.example.test")) : CloudFront();
        if (value is null)
        {
            entry.Options.Remove(key);
        }
        else
        {
            entry.Options[key] = value;
        }

        var exception = Assert.Throws<ConfigurationException>(() => StorageMiddlewareParser.Parse([entry]));

        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyFileWithoutRsaKey_FailsNamingKey()
    {
        File.WriteAllText(_keyFile, "not a key");

        var exception = Assert.Throws<ConfigurationException>(() => StorageMiddlewareParser.Parse([CloudFront()]));

        Assert.Equal($"middleware.storage[0].options.privatekey is '{_keyFile}', but must name a PEM file with an RSA private key", exception.Message);
    }

    [Fact]
    public void Parse_ListOption_FailsNamingKey()
    {
        var entry = CloudFront();
        entry.Options["keypairid"] = new List<object?> { "a", "b" };

        var exception = Assert.Throws<ConfigurationException>(() => StorageMiddlewareParser.Parse([entry]));

        Assert.Equal("middleware.storage[0].options.keypairid must be a single value, not a list or a map", exception.Message);
    }

    [Fact]
    public void Parse_UnknownName_FailsNamingKey()
    {
        var exception = Assert.Throws<ConfigurationException>(() => StorageMiddlewareParser.Parse([Entry("redirect", ("baseurl", "https://x.test")), Entry("akamai")]));

        Assert.Equal("middleware.storage[1].name is 'akamai', but no storage middleware has that name; use redirect or cloudfront", exception.Message);
    }

    [Fact]
    public void Load_StorageMiddleware_IsNoLongerANotice()
    {
        const string yaml = "version: 0.1\nstorage: inmemory\nmiddleware:\n  storage:\n    - name: redirect\n      options:\n        baseurl: https://cdn.example.test/\n";

        var configuration = ConfigurationLoader.Load(yaml, "config.yml", new Dictionary<string, string?>());

        Assert.Empty(configuration.Notices);
    }

    private MiddlewareEntry CloudFront(params (string Key, string Value)[] options) =>
        Entry("cloudfront", [("baseurl", "https://d1.cloudfront.test"), ("privatekey", _keyFile), ("keypairid", "KPID"), .. options]);

    private static MiddlewareEntry Entry(string name, params (string Key, string Value)[] options)
    {
        var entry = new MiddlewareEntry { Name = name };
        foreach (var (key, value) in options)
        {
            entry.Options[key] = value;
        }

        return entry;
    }
}
