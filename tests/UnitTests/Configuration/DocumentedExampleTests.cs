using Registry.Silo.Configuration;
using Registry.Silo.Configuration.Binding;
using Registry.UnitTests.Configuration.Examples;

namespace Registry.UnitTests.Configuration;

/// <summary>Every example of distribution's configuration reference loads, and every key in it is known.</summary>
public sealed class DocumentedExampleTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    public static TheoryData<string, string> LoadableExamples => new()
    {
        { nameof(DocumentedExamples.FullListingV3), DocumentedExamples.FullListingV3 },
        { nameof(DocumentedExamples.FullListingV28), DocumentedExamples.FullListingV28 },
        { nameof(DocumentedExamples.Development), DocumentedExamples.Development },
        { nameof(DocumentedExamples.CloudFrontMiddleware), DocumentedExamples.CloudFrontMiddleware },
        { nameof(DocumentedExamples.LogSection), DocumentedExamples.LogSection },
        { nameof(DocumentedExamples.StorageSection), DocumentedExamples.StorageSection },
        { nameof(DocumentedExamples.AuthSilly), DocumentedExamples.AuthSilly },
        { nameof(DocumentedExamples.AuthHtpasswd), DocumentedExamples.AuthHtpasswd },
        { nameof(DocumentedExamples.AuthToken), DocumentedExamples.AuthToken },
        { nameof(DocumentedExamples.HttpSection), DocumentedExamples.HttpSection },
        { nameof(DocumentedExamples.RedisV3), DocumentedExamples.RedisV3 },
        { nameof(DocumentedExamples.Validation), DocumentedExamples.Validation },
        { nameof(DocumentedExamples.FileSystemDriver), DocumentedExamples.FileSystemDriver },
    };

    /// <summary>Examples that select an object-store driver, with that driver's name.</summary>
    public static TheoryData<string, string, string> ObjectStoreExamples => new()
    {
        { nameof(DocumentedExamples.S3Driver), DocumentedExamples.S3Driver, "s3" },
        { nameof(DocumentedExamples.S3WithCloudFront), DocumentedExamples.S3WithCloudFront, "s3" },
        { nameof(DocumentedExamples.AzureDriver), DocumentedExamples.AzureDriver, "azure" },
        { nameof(DocumentedExamples.GcsDriver), DocumentedExamples.GcsDriver, "gcs" },
        { nameof(DocumentedExamples.SwiftDriver), DocumentedExamples.SwiftDriver, "swift" },
        { nameof(DocumentedExamples.OssDriver), DocumentedExamples.OssDriver, "oss" },
    };

    [Theory]
    [MemberData(nameof(LoadableExamples))]
    public void Load_DocumentedExample_LoadsWithEveryKeyKnown(string name, string yaml)
    {
        var configuration = ConfigurationLoader.Load(yaml, name, NoEnvironment);

        Assert.DoesNotContain(configuration.Warnings, warning => warning.Text.StartsWith("unknown key", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ObjectStoreExamples))]
    public void Bind_ObjectStoreExample_KnowsEveryKey(string name, string yaml, string driver)
    {
        var warnings = new List<ConfigurationMessage>();
        var root = YamlTreeReader.Read(yaml, name, warnings);
        var configuration = new RegistryConfiguration();

        new ConfigurationBinder(new SourceMap(name), warnings).BindRoot(configuration, root);

        Assert.Empty(warnings);
        Assert.Equal([driver], configuration.Storage.ConfiguredDrivers());
    }

    /// <summary>The examples of the drivers this registry serves: <see cref="DocumentedExamples.OssDriver"/> stops start-up instead.</summary>
    public static TheoryData<string, string, string> SupportedObjectStoreExamples => new()
    {
        { nameof(DocumentedExamples.S3Driver), DocumentedExamples.S3Driver, "s3" },
        { nameof(DocumentedExamples.S3WithCloudFront), DocumentedExamples.S3WithCloudFront, "s3" },
        { nameof(DocumentedExamples.AzureDriver), DocumentedExamples.AzureDriver, "azure" },
        { nameof(DocumentedExamples.GcsDriver), DocumentedExamples.GcsDriver, "gcs" },
        { nameof(DocumentedExamples.SwiftDriver), DocumentedExamples.SwiftDriver, "swift" },
    };

    [Theory]
    [MemberData(nameof(SupportedObjectStoreExamples))]
    public void Load_ObjectStoreExample_SelectsDriver(string name, string yaml, string driver)
    {
        var configuration = ConfigurationLoader.Load(yaml, name, NoEnvironment);

        Assert.Equal(driver, configuration.StorageDriver);
        Assert.DoesNotContain(configuration.Warnings, warning => warning.Text.StartsWith("unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OssExample_StopsWithUnsupportedDriver()
    {
        var exception = Assert.Throws<ConfigurationException>(
            () => ConfigurationLoader.Load(DocumentedExamples.OssDriver, nameof(DocumentedExamples.OssDriver), NoEnvironment));

        Assert.Equal(
            $"{nameof(DocumentedExamples.OssDriver)}:3: storage driver 'oss' is not supported by this registry; use filesystem, inmemory, s3, azure, gcs or swift",
            exception.Message);
    }

    [Fact]
    public void Load_FullListingV3_ReadsEverySection()
    {
        var configuration = ConfigurationLoader.Load(DocumentedExamples.FullListingV3, "config.yml", NoEnvironment);

        Assert.True(configuration.Log.AccessLog.Disabled);
        Assert.Equal(LogFormat.Text, configuration.Log.Formatter);
        Assert.Equal("staging", configuration.Log.Fields["environment"]);
        Assert.Equal("smtp.example.test:25", Assert.Single(configuration.Log.Hooks).Options.Smtp.Address);
        Assert.Equal(8, configuration.Storage.Tag.ConcurrencyLimit);
        Assert.Equal(BlobDescriptorCacheKind.Redis, configuration.Storage.Cache.BlobDescriptor);
        Assert.Equal(["EdDSA", "HS256"], configuration.Auth.Token?.SigningAlgorithms);
        Assert.Equal("redirect", Assert.Single(configuration.Middleware.Storage).Name);
        Assert.Equal(TimeSpan.FromSeconds(60), configuration.Http.DrainTimeout);
        Assert.Equal(2, configuration.Http.Tls.ClientCas.Count);
        Assert.Equal(["registry.example.test"], configuration.Http.Tls.LetsEncrypt.Hosts);
        Assert.True(configuration.Http.Debug.Prometheus.Enabled);
        Assert.Equal(["nosniff"], configuration.Http.Headers["X-Content-Type-Options"]);
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(configuration.Notifications.Endpoints).Backoff);
        Assert.Equal(["localhost:6379"], configuration.Redis.Addresses);
        Assert.Equal(TimeSpan.FromSeconds(300), configuration.Redis.ConnectionMaxIdleTime);
        // The listing repeats redis.tls, and the later "tls: {enabled: false}" replaces the certificate files.
        Assert.Empty(configuration.Redis.Tls.ClientCas);
        Assert.Equal(3, configuration.Health.StorageDriver.Threshold);
        Assert.Equal(TimeSpan.FromSeconds(3), Assert.Single(configuration.Health.Tcp).Timeout);
        Assert.Equal(TimeSpan.FromHours(1), configuration.Proxy.Exec?.Lifetime);
        Assert.Equal("library", configuration.Proxy.RemoteNamespace);
        Assert.Equal(IndexPlatformValidation.List, configuration.Validation.Manifests.Indexes.Platforms);
        Assert.Equal("amd64", Assert.Single(configuration.Validation.Manifests.Indexes.PlatformList).Architecture);
    }

    [Fact]
    public void Load_FullListingV3_WarnsDuplicatesDeprecations()
    {
        var configuration = ConfigurationLoader.Load(DocumentedExamples.FullListingV3, "config.yml", NoEnvironment);

        Assert.Contains(configuration.Warnings, warning => warning.Text == "key 'storage' appears twice in the same mapping; the later value is used");
        Assert.Contains(configuration.Warnings, warning => warning.Text == "key 'tls' appears twice in the same mapping; the later value is used");
        Assert.Contains(configuration.Warnings, warning => warning.Text == "loglevel is deprecated; write log.level");
        Assert.Contains(configuration.Warnings, warning => warning.Text == "http.tls.letsencrypt is ignored because http.tls.certificate is set");
    }

    [Fact]
    public void Load_FullListingV3_ListsEachUnsupportedFeature()
    {
        var configuration = ConfigurationLoader.Load(DocumentedExamples.FullListingV3, "config.yml", NoEnvironment);

        var notices = configuration.Notices.Select(notice => notice.Text.Split(' ')[0]).ToList();
        Assert.Equal(
            ["notifications.endpoints", "redis", "storage.cache.blobdescriptor", "middleware.registry", "middleware.repository",
             "proxy", "validation.manifests", "log.fields", "health.file", "health.http", "health.tcp"],
            notices);
    }

    [Fact]
    public void Load_FullListingV28_ReadsVersionTwoKeys()
    {
        var configuration = ConfigurationLoader.Load(DocumentedExamples.FullListingV28, "config.yml", NoEnvironment);

        Assert.Equal("localhost:6379", configuration.Redis.Address);
        Assert.Equal(64, configuration.Redis.Pool.MaxActive);
        Assert.Equal(TimeSpan.FromSeconds(300), configuration.Redis.Pool.IdleTimeout);
        Assert.True(configuration.Compatibility.Schema1.Enabled);
        Assert.Equal("/etc/registry/schema1-key.json", configuration.Compatibility.Schema1.SigningKeyFile);
        Assert.True(configuration.Reporting.NewRelic.Verbose);
        Assert.Equal(MinimumTlsVersion.Tls12, configuration.Http.Tls.MinimumTls);
        Assert.Equal(["TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"], configuration.Http.Tls.CipherSuites);
        Assert.Equal("htpasswd", configuration.Auth.Scheme);
    }
}
