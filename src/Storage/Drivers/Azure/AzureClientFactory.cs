using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace Registry.Storage.Drivers.Azure;

/// <summary>The Blob service clients of one driver and what they can sign.</summary>
internal sealed record AzureClients(BlobServiceClient Service, BlobContainerClient Container, bool UsesTokenCredential)
{
    /// <summary>The service endpoint without any query, safe to log: a connection string's SAS stays out.</summary>
    public string Endpoint => Service.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
}

/// <summary>Builds the Blob service client from <see cref="AzureDriverOptions"/>.</summary>
internal static class AzureClientFactory
{
    public static AzureClients Create(AzureDriverOptions options, ILogger logger)
    {
        var clientOptions = CreateClientOptions(options, logger);
        var service = options.CredentialType switch
        {
            AzureCredentialType.ConnectionString => new BlobServiceClient(options.ConnectionString, clientOptions),
            AzureCredentialType.SharedKey => new BlobServiceClient(
                ServiceUrl(options), new StorageSharedKeyCredential(options.AccountName, options.AccountKey), clientOptions),
            AzureCredentialType.ClientSecret => new BlobServiceClient(
                ServiceUrl(options), new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret), clientOptions),
            AzureCredentialType.DefaultCredentials => new BlobServiceClient(ServiceUrl(options), new DefaultAzureCredential(), clientOptions),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.CredentialType, "unknown Azure credential type"),
        };
        var usesToken = options.CredentialType is AzureCredentialType.ClientSecret or AzureCredentialType.DefaultCredentials;
        return new AzureClients(service, service.GetBlobContainerClient(options.Container), usesToken);
    }

    /// <summary>Returns the configured service URL, or <c>https://&lt;account&gt;.blob.&lt;realm&gt;</c> as distribution derives it.</summary>
    public static Uri ServiceUrl(AzureDriverOptions options) =>
        options.ServiceUrl ?? new Uri($"https://{options.AccountName}.blob.{options.Realm}");

    private static BlobClientOptions CreateClientOptions(AzureDriverOptions options, ILogger logger)
    {
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.AddPolicy(new AzureRetryLogPolicy(logger, options.MaxRetries), HttpPipelinePosition.PerRetry);
        if (options.SkipVerify)
        {
            clientOptions.Transport = new HttpClientTransport(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
        }

        return clientOptions;
    }
}
