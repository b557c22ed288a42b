using Registry.Silo.Configuration;
using Registry.Silo.Hosting.Storage;
using Registry.Storage.Drivers.S3;
using Registry.UnitTests.Configuration.Examples;

namespace Registry.UnitTests.Hosting;

public sealed class S3DriverSetupTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void MapOptions_MinimalSection_TakesDistributionDefaults()
    {
        var options = S3DriverSetup.MapOptions(new S3StorageSection { Bucket = "registry", Region = "us-east-1" });

        Assert.Equal(10 * MiB, options.ChunkSize);
        Assert.Equal(32 * MiB, options.MultipartCopyChunkSize);
        Assert.Equal(100, options.MultipartCopyMaxConcurrency);
        Assert.Equal(32 * MiB, options.MultipartCopyThresholdSize);
        Assert.Equal("STANDARD", options.StorageClass);
        Assert.Equal("private", options.ObjectAcl);
        Assert.True(options.Secure);
        Assert.True(options.V4Auth);
        Assert.False(options.LogRequests);
    }

    [Fact]
    public void MapOptions_DocumentedExample_MapsEveryKey()
    {
        var configuration = ConfigurationLoader.Load(DocumentedExamples.S3Driver, "config.yml", new Dictionary<string, string?>());

        var options = S3DriverSetup.MapOptions(configuration.Storage.S3!);

        Assert.Equal("images", options.Bucket);
        Assert.Equal("http://objects.example.test", options.RegionEndpoint);
        Assert.Equal(5 * MiB, options.ChunkSize);
        Assert.Equal("/s3/prefix", options.RootDirectory);
        Assert.Equal("example-kms-key", options.KeyId);
        Assert.True(options.Encrypt);
        Assert.True(options.ForcePathStyle);
        Assert.True(options.LogRequests);
    }

    [Fact]
    public void MapOptions_EverySetKey_IsCopied()
    {
        var section = new S3StorageSection
        {
            AccessKey = "access",
            SecretKey = "secret",
            Region = "eu-west-1",
            RegionEndpoint = "http://127.0.0.1:6040",
            Bucket = "registry",
            ForcePathStyle = true,
            Secure = false,
            SkipVerify = true,
            UseDualStack = true,
            Accelerate = true,
            UseFipsEndpoint = true,
            Encrypt = true,
            KeyId = "kms-key",
            ChunkSize = 6 * MiB,
            MultipartCopyChunkSize = 7 * MiB,
            MultipartCopyMaxConcurrency = 3,
            MultipartCopyThresholdSize = 8 * MiB,
            RootDirectory = "/registry/",
            StorageClass = "none",
            ObjectAcl = "bucket-owner-full-control",
            UserAgent = "registry-test",
            LogLevel = "debugwithsigning",
        };

        var options = S3DriverSetup.MapOptions(section);

        Assert.Equal("access", options.AccessKey);
        Assert.Equal("secret", options.SecretKey);
        Assert.Equal("eu-west-1", options.Region);
        Assert.Equal("http://127.0.0.1:6040", options.RegionEndpoint);
        Assert.True(options.ForcePathStyle);
        Assert.False(options.Secure);
        Assert.True(options.SkipVerify);
        Assert.True(options.UseDualStack);
        Assert.True(options.Accelerate);
        Assert.True(options.UseFipsEndpoint);
        Assert.True(options.Encrypt);
        Assert.Equal("kms-key", options.KeyId);
        Assert.Equal(6 * MiB, options.ChunkSize);
        Assert.Equal(7 * MiB, options.MultipartCopyChunkSize);
        Assert.Equal(3, options.MultipartCopyMaxConcurrency);
        Assert.Equal(8 * MiB, options.MultipartCopyThresholdSize);
        Assert.Equal("/registry/", options.RootDirectory);
        Assert.Equal("NONE", options.StorageClass);
        Assert.Equal("bucket-owner-full-control", options.ObjectAcl);
        Assert.Equal("registry-test", options.UserAgent);
        Assert.True(options.LogRequests);
    }

    [Theory]
    [InlineData("bucket", "storage.s3.bucket")]
    [InlineData("region", "storage.s3.region")]
    [InlineData("chunksize", "storage.s3.chunksize")]
    [InlineData("multipartcopychunksize", "storage.s3.multipartcopychunksize")]
    [InlineData("multipartcopythresholdsize", "storage.s3.multipartcopythresholdsize")]
    [InlineData("multipartcopymaxconcurrency", "storage.s3.multipartcopymaxconcurrency")]
    [InlineData("storageclass", "storage.s3.storageclass")]
    [InlineData("objectacl", "storage.s3.objectacl")]
    [InlineData("secretkey", "storage.s3.secretkey")]
    [InlineData("regionendpoint", "storage.s3.regionendpoint")]
    public void MapOptions_InvalidKey_ThrowsNamingKey(string key, string expected)
    {
        var section = new S3StorageSection { Bucket = "registry", Region = "us-east-1" };
        switch (key)
        {
            case "bucket": section.Bucket = ""; break;
            case "region": section.Region = ""; break;
            case "chunksize": section.ChunkSize = 5 * MiB - 1; break;
            case "multipartcopychunksize": section.MultipartCopyChunkSize = MiB; break;
            case "multipartcopythresholdsize": section.MultipartCopyThresholdSize = -1; break;
            case "multipartcopymaxconcurrency": section.MultipartCopyMaxConcurrency = -2; break;
            case "storageclass": section.StorageClass = "GLACIER"; break;
            case "objectacl": section.ObjectAcl = "everyone"; break;
            case "secretkey": section.AccessKey = "only-access"; break;
            case "regionendpoint": section.RegionEndpoint = "http://bad host"; break;
        }

        var exception = Assert.Throws<ConfigurationException>(() => S3DriverSetup.MapOptions(section));

        Assert.Contains(expected, exception.Message);
    }

    [Fact]
    public void MapOptions_InvalidSection_HidesSecretKey()
    {
        var section = new S3StorageSection { SecretKey = "very-secret-value", Region = "us-east-1" };

        var exception = Assert.Throws<ConfigurationException>(() => S3DriverSetup.MapOptions(section));

        Assert.DoesNotContain("very-secret-value", exception.Message);
    }

    [Theory]
    [InlineData("s3.example.com", true, "https://s3.example.com")]
    [InlineData("s3.example.com", false, "http://s3.example.com")]
    [InlineData("http://127.0.0.1:6040", true, "http://127.0.0.1:6040")]
    public void EndpointUrl_WithoutScheme_TakesSchemeFromSecure(string endpoint, bool secure, string expected)
    {
        var options = new S3DriverOptions { RegionEndpoint = endpoint, Secure = secure };

        Assert.Equal(expected, S3ClientFactory.EndpointUrl(options));
    }

    [Theory]
    [InlineData("", "/docker/registry/v2/x", "docker/registry/v2/x")]
    [InlineData("/registry/", "/docker/registry/v2/x", "registry/docker/registry/v2/x")]
    [InlineData("registry", "/docker", "registry/docker")]
    [InlineData("/a/b", "/c", "a/b/c")]
    public void KeyOf_RootDirectory_MatchesDistributionLayout(string root, string path, string expected)
    {
        var keys = new S3Keys(root);

        Assert.Equal(expected, keys.KeyOf(path));
        Assert.Equal(path, keys.PathOf(expected));
    }

    [Theory]
    [InlineData("", "/", "")]
    [InlineData("/registry/", "/", "registry/")]
    [InlineData("", "/a", "a/")]
    [InlineData("/registry", "/a", "registry/a/")]
    public void DirectoryPrefix_Path_EndsWithSlash(string root, string path, string expected)
    {
        Assert.Equal(expected, new S3Keys(root).DirectoryPrefix(path));
    }

    [Theory]
    [InlineData(12, 5, new long[] { 5, 7 })]
    [InlineData(10, 5, new long[] { 5, 5 })]
    [InlineData(3, 5, new long[] { 3 })]
    [InlineData(33, 32, new long[] { 33 })]
    [InlineData(70, 32, new long[] { 32, 32, 6 })]
    [InlineData(68, 32, new long[] { 32, 36 })]
    public void CopyRanges_Length_HasNoSmallPartBeforeLast(long lengthMiB, long chunkMiB, long[] expectedMiB)
    {
        var ranges = S3Driver.CopyRanges(lengthMiB * MiB, chunkMiB * MiB);

        Assert.Equal(expectedMiB.Select(size => size * MiB), ranges.Select(range => range.Last - range.First + 1));
        Assert.Equal(0, ranges[0].First);
        Assert.Equal(lengthMiB * MiB - 1, ranges[^1].Last);
    }
}
