using Registry.Silo.Configuration;
using Registry.Silo.Hosting.Storage;
using Registry.Storage.Drivers.Azure;

namespace Registry.UnitTests.Hosting;

public sealed class AzureDriverSetupTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void ToOptions_SharedKey_MapsEveryKey()
    {
        var section = new AzureStorageSection
        {
            AccountName = "account",
            AccountKey = Key,
            Container = "registry",
            Realm = "core.chinacloudapi.cn",
            RootDirectory = "/prefix/",
            MaxRetries = 3,
            RetryDelay = TimeSpan.FromSeconds(1),
            CopyStatusPollMaxRetry = 7,
            CopyStatusPollDelay = TimeSpan.FromMilliseconds(250),
        };

        var options = AzureDriverSetup.ToOptions(section);

        Assert.Equal(AzureCredentialType.SharedKey, options.CredentialType);
        Assert.Equal("account", options.AccountName);
        Assert.Equal(Key, options.AccountKey);
        Assert.Equal("registry", options.Container);
        Assert.Equal("/prefix/", options.RootDirectory);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryDelay);
        Assert.Equal(7, options.CopyStatusPollMaxRetry);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.CopyStatusPollDelay);
        Assert.Equal(new Uri("https://account.blob.core.chinacloudapi.cn"), AzureClientFactoryUrl(options));
    }

    [Theory]
    [InlineData("", AzureCredentialType.ConnectionString)]
    [InlineData("client_secret", AzureCredentialType.ClientSecret)]
    [InlineData("default_credentials", AzureCredentialType.DefaultCredentials)]
    public void ToOptions_CredentialType_SelectsCredential(string type, AzureCredentialType expected)
    {
        var section = new AzureStorageSection
        {
            AccountName = "account",
            Container = "registry",
            ConnectionString = type == "" ? "UseDevelopmentStorage=true" : "",
            Credentials = new AzureCredentialsSection { Type = type, TenantId = "tenant", ClientId = "client", Secret = "secret" },
        };

        Assert.Equal(expected, AzureDriverSetup.ToOptions(section).CredentialType);
    }

    [Fact]
    public void ToOptions_ServiceUrl_ReplacesRealm()
    {
        var section = new AzureStorageSection
        {
            Container = "registry",
            ServiceUrl = "http://127.0.0.1:10000/devstoreaccount1",
            Credentials = new AzureCredentialsSection { Type = "default_credentials" },
        };

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), AzureDriverSetup.ToOptions(section).ServiceUrl);
    }

    [Theory]
    [InlineData("container", "storage.azure.container")]
    [InlineData("accountname", "storage.azure.accountname")]
    [InlineData("accountkey", "storage.azure.accountkey")]
    [InlineData("badkey", "storage.azure.accountkey")]
    [InlineData("type", "storage.azure.credentials.type")]
    [InlineData("tenantid", "storage.azure.credentials.tenantid")]
    [InlineData("serviceurl", "storage.azure.serviceurl")]
    [InlineData("max_retries", "storage.azure.max_retries")]
    [InlineData("copy_status_poll_max_retry", "storage.azure.copy_status_poll_max_retry")]
    [InlineData("both", "storage.azure.connectionstring")]
    public void ToOptions_InvalidKey_NamesKey(string broken, string key)
    {
        var section = new AzureStorageSection { AccountName = "account", AccountKey = Key, Container = "registry" };
        switch (broken)
        {
            case "container": section.Container = ""; break;
            case "accountname": section.AccountName = ""; break;
            case "accountkey": section.AccountKey = ""; break;
            case "badkey": section.AccountKey = "not base64!"; break;
            case "type": section.Credentials.Type = "managed_identity"; break;
            case "tenantid": section.Credentials = new AzureCredentialsSection { Type = "client_secret", ClientId = "c", Secret = "s" }; break;
            case "serviceurl": section.ServiceUrl = "blob.example"; break;
            case "max_retries": section.MaxRetries = -1; break;
            case "copy_status_poll_max_retry": section.CopyStatusPollMaxRetry = -2; break;
            case "both": section.ConnectionString = "UseDevelopmentStorage=true"; break;
        }

        var exception = Assert.Throws<ConfigurationException>(() => AzureDriverSetup.ToOptions(section));

        Assert.Contains(key, exception.Message);
        Assert.DoesNotContain(Key, exception.Message);
    }

    private static Uri AzureClientFactoryUrl(AzureDriverOptions options) =>
        options.ServiceUrl ?? new Uri($"https://{options.AccountName}.blob.{options.Realm}");
}
