using System.Net.Security;
using Registry.Silo.Configuration;

namespace Registry.UnitTests.Configuration;

public sealed class ConfigurationLoaderTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    /// <summary>A configuration from a guide that operators of registry:2 follow today.</summary>
    public const string GuideConfiguration = """
        version: 0.1
        log:
          level: info
        storage:
          filesystem:
            rootdirectory: /var/lib/registry
          delete:
            enabled: true
        http:
          addr: 0.0.0.0:5000
          tls:
            certificate: /certs/registry.crt
            key: /certs/registry.key
        auth:
          htpasswd:
            realm: "Registry"
            path: /auth/htpasswd
        """;

    [Fact]
    public void Load_GuideConfiguration_ReadsEveryKey()
    {
        var configuration = ConfigurationLoader.Load(GuideConfiguration, "config.yml", NoEnvironment);

        Assert.Equal(RegistryLogLevel.Info, configuration.Log.Level);
        Assert.Equal("filesystem", configuration.Storage.Driver);
        Assert.Equal("/var/lib/registry", configuration.Storage.FileSystem?.RootDirectory);
        Assert.True(configuration.Storage.Delete.Enabled);
        Assert.Equal("0.0.0.0:5000", configuration.Http.Address);
        Assert.True(configuration.Http.Tls.Enabled);
        Assert.Equal("/certs/registry.crt", configuration.Http.Tls.Certificate);
        Assert.Equal("/certs/registry.key", configuration.Http.Tls.Key);
        Assert.Equal("htpasswd", configuration.Auth.Scheme);
        Assert.Equal("Registry", configuration.Auth.Htpasswd?.Realm);
        Assert.Equal("/auth/htpasswd", configuration.Auth.Htpasswd?.Path);
        Assert.Empty(configuration.Warnings);
        Assert.Empty(configuration.Notices);
    }

    [Fact]
    public void Load_DistributionExample_SetsShortcutProperties()
    {
        const string yaml = """
            version: 0.1
            log:
              level: debug
            storage:
              filesystem:
                rootdirectory: /srv/registry
              delete:
                enabled: true
            http:
              addr: :5000
            cluster:
              siloport: 11111
            """;

        var configuration = ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment);

        Assert.Equal("debug", configuration.LogLevel);
        Assert.Equal("filesystem", configuration.StorageDriver);
        Assert.Equal("/srv/registry", configuration.RootDirectory);
        Assert.True(configuration.DeleteEnabled);
        Assert.Equal(":5000", configuration.HttpAddress);
        Assert.Equal(11111, configuration.SiloPort);
    }

    [Theory]
    [InlineData("version: 0.1\nstorage:\n  inmemory:\n")]
    [InlineData("version: 0.1\nstorage: inmemory\n")]
    [InlineData("version: 0.1\nstorage:\n  inmemory: {}\n")]
    public void Load_InMemoryWithoutParameters_SelectsInMemoryDriver(string yaml)
    {
        var configuration = ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment);

        Assert.Equal("inmemory", configuration.StorageDriver);
        Assert.NotNull(configuration.Storage.InMemory);
        Assert.Null(configuration.Storage.FileSystem);
    }

    [Fact]
    public void Load_NoDriver_DefaultsToFileSystem()
    {
        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage:\n  delete:\n    enabled: true\n", "config.yml", NoEnvironment);

        Assert.Equal("filesystem", configuration.StorageDriver);
        Assert.Equal(FileSystemStorageSection.DefaultRootDirectory, configuration.Storage.FileSystem?.RootDirectory);
        var warning = Assert.Single(configuration.Warnings);
        Assert.Equal("config.yml:2: storage names no driver, so the filesystem driver is used with rootdirectory /var/lib/registry", warning.ToString());
    }

    [Fact]
    public void LoadDefaults_NoFile_UsesBuiltInDefaults()
    {
        var configuration = ConfigurationLoader.LoadDefaults(NoEnvironment);

        Assert.Equal("0.1", configuration.Version);
        Assert.Equal("filesystem", configuration.StorageDriver);
        Assert.Equal("/var/lib/registry", configuration.RootDirectory);
        Assert.Equal("127.0.0.1:5000", configuration.HttpAddress);
        Assert.False(configuration.DeleteEnabled);
        Assert.Null(configuration.Auth.Scheme);
        Assert.False(configuration.Http.Tls.Enabled);
        Assert.False(configuration.Http.Debug.Enabled);
        Assert.Empty(configuration.Warnings);
        Assert.Empty(configuration.Notices);
    }

    [Fact]
    public void LoadDefaults_NoFile_HasDistributionMaintenanceDefaults()
    {
        var configuration = ConfigurationLoader.LoadDefaults(NoEnvironment);
        var purging = configuration.Storage.Maintenance.UploadPurging;

        Assert.True(purging.Enabled);
        Assert.Equal(TimeSpan.FromHours(168), purging.Age);
        Assert.Equal(TimeSpan.FromHours(24), purging.Interval);
        Assert.False(purging.DryRun);
        Assert.False(configuration.Storage.Maintenance.ReadOnly.Enabled);
        Assert.Equal(TlsClientAuth.RequireAndVerifyClientCert, configuration.Http.Tls.ClientAuth);
        Assert.Equal(MinimumTlsVersion.Tls12, configuration.Http.Tls.MinimumTls);
        Assert.Equal("/metrics", configuration.Http.Debug.Prometheus.Path);
        Assert.Equal(1000, configuration.Catalog.MaxEntries);
    }

    [Fact]
    public void Load_ReadOnlyAndPurging_ReadsDurations()
    {
        const string yaml = """
            version: 0.1
            storage:
              inmemory:
              maintenance:
                uploadpurging:
                  enabled: true
                  age: 2h10m
                  interval: 45m
                  dryrun: true
                readonly:
                  enabled: true
            """;

        var maintenance = ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment).Storage.Maintenance;

        Assert.Equal(TimeSpan.FromMinutes(130), maintenance.UploadPurging.Age);
        Assert.Equal(TimeSpan.FromMinutes(45), maintenance.UploadPurging.Interval);
        Assert.True(maintenance.UploadPurging.DryRun);
        Assert.True(maintenance.ReadOnly.Enabled);
    }

    [Fact]
    public void Load_PurgingDisabled_AcceptsZeroDurations()
    {
        const string yaml = "version: 0.1\nstorage:\n  maintenance:\n    uploadpurging:\n      enabled: false\n      age: 0s\n";

        var purging = ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment).Storage.Maintenance.UploadPurging;

        Assert.False(purging.Enabled);
        Assert.Equal(TimeSpan.Zero, purging.Age);
    }

    [Fact]
    public void Load_DurationAsBareInteger_ReadsNanoseconds()
    {
        const string yaml = "version: 0.1\nhttp:\n  draintimeout: 2000000000\n";

        var configuration = ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment);

        Assert.Equal(TimeSpan.FromSeconds(2), configuration.Http.DrainTimeout);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("True", true)]
    [InlineData("\"true\"", true)]
    [InlineData("no", false)]
    [InlineData("OFF", false)]
    public void Load_YamlBooleanWords_ReadAsGoYamlDoes(string word, bool expected)
    {
        var configuration = ConfigurationLoader.Load($"version: 0.1\nstorage:\n  delete:\n    enabled: {word}\n", "config.yml", NoEnvironment);
        Assert.Equal(expected, configuration.DeleteEnabled);
    }

    [Fact]
    public void Load_UnknownKey_WarnsWithLineAndPath()
    {
        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage:\n  inmemory:\n  delete:\n    enable: true\n", "config.yml", NoEnvironment);

        var warning = Assert.Single(configuration.Warnings);
        Assert.Equal("config.yml:5", warning.Location);
        Assert.Equal("unknown key storage.delete.enable is ignored", warning.Text);
        Assert.False(configuration.DeleteEnabled);
    }

    [Fact]
    public void Load_UpperCaseKey_WarnsWithSpelling()
    {
        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage:\n  inmemory:\nHttp:\n  addr: :5000\n", "config.yml", NoEnvironment);

        var warning = Assert.Single(configuration.Warnings);
        Assert.Equal("config.yml:4: unknown key Http is ignored; keys are lower case, so write 'http'", warning.ToString());
    }

    [Fact]
    public void Load_DuplicateKey_UsesLaterValueAndWarns()
    {
        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage:\n  inmemory:\nhttp:\n  addr: :5000\n  addr: :6000\n", "config.yml", NoEnvironment);

        Assert.Equal(":6000", configuration.HttpAddress);
        var warning = Assert.Single(configuration.Warnings);
        Assert.Equal("config.yml:6: key 'addr' appears twice in the same mapping; the later value is used", warning.ToString());
    }

    [Fact]
    public void Load_YamlAnchorAndAlias_CopiesValue()
    {
        const string yaml = """
            version: 0.1
            storage:
              inmemory:
            notifications:
              endpoints:
                - name: first
                  url: https://hooks.example.test/a
                  headers: &common
                    X-Source: [registry]
                - name: second
                  url: https://hooks.example.test/b
                  headers: *common
            """;

        var endpoints = ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment).Notifications.Endpoints;

        Assert.Equal(["registry"], endpoints[1].Headers["X-Source"]);
    }

    [Fact]
    public void Load_DeprecatedLogLevel_Applies()
    {
        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage: inmemory\nloglevel: debug\n", "config.yml", NoEnvironment);

        Assert.Equal(RegistryLogLevel.Debug, configuration.Log.Level);
        Assert.Null(configuration.DeprecatedLogLevel);
        var warning = Assert.Single(configuration.Warnings);
        Assert.Equal("config.yml:3: loglevel is deprecated; write log.level", warning.ToString());
    }

    [Fact]
    public void Load_BothLogLevels_LogLevelWins()
    {
        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage: inmemory\nlog:\n  level: error\nloglevel: debug\n", "config.yml", NoEnvironment);

        Assert.Equal(RegistryLogLevel.Error, configuration.Log.Level);
    }

    [Fact]
    public void Load_DeprecatedLayerInfo_SetsBlobDescriptor()
    {
        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage:\n  inmemory:\n  cache:\n    layerinfo: inmemory\n", "config.yml", NoEnvironment);

        Assert.Equal(BlobDescriptorCacheKind.InMemory, configuration.Storage.Cache.BlobDescriptor);
        Assert.Contains(configuration.Warnings, warning => warning.Text.Contains("layerinfo is deprecated", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_LowMaxThreads_RaisedToMinimum()
    {
        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage:\n  filesystem:\n    maxthreads: 5\n", "config.yml", NoEnvironment);

        Assert.Equal(FileSystemStorageSection.MinimumMaxThreads, configuration.Storage.FileSystem?.MaxThreads);
        var warning = Assert.Single(configuration.Warnings);
        Assert.StartsWith("config.yml:4: storage.filesystem.maxthreads is 5, below the minimum of 25", warning.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CatalogMaxEntriesNotPositive_UsesDefault()
    {
        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage: inmemory\ncatalog:\n  maxentries: 0\n", "config.yml", NoEnvironment);
        Assert.Equal(CatalogSection.DefaultMaxEntries, configuration.Catalog.MaxEntries);
    }

    [Fact]
    public void Load_TokenAuth_ReadsEveryKey()
    {
        const string yaml = """
            version: 0.1
            storage: inmemory
            auth:
              token:
                realm: https://auth.example.test/token
                service: registry.example.test
                issuer: auth.example.test
                jwks: /etc/registry/keys.json
                signingalgorithms: [RS256, ES256]
                autoredirect: true
            """;

        var token = ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment).Auth.Token;

        Assert.NotNull(token);
        Assert.Equal("https://auth.example.test/token", token.Realm);
        Assert.Equal("registry.example.test", token.Service);
        Assert.Equal("auth.example.test", token.Issuer);
        Assert.Equal("", token.RootCertBundle);
        Assert.Equal("/etc/registry/keys.json", token.Jwks);
        Assert.Equal(["RS256", "ES256"], token.SigningAlgorithms);
        Assert.True(token.AutoRedirect);
        Assert.Equal("/auth/token/", token.AutoRedirectPath);
    }

    [Fact]
    public void Load_AuthAsScalar_SelectsControllerWithoutParameters()
    {
        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage: inmemory\nauth: none\n", "config.yml", NoEnvironment);

        Assert.Equal("none", configuration.Auth.Scheme);
    }

    [Fact]
    public void Load_HttpHeaders_AreCaseInsensitiveByName()
    {
        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage: inmemory\nhttp:\n  headers:\n    X-Content-Type-Options: [nosniff]\n", "config.yml", NoEnvironment);

        Assert.Equal(["nosniff"], configuration.Http.Headers["x-content-type-options"]);
    }

    [Fact]
    public void Load_MiddlewareOptions_KeepsFreeFormValues()
    {
        const string yaml = """
            version: 0.1
            storage: inmemory
            middleware:
              storage:
                - name: cloudfront
                  options:
                    baseurl: https://cdn.example.test/
                    regions: [us-east-1, us-east-2]
                    nested:
                      depth: 2
            """;

        var entry = Assert.Single(ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment).Middleware.Storage);

        Assert.Equal("cloudfront", entry.Name);
        Assert.Equal("https://cdn.example.test/", entry.Options["baseurl"]);
        Assert.Equal(new List<object?> { "us-east-1", "us-east-2" }, entry.Options["regions"]);
        var nested = Assert.IsType<Dictionary<string, object?>>(entry.Options["nested"]);
        Assert.Equal("2", nested["depth"]);
    }

    [Fact]
    public void Load_PrometheusWithoutDebugAddress_Warns()
    {
        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage: inmemory\nhttp:\n  debug:\n    prometheus:\n      enabled: true\n", "config.yml", NoEnvironment);

        var warning = Assert.Single(configuration.Warnings);
        Assert.Equal("config.yml:6", warning.Location);
        Assert.Contains("has no effect without http.debug.addr", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ClientAuthWithoutClientCas_Warns()
    {
        const string yaml = "version: 0.1\nstorage: inmemory\nhttp:\n  tls:\n    certificate: /c\n    key: /k\n    clientauth: verify-client-cert-if-given\n";

        var configuration = ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment);

        Assert.Equal(TlsClientAuth.VerifyClientCertIfGiven, configuration.Http.Tls.ClientAuth);
        var warning = Assert.Single(configuration.Warnings);
        Assert.Equal("config.yml:7", warning.Location);
    }

    public static TheoryData<string, string> UnsupportedSections => new()
    {
        { "notifications:\n  endpoints:\n    - name: a\n      url: https://hooks.example.test/\n", "config.yml:5: notifications.endpoints is not supported yet and is ignored; no events are sent" },
        { "redis:\n  addr: localhost:6379\n", "config.yml:4: redis is not supported yet and is ignored" },
        { "storage:\n  inmemory:\n  cache:\n    blobdescriptor: redis\n", "config.yml:5: storage.cache.blobdescriptor redis is not supported yet and is ignored; no blob descriptor cache is used" },
        { "middleware:\n  repository:\n    - name: rewrite\n", "config.yml:5: middleware.repository is not supported yet and is ignored" },
        { "proxy:\n  remoteurl: https://registry-1.docker.io\n", "config.yml:5: proxy (pull-through cache) is not supported yet and is ignored; the registry serves only content pushed to it" },
        { "validation:\n  manifests:\n    urls:\n      allow: ['^https://']\n", "config.yml:5: validation.manifests is not supported yet and is ignored" },
        { "compatibility:\n  schema1:\n    enabled: true\n", "config.yml:6: compatibility.schema1 is not supported and is ignored; schema 1 manifests are rejected" },
        { "http:\n  tls:\n    letsencrypt:\n      cachefile: /c\n      email: a@example.test\n", "config.yml:6: http.tls.letsencrypt is not supported yet and is ignored; set http.tls.certificate and http.tls.key for TLS" },
        { "http:\n  h2c:\n    enabled: true\n", "config.yml:6: http.h2c is not supported yet and is ignored; HTTP/2 is offered over TLS only" },
        { "log:\n  hooks:\n    - type: mail\n", "config.yml:5: log.hooks is not supported and is ignored" },
        { "reporting:\n  bugsnag:\n    apikey: k\n", "config.yml:4: reporting is not supported and is ignored" },
        { "policy:\n  repository:\n    classes: [image]\n", "config.yml:6: policy.repository.classes is not supported and is ignored" },
        { "health:\n  tcp:\n    - addr: redis.example.test:6379\n", "config.yml:5: health.tcp is not supported yet and is ignored" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedSections))]
    public void Load_UnsupportedSection_ListsNoticeWithLine(string section, string expected)
    {
        var yaml = "version: 0.1\nstorage:\n  inmemory:\n" + section;
        if (section.StartsWith("storage:", StringComparison.Ordinal))
        {
            yaml = "version: 0.1\n" + section;
        }

        var configuration = ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment);

        var notice = Assert.Single(configuration.Notices);
        Assert.Equal(expected, notice.ToString());
    }

    [Fact]
    public void Load_DisabledNotificationEndpoint_ListsNoNotice()
    {
        const string yaml = "version: 0.1\nstorage: inmemory\nnotifications:\n  endpoints:\n    - name: a\n      url: https://hooks.example.test/\n      disabled: true\n";

        Assert.Empty(ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment).Notices);
    }

    [Fact]
    public void Shortcuts_SetInInitializer_SelectInMemoryDriver()
    {
        var configuration = new RegistryConfiguration
        {
            StorageDriver = "inmemory",
            RootDirectory = "",
            DeleteEnabled = true,
            HttpAddress = "127.0.0.1:0",
            LogLevel = "warn",
            SiloPort = 22222,
        };

        Assert.Equal("inmemory", configuration.StorageDriver);
        Assert.Null(configuration.Storage.FileSystem);
        Assert.True(configuration.Storage.Delete.Enabled);
        Assert.Equal("127.0.0.1:0", configuration.Http.Address);
        Assert.Equal(RegistryLogLevel.Warn, configuration.Log.Level);
        Assert.Equal(22222, configuration.Cluster.SiloPort);
    }

    [Fact]
    public void Shortcuts_SetRootDirectory_SelectsFileSystemDriver()
    {
        var configuration = new RegistryConfiguration { StorageDriver = "filesystem", RootDirectory = "/srv/data" };

        Assert.Equal("filesystem", configuration.StorageDriver);
        Assert.Equal("/srv/data", configuration.Storage.FileSystem?.RootDirectory);
    }

    [Fact]
    public void Shortcuts_UnknownDriverOrLevel_Throw()
    {
        var configuration = new RegistryConfiguration();

        Assert.Throws<ArgumentException>(() => configuration.StorageDriver = "s3");
        Assert.Throws<ArgumentException>(() => configuration.LogLevel = "loud");
    }

    [Fact]
    public void KnownCipherSuites_AreTlsCipherSuiteNames()
    {
        foreach (var name in HttpTlsSection.KnownCipherSuites)
        {
            Assert.True(Enum.TryParse<TlsCipherSuite>(name, out _), $"{name} is not a TlsCipherSuite member");
        }

        Assert.Subset(HttpTlsSection.KnownCipherSuites.ToHashSet(), HttpTlsSection.DefaultCipherSuites.ToHashSet());
    }
}
