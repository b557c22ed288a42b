using Registry.Silo.Configuration;
using Registry.Silo.Configuration.Binding;

namespace Registry.UnitTests.Configuration;

public sealed class EnvironmentOverrideTests
{
    private const string InMemoryFile = "version: 0.1\nstorage:\n  inmemory:\n";

    private static RegistryConfiguration Load(string yaml, params (string Name, string Value)[] variables) =>
        ConfigurationLoader.Load(yaml, "config.yml", variables.ToDictionary(variable => variable.Name, variable => (string?)variable.Value));

    [Fact]
    public void Override_KeyAbsentFromFile_IsAdded()
    {
        var configuration = Load(InMemoryFile, ("REGISTRY_STORAGE_DELETE_ENABLED", "true"));

        Assert.True(configuration.Storage.Delete.Enabled);
        Assert.Empty(configuration.Warnings);
    }

    [Fact]
    public void Override_KeyInFile_ReplacesValue()
    {
        var configuration = Load(
            "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /from/file\n",
            ("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", "/from/env"));

        Assert.Equal("/from/env", configuration.Storage.FileSystem?.RootDirectory);
    }

    [Fact]
    public void Override_NestedSectionsAbsentFromFile_AreCreated()
    {
        var configuration = Load(
            InMemoryFile,
            ("REGISTRY_AUTH_HTPASSWD_REALM", "Registry"),
            ("REGISTRY_AUTH_HTPASSWD_PATH", "/auth/htpasswd"),
            ("REGISTRY_HTTP_TLS_CERTIFICATE", "/certs/registry.crt"),
            ("REGISTRY_HTTP_TLS_KEY", "/certs/registry.key"),
            ("REGISTRY_HTTP_DEBUG_PROMETHEUS_ENABLED", "true"),
            ("REGISTRY_HTTP_DEBUG_ADDR", "localhost:5001"));

        Assert.Equal("/auth/htpasswd", configuration.Auth.Htpasswd?.Path);
        Assert.Equal("Registry", configuration.Auth.Htpasswd?.Realm);
        Assert.Equal("/certs/registry.crt", configuration.Http.Tls.Certificate);
        Assert.Equal("/certs/registry.key", configuration.Http.Tls.Key);
        Assert.True(configuration.Http.Debug.Prometheus.Enabled);
        Assert.Equal("localhost:5001", configuration.Http.Debug.Address);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData(" true ", true)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    public void Override_Boolean_ReadsYamlWords(string value, bool expected)
    {
        var configuration = Load(InMemoryFile, ("REGISTRY_STORAGE_MAINTENANCE_READONLY_ENABLED", value));
        Assert.Equal(expected, configuration.Storage.Maintenance.ReadOnly.Enabled);
    }

    [Fact]
    public void Override_EmptyBoolean_KeepsDefault()
    {
        var configuration = Load(InMemoryFile, ("REGISTRY_STORAGE_MAINTENANCE_UPLOADPURGING_ENABLED", ""));
        Assert.True(configuration.Storage.Maintenance.UploadPurging.Enabled);
    }

    [Fact]
    public void Override_InvalidValue_NamesVariableAndKey()
    {
        var exception = Assert.Throws<ConfigurationException>(() => Load(InMemoryFile, ("REGISTRY_STORAGE_DELETE_ENABLED", "maybe")));
        Assert.Equal("REGISTRY_STORAGE_DELETE_ENABLED: storage.delete.enabled is 'maybe', but must be true or false", exception.Message);
    }

    [Fact]
    public void Override_InvalidValueReplacingFileValue_NamesVariable()
    {
        var exception = Assert.Throws<ConfigurationException>(() => Load(InMemoryFile + "http:\n  addr: :5000\n", ("REGISTRY_HTTP_ADDR", "nowhere")));
        Assert.Equal("REGISTRY_HTTP_ADDR: http.addr is 'nowhere', but must be host:port or :port", exception.Message);
    }

    [Fact]
    public void Override_Duration_ReadsGoDuration()
    {
        var configuration = Load(InMemoryFile, ("REGISTRY_STORAGE_MAINTENANCE_UPLOADPURGING_AGE", "72h"));
        Assert.Equal(TimeSpan.FromHours(72), configuration.Storage.Maintenance.UploadPurging.Age);
    }

    [Fact]
    public void Override_ListItemsByIndex_AppendInOrder()
    {
        var configuration = Load(
            InMemoryFile,
            ("REGISTRY_HTTP_TLS_CLIENTCAS_1", "/ca/second.pem"),
            ("REGISTRY_HTTP_TLS_CLIENTCAS_0", "/ca/first.pem"));

        Assert.Equal(["/ca/first.pem", "/ca/second.pem"], configuration.Http.Tls.ClientCas);
    }

    [Fact]
    public void Override_ListItemInFile_ReplacesThatItem()
    {
        var configuration = Load(
            InMemoryFile + "http:\n  tls:\n    clientcas: [/ca/a.pem, /ca/b.pem]\n",
            ("REGISTRY_HTTP_TLS_CLIENTCAS_1", "/ca/env.pem"));

        Assert.Equal(["/ca/a.pem", "/ca/env.pem"], configuration.Http.Tls.ClientCas);
    }

    [Fact]
    public void Override_ListIndexPastEnd_IsAnError()
    {
        var exception = Assert.Throws<ConfigurationException>(() => Load(InMemoryFile, ("REGISTRY_HTTP_TLS_CLIENTCAS_2", "/ca.pem")));
        Assert.Equal("REGISTRY_HTTP_TLS_CLIENTCAS_2: index 2 is past the end of a list of 0; the next item is index 0", exception.Message);
    }

    [Fact]
    public void Override_WholeListAsYaml_ReplacesList()
    {
        var configuration = Load(
            InMemoryFile + "http:\n  tls:\n    clientcas: [/ca/file.pem]\n",
            ("REGISTRY_HTTP_TLS_CLIENTCAS", "[/ca/a.pem, /ca/b.pem]"));

        Assert.Equal(["/ca/a.pem", "/ca/b.pem"], configuration.Http.Tls.ClientCas);
    }

    [Fact]
    public void Override_WholeSectionAsYaml_ReplacesSubtree()
    {
        var configuration = Load(
            "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /from/file\n    maxthreads: 50\n",
            ("REGISTRY_STORAGE_FILESYSTEM", "{rootdirectory: /from/env}"));

        Assert.Equal("/from/env", configuration.Storage.FileSystem?.RootDirectory);
        Assert.Equal(100, configuration.Storage.FileSystem?.MaxThreads);
    }

    [Fact]
    public void Override_WholeStorage_AppliesFirst()
    {
        var configuration = Load(
            InMemoryFile + "  delete:\n    enabled: true\n",
            ("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", "/srv/env"),
            ("REGISTRY_STORAGE", "filesystem"));

        Assert.Equal("filesystem", configuration.StorageDriver);
        Assert.Equal("/srv/env", configuration.RootDirectory);
        Assert.False(configuration.DeleteEnabled);
    }

    [Fact]
    public void Override_ScalarStorage_KeepsDriver()
    {
        var configuration = Load("version: 0.1\nstorage: filesystem\n", ("REGISTRY_STORAGE_DELETE_ENABLED", "true"));

        Assert.Equal("filesystem", configuration.StorageDriver);
        Assert.True(configuration.DeleteEnabled);
    }

    [Fact]
    public void Override_SecondDriver_IsError()
    {
        var exception = Assert.Throws<ConfigurationException>(() => Load(InMemoryFile, ("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", "/srv")));
        Assert.StartsWith("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY: storage names 2 drivers (filesystem, inmemory)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_ListOfSectionsByIndex_BuildsEntries()
    {
        var configuration = Load(
            InMemoryFile,
            ("REGISTRY_NOTIFICATIONS_ENDPOINTS_0_NAME", "audit"),
            ("REGISTRY_NOTIFICATIONS_ENDPOINTS_0_URL", "https://hooks.example.test/"),
            ("REGISTRY_NOTIFICATIONS_ENDPOINTS_0_IGNORE_ACTIONS", "[pull]"));

        var endpoint = Assert.Single(configuration.Notifications.Endpoints);
        Assert.Equal("audit", endpoint.Name);
        Assert.Equal("https://hooks.example.test/", endpoint.Url);
        Assert.Equal(["pull"], endpoint.Ignore.Actions);
    }

    [Fact]
    public void Override_HeaderName_MatchesAnyCase()
    {
        var configuration = Load(
            InMemoryFile + "http:\n  headers:\n    X-Frame-Options: [SAMEORIGIN]\n",
            ("REGISTRY_HTTP_HEADERS_X-FRAME-OPTIONS", "[DENY]"),
            ("REGISTRY_HTTP_HEADERS_STRICT-TRANSPORT-SECURITY", "[max-age=31536000]"));

        Assert.Equal(2, configuration.Http.Headers.Count);
        Assert.Equal(["DENY"], configuration.Http.Headers["X-Frame-Options"]);
        Assert.Equal(["max-age=31536000"], configuration.Http.Headers["Strict-Transport-Security"]);
    }

    [Fact]
    public void Override_MiddlewareOptions_CreatesFreeFormKeys()
    {
        var configuration = Load(
            InMemoryFile,
            ("REGISTRY_MIDDLEWARE_STORAGE_0_NAME", "redirect"),
            ("REGISTRY_MIDDLEWARE_STORAGE_0_OPTIONS_BASEURL", "https://blobs.example.test/"));

        var entry = Assert.Single(configuration.Middleware.Storage);
        Assert.Equal("redirect", entry.Name);
        Assert.Equal("https://blobs.example.test/", entry.Options["baseurl"]);
    }

    [Fact]
    public void Override_LogFields_AddsLowerCaseField()
    {
        var configuration = Load(InMemoryFile, ("REGISTRY_LOG_FIELDS_ENVIRONMENT", "staging"));
        Assert.Equal("staging", configuration.Log.Fields["environment"]);
    }

    [Fact]
    public void Override_KeyContainingUnderscore_MatchesWholeKey()
    {
        var warnings = new List<ConfigurationMessage>();
        var root = new ConfigMapping(new ConfigOrigin("test", 0));
        var environment = new Dictionary<string, string?>
        {
            ["REGISTRY_STORAGE_AZURE_MAX_RETRIES"] = "3",
            ["REGISTRY_STORAGE_GCS_CREDENTIALS_PRIVATE_KEY_ID"] = "key-id",
        };

        EnvironmentOverrides.Apply(root, typeof(RegistryConfiguration), environment, warnings);

        Assert.Empty(warnings);
        var storage = Assert.IsType<ConfigMapping>(root.Find("storage")?.Value);
        var azure = Assert.IsType<ConfigMapping>(storage.Find("azure")?.Value);
        Assert.Equal("3", Assert.IsType<ConfigScalar>(azure.Find("max_retries")?.Value).Value);
        var gcs = Assert.IsType<ConfigMapping>(storage.Find("gcs")?.Value);
        var credentials = Assert.IsType<ConfigMapping>(gcs.Find("credentials")?.Value);
        Assert.NotNull(credentials.Find("private_key_id"));
    }

    [Fact]
    public void Override_StringValue_IsTakenVerbatim()
    {
        var configuration = Load(InMemoryFile, ("REGISTRY_HTTP_SECRET", "s3cr#t: [not yaml"));
        Assert.Equal("s3cr#t: [not yaml", configuration.Http.Secret);
    }

    [Fact]
    public void Override_QuotedStringValue_IsUnquoted()
    {
        var configuration = Load(InMemoryFile, ("REGISTRY_AUTH_HTPASSWD_REALM", "\"Registry Realm\""), ("REGISTRY_AUTH_HTPASSWD_PATH", "'/auth/htpasswd'"));

        Assert.Equal("Registry Realm", configuration.Auth.Htpasswd?.Realm);
        Assert.Equal("/auth/htpasswd", configuration.Auth.Htpasswd?.Path);
    }

    [Fact]
    public void Override_InvalidYamlForSection_NamesVariable()
    {
        var exception = Assert.Throws<ConfigurationException>(() => Load(InMemoryFile, ("REGISTRY_HTTP_TLS", "{certificate: [")));
        Assert.StartsWith("REGISTRY_HTTP_TLS: invalid YAML: ", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("REGISTRY_STORAGE_FILESYSTEM_ROOTDIR")]
    [InlineData("REGISTRY_PORT")]
    [InlineData("REGISTRY_storage_delete_enabled")]
    [InlineData("REGISTRY_HTTP_ADDR_PORT")]
    [InlineData("REGISTRY_HTTP_TLS_CLIENTCAS_FIRST")]
    [InlineData("REGISTRY_")]
    public void Override_VariableMatchingNoKey_WarnsAndIsIgnored(string name)
    {
        var configuration = Load(InMemoryFile, (name, "x"));

        var warning = Assert.Single(configuration.Warnings);
        Assert.Equal(name, warning.Location);
        Assert.Equal("this environment variable matches no configuration key and is ignored", warning.Text);
    }

    [Fact]
    public void Override_Version_IsIgnoredWithWarning()
    {
        var configuration = Load(InMemoryFile, ("REGISTRY_VERSION", "0.2"));

        Assert.Equal("0.1", configuration.Version);
        Assert.Equal("REGISTRY_VERSION: version cannot be overridden from the environment and is ignored", Assert.Single(configuration.Warnings).ToString());
    }

    [Fact]
    public void Override_ConfigurationPathVariable_IsNotAKey()
    {
        var configuration = Load(InMemoryFile, ("REGISTRY_CONFIGURATION_PATH", "/etc/distribution/config.yml"), ("OTHER_VARIABLE", "x"));
        Assert.Empty(configuration.Warnings);
    }

    [Fact]
    public void LoadDefaults_WithVariables_AppliesThem()
    {
        var environment = new Dictionary<string, string?>
        {
            ["REGISTRY_STORAGE"] = "inmemory",
            ["REGISTRY_HTTP_ADDR"] = ":5000",
            ["REGISTRY_CLUSTER_SILOPORT"] = "11111",
        };

        var configuration = ConfigurationLoader.LoadDefaults(environment);

        Assert.Equal("inmemory", configuration.StorageDriver);
        Assert.Equal(":5000", configuration.HttpAddress);
        Assert.Equal(11111, configuration.SiloPort);
        Assert.Empty(configuration.Warnings);
    }

    [Fact]
    public void GuideConfiguration_AsVariablesOnly_EqualsFile()
    {
        var fromFile = ConfigurationLoader.Load(ConfigurationLoaderTests.GuideConfiguration, "config.yml", new Dictionary<string, string?>());
        var environment = new Dictionary<string, string?>
        {
            ["REGISTRY_LOG_LEVEL"] = "info",
            ["REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY"] = "/var/lib/registry",
            ["REGISTRY_STORAGE_DELETE_ENABLED"] = "true",
            ["REGISTRY_HTTP_ADDR"] = "0.0.0.0:5000",
            ["REGISTRY_HTTP_TLS_CERTIFICATE"] = "/certs/registry.crt",
            ["REGISTRY_HTTP_TLS_KEY"] = "/certs/registry.key",
            ["REGISTRY_AUTH_HTPASSWD_REALM"] = "Registry",
            ["REGISTRY_AUTH_HTPASSWD_PATH"] = "/auth/htpasswd",
        };

        var fromDefaults = ConfigurationLoader.LoadDefaults(environment);
        var fromMinimalFile = ConfigurationLoader.Load("version: 0.1\n", "config.yml", environment);

        Assert.Equal(ConfigurationSnapshot.Of(fromFile), ConfigurationSnapshot.Of(fromDefaults));
        Assert.Equal(ConfigurationSnapshot.Of(fromFile), ConfigurationSnapshot.Of(fromMinimalFile));
        Assert.Empty(fromDefaults.Warnings);
        Assert.Empty(fromMinimalFile.Warnings);
    }
}
