using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Logging;

namespace Registry.Storage.Drivers.Azure;

/// <summary>
/// Signs read-only SAS URLs of single blobs. It signs with the account key when the client has
/// one, or with a user delegation key when it authenticates with a token. A connection string that
/// carries a SAS instead of a key can sign nothing.
/// </summary>
internal sealed class AzureUrlSigner(AzureClients clients, ILogger logger, TimeProvider timeProvider)
{
    // A user delegation key is valid for at most 7 days; a new one is fetched well before this one expires.
    private static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(48);
    private static readonly TimeSpan DelegationKeyRenewal = TimeSpan.FromMinutes(30);

    // Clocks of the service and of this host may differ by a few seconds.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _delegationKeyLock = new(1, 1);
    private UserDelegationKey? _delegationKey;
    private int _unavailableLogged;

    /// <summary>Returns a URL that reads <paramref name="blob"/> until <paramref name="validity"/> has passed, or null when this client cannot sign.</summary>
    public async Task<Uri?> SignReadAsync(BlobClient blob, TimeSpan validity, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var builder = new BlobSasBuilder(BlobSasPermissions.Read, now + validity)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = now - ClockSkew,
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };

        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(builder);
        }

        if (!clients.UsesTokenCredential)
        {
            LogUnavailableOnce("the connection string holds no account key", exception: null);
            return null;
        }

        var key = await GetDelegationKeyAsync(now, cancellationToken);
        if (key is null)
        {
            return null;
        }

        var uri = new BlobUriBuilder(blob.Uri) { Sas = builder.ToSasQueryParameters(key, blob.AccountName) };
        return uri.ToUri();
    }

    private async Task<UserDelegationKey?> GetDelegationKeyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _delegationKeyLock.WaitAsync(cancellationToken);
        try
        {
            if (_delegationKey is { } current && current.SignedExpiresOn - now > DelegationKeyRenewal)
            {
                return current;
            }

            var options = new BlobGetUserDelegationKeyOptions(now + DelegationKeyLifetime) { StartsOn = now - ClockSkew };
            var response = await clients.Service.GetUserDelegationKeyAsync(options, cancellationToken);
            _delegationKey = response.Value;
            AzureLog.UserDelegationKeyFetched(logger, _delegationKey.SignedExpiresOn);
            return _delegationKey;
        }
        catch (RequestFailedException exception)
        {
            LogUnavailableOnce($"the user delegation key request failed with status {exception.Status} and error code {exception.ErrorCode ?? "none"}", exception);
            return null;
        }
        finally
        {
            _delegationKeyLock.Release();
        }
    }

    private void LogUnavailableOnce(string reason, Exception? exception)
    {
        if (Interlocked.Exchange(ref _unavailableLogged, 1) == 0)
        {
            AzureLog.RedirectUnavailable(logger, clients.Container.Name, reason, exception);
        }
    }
}
