using Registry.Silo.Configuration;

namespace Registry.UnitTests.Configuration;

public sealed class ConfigurationLoaderTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public void Load_DistributionExample_ReadsEveryKey()
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
            """;

        var configuration = ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment);

        Assert.Equal("debug", configuration.LogLevel);
        Assert.Equal("filesystem", configuration.StorageDriver);
        Assert.Equal("/srv/registry", configuration.RootDirectory);
        Assert.True(configuration.DeleteEnabled);
        Assert.Equal(":5000", configuration.HttpAddress);
    }

    [Fact]
    public void Load_InMemoryWithoutValue_SelectsInMemoryDriver()
    {
        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage:\n  inmemory:\n", "config.yml", NoEnvironment);
        Assert.Equal("inmemory", configuration.StorageDriver);
    }

    [Fact]
    public void LoadDefaults_NoFile_UsesBuiltInDefaults()
    {
        var configuration = ConfigurationLoader.LoadDefaults(NoEnvironment);
        Assert.Equal("filesystem", configuration.StorageDriver);
        Assert.Equal("/var/lib/registry", configuration.RootDirectory);
        Assert.Equal("127.0.0.1:5000", configuration.HttpAddress);
        Assert.False(configuration.DeleteEnabled);
    }

    [Fact]
    public void Load_EnvironmentVariable_OverridesFileAndAddsAbsentKeys()
    {
        var environment = new Dictionary<string, string?>
        {
            ["REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY"] = "/from/env",
            ["REGISTRY_STORAGE_DELETE_ENABLED"] = "true",
        };

        var configuration = ConfigurationLoader.Load("version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /from/file\n", "config.yml", environment);

        Assert.Equal("/from/env", configuration.RootDirectory);
        Assert.True(configuration.DeleteEnabled);
    }

    [Theory]
    [InlineData("version: 0.2\n", "config.yml:1: version is '0.2'")]
    [InlineData("version: 0.1\nlog:\n  level: loud\n", "config.yml:3: log.level is 'loud'")]
    [InlineData("version: 0.1\nstorage:\n  delete:\n    enabled: maybe\n", "config.yml:4: storage.delete.enabled is 'maybe'")]
    [InlineData("version: 0.1\nhttp:\n  addr: nowhere\n", "config.yml:3: http.addr is 'nowhere'")]
    [InlineData("version: 0.1\nstorage:\n  s3:\n    bucket: b\n", "storage driver 's3' is not supported")]
    [InlineData("version: 0.1\nstorage:\n  inmemory:\n  filesystem:\n    rootdirectory: /x\n", "more than one driver")]
    [InlineData("version: 0.1\nlog: [unclosed\n", "config.yml:")]
    [InlineData("- a\n- b\n", "must be a mapping")]
    public void Load_BrokenFile_NamesKeyAndLine(string yaml, string expected)
    {
        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment));
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_MissingFile_NamesPathTried()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.yml");
        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadFile(path, NoEnvironment));
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }
}
