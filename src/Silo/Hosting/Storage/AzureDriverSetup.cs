using Microsoft.Extensions.Logging;
using Registry.Silo.Configuration;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.Azure;

namespace Registry.Silo.Hosting.Storage;

/// <summary>Maps the <c>storage.azure</c> section onto the driver's options.</summary>
internal static class AzureDriverSetup
{
    public static IStorageDriver Create(AzureStorageSection section, ILoggerFactory loggerFactory) =>
        new AzureDriver(ToOptions(section), loggerFactory.CreateLogger<AzureDriver>());

    /// <summary>Validates the section and returns the driver's options.</summary>
    /// <exception cref="ConfigurationException">A key is missing, invalid, or conflicts with another.</exception>
    public static AzureDriverOptions ToOptions(AzureStorageSection section)
    {
        Require(section.Container, "storage.azure.container", "the container that stores the registry's data");
        var options = new AzureDriverOptions
        {
            CredentialType = CredentialType(section),
            AccountName = section.AccountName,
            AccountKey = section.AccountKey,
            ConnectionString = section.ConnectionString,
            TenantId = section.Credentials.TenantId,
            ClientId = section.Credentials.ClientId,
            ClientSecret = section.Credentials.Secret,
            Container = section.Container,
            ServiceUrl = ServiceUrl(section.ServiceUrl),
            RootDirectory = section.RootDirectory,
            LegacyRootPrefix = section.LegacyRootPrefix,
            SkipVerify = section.SkipVerify,
            MaxRetries = section.MaxRetries,
            RetryDelay = section.RetryDelay,
            CopyStatusPollMaxRetry = section.CopyStatusPollMaxRetry,
            CopyStatusPollDelay = section.CopyStatusPollDelay,
        };
        if (section.Realm.Length > 0)
        {
            options.Realm = section.Realm;
        }

        if (options.ServiceUrl is null && options.CredentialType != AzureCredentialType.ConnectionString)
        {
            Require(section.AccountName, "storage.azure.accountname", "the storage account, or set storage.azure.serviceurl");
        }

        if (section.MaxRetries < 0)
        {
            throw new ConfigurationException($"storage.azure.max_retries is {section.MaxRetries}, but must be 0 or more");
        }

        if (section.RetryDelay < TimeSpan.Zero)
        {
            throw new ConfigurationException($"storage.azure.retry_delay is {section.RetryDelay}, but must not be negative");
        }

        if (section.CopyStatusPollMaxRetry < -1)
        {
            throw new ConfigurationException($"storage.azure.copy_status_poll_max_retry is {section.CopyStatusPollMaxRetry}, but must be -1 or more");
        }

        if (section.CopyStatusPollDelay <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"storage.azure.copy_status_poll_delay is {section.CopyStatusPollDelay}, but must be positive");
        }

        return options;
    }

    private static AzureCredentialType CredentialType(AzureStorageSection section)
    {
        switch (section.Credentials.Type)
        {
            case "" or "shared_key" when section.ConnectionString.Length > 0:
                if (section.AccountKey.Length > 0)
                {
                    throw new ConfigurationException("storage.azure.connectionstring and storage.azure.accountkey are both set; set only one of them");
                }

                return AzureCredentialType.ConnectionString;
            case "" or "shared_key":
                Require(section.AccountName, "storage.azure.accountname", "the storage account");
                Require(section.AccountKey, "storage.azure.accountkey", "the storage account's key, or set storage.azure.connectionstring");
                if (!IsBase64(section.AccountKey))
                {
                    throw new ConfigurationException("storage.azure.accountkey is not valid base64; copy the key from the storage account's access keys");
                }

                return AzureCredentialType.SharedKey;
            case "client_secret":
                Require(section.Credentials.TenantId, "storage.azure.credentials.tenantid", "the directory (tenant) ID");
                Require(section.Credentials.ClientId, "storage.azure.credentials.clientid", "the application (client) ID");
                Require(section.Credentials.Secret, "storage.azure.credentials.secret", "the client secret");
                return AzureCredentialType.ClientSecret;
            case "default_credentials":
                return AzureCredentialType.DefaultCredentials;
            default:
                throw new ConfigurationException(
                    $"storage.azure.credentials.type is '{section.Credentials.Type}', but must be shared_key, client_secret or default_credentials");
        }
    }

    private static Uri? ServiceUrl(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new ConfigurationException($"storage.azure.serviceurl is '{value}', but must be an absolute http or https URL");
    }

    private static void Require(string value, string key, string description)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ConfigurationException($"{key} is missing; set {description}");
        }
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }
}
