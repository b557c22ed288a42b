using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Silo.Configuration;
using Registry.Silo.Hosting.Storage;

namespace Registry.UnitTests.Hosting;

public sealed class GcsDriverSetupTests
{
    [Fact]
    public void ToOptions_AllKeys_AreMapped()
    {
        var section = new GcsStorageSection
        {
            Bucket = "images",
            RootDirectory = "/gcs/prefix",
            ChunkSize = 1_048_576,
            DisableKeepAlives = true,
            Credentials = ServiceAccount(),
        };

        var options = GcsDriverSetup.ToOptions(section);

        Assert.Equal("images", options.Bucket);
        Assert.Equal("/gcs/prefix", options.RootDirectory);
        Assert.Equal(1_048_576, options.ChunkSize);
        Assert.True(options.DisableKeepAlives);
        Assert.Null(options.KeyFile);
        Assert.False(options.Anonymous);
        Assert.Null(options.Endpoint);
    }

    [Theory]
    [InlineData("127.0.0.1:6062", "http://127.0.0.1:6062/")]
    [InlineData("http://127.0.0.1:6062/", "http://127.0.0.1:6062/")]
    [InlineData("https://gcs.test:4443", "https://gcs.test:4443/")]
    public void ToOptions_EmulatorHost_SendsAnonymousRequestsThere(string emulatorHost, string expected)
    {
        var options = GcsDriverSetup.ToOptions(new GcsStorageSection { Bucket = "images" }, emulatorHost);

        Assert.Equal(new Uri(expected), options.Endpoint);
        Assert.True(options.Anonymous);
    }

    [Fact]
    public void ToOptions_InvalidEmulatorHost_NamesTheVariable()
    {
        var exception = Assert.Throws<ConfigurationException>(() => GcsDriverSetup.ToOptions(new GcsStorageSection { Bucket = "images" }, "ftp://127.0.0.1:21"));

        Assert.Contains("STORAGE_EMULATOR_HOST", exception.Message);
    }

    [Fact]
    public void ToOptions_Defaults_MatchDistributionDocumentation()
    {
        var options = GcsDriverSetup.ToOptions(new GcsStorageSection { Bucket = "images" });

        Assert.Equal(5 * 1024 * 1024, options.ChunkSize);
        Assert.False(options.DisableKeepAlives);
        Assert.Equal("", options.RootDirectory);
        Assert.Null(options.KeyFile);
        Assert.Null(options.ServiceAccountJson);
    }

    [Fact]
    public void ToOptions_CredentialsSection_BecomesServiceAccountJson()
    {
        var credentials = ServiceAccount();

        var options = GcsDriverSetup.ToOptions(new GcsStorageSection { Bucket = "images", Credentials = credentials });

        using var json = JsonDocument.Parse(options.ServiceAccountJson!);
        Assert.Equal("service_account", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(credentials.ClientEmail, json.RootElement.GetProperty("client_email").GetString());
        Assert.Equal(credentials.PrivateKey, json.RootElement.GetProperty("private_key").GetString());
        Assert.Equal("example-project", json.RootElement.GetProperty("project_id").GetString());
        Assert.False(json.RootElement.TryGetProperty("auth_uri", out _));
    }

    [Fact]
    public void ToOptions_KeyFileAndCredentials_KeyFileWins()
    {
        var keyFile = Path.GetTempFileName();
        try
        {
            var options = GcsDriverSetup.ToOptions(new GcsStorageSection { Bucket = "images", KeyFile = keyFile, Credentials = ServiceAccount() });

            Assert.Equal(keyFile, options.KeyFile);
            Assert.Null(options.ServiceAccountJson);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Theory]
    [InlineData("", 5_242_880, "storage.gcs.bucket")]
    [InlineData("images", 0, "storage.gcs.chunksize")]
    [InlineData("images", 100_000, "storage.gcs.chunksize")]
    [InlineData("images", -262_144, "storage.gcs.chunksize")]
    [InlineData("images", 4_294_967_296, "storage.gcs.chunksize")]
    public void ToOptions_InvalidValue_ThrowsNamingTheKey(string bucket, long chunkSize, string key)
    {
        var exception = Assert.Throws<ConfigurationException>(
            () => GcsDriverSetup.ToOptions(new GcsStorageSection { Bucket = bucket, ChunkSize = chunkSize }));

        Assert.Contains(key, exception.Message);
    }

    [Fact]
    public void ToOptions_MissingKeyFile_ThrowsNamingTheKey()
    {
        var exception = Assert.Throws<ConfigurationException>(
            () => GcsDriverSetup.ToOptions(new GcsStorageSection { Bucket = "images", KeyFile = "/nonexistent/gcs-key.json" }));

        Assert.Contains("storage.gcs.keyfile", exception.Message);
    }

    [Theory]
    [InlineData("authorized_user", "storage.gcs.credentials.type")]
    [InlineData("service_account", "storage.gcs.credentials.client_email")]
    public void ToOptions_IncompleteCredentials_ThrowsNamingTheKey(string type, string key)
    {
        var credentials = ServiceAccount();
        credentials.Type = type;
        credentials.ClientEmail = "";

        var exception = Assert.Throws<ConfigurationException>(
            () => GcsDriverSetup.ToOptions(new GcsStorageSection { Bucket = "images", Credentials = credentials }));

        Assert.Contains(key, exception.Message);
        Assert.DoesNotContain(credentials.PrivateKey, exception.Message);
    }

    [Fact]
    public async Task Create_CredentialsSection_SignsRedirectUrls()
    {
        var driver = GcsDriverSetup.Create(new GcsStorageSection { Bucket = "images", Credentials = ServiceAccount() }, NullLoggerFactory.Instance);

        var url = await driver.RedirectUrlAsync("/docker/registry/v2/blobs/data", "GET");

        Assert.NotNull(url);
        Assert.Equal("/images/docker/registry/v2/blobs/data", url.AbsolutePath);
    }

    [Fact]
    public void Create_UnparsablePrivateKey_ThrowsWithoutTheKey()
    {
        var credentials = ServiceAccount();
        credentials.PrivateKey = "-----BEGIN PRIVATE KEY-----\nnot-a-real-key\n-----END PRIVATE KEY-----\n";

        var exception = Assert.ThrowsAny<ArgumentException>(
            () => GcsDriverSetup.Create(new GcsStorageSection { Bucket = "images", Credentials = credentials }, NullLoggerFactory.Instance));

        Assert.Contains("storage.gcs.credentials", exception.Message);
        Assert.DoesNotContain("not-a-real-key", exception.Message);
    }

    /// <summary>A made-up service account with a fresh RSA key; it opens no account.</summary>
    private static GcsCredentialsSection ServiceAccount()
    {
        using var rsa = RSA.Create(2048);
        return new GcsCredentialsSection
        {
            Type = "service_account",
            ProjectId = "example-project",
            PrivateKeyId = "0123456789abcdef",
            PrivateKey = rsa.ExportPkcs8PrivateKeyPem(),
            ClientEmail = "registry@example-project.iam.gserviceaccount.com",
            ClientId = "1234567890",
            TokenUri = "https://oauth2.googleapis.com/token",
        };
    }
}
