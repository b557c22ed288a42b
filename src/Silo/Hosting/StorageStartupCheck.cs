using Microsoft.Extensions.Logging;
using Registry.Silo.Configuration;
using Registry.Storage.Drivers;

namespace Registry.Silo.Hosting;

/// <summary>
/// Checks, before the registry serves, that its storage backend responds. A registry over a store
/// it cannot reach would otherwise start, report healthy listeners, and fail every request.
/// </summary>
internal static partial class StorageStartupCheck
{
    /// <summary>How long one stat of the root may take: 30 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Stats <c>/</c> on <paramref name="driver"/> and returns <c>null</c> when the backend responded,
    /// else the reason to stop start-up, which the caller prints. A missing root counts as a response,
    /// because a fresh store is empty. Every failure is also logged as an error.
    /// </summary>
    /// <param name="target">The backend as the configuration names it, for the timeout message, which has no driver message to show.</param>
    public static async Task<string?> FindFailureAsync(
        IStorageDriver driver, string target, ILogger logger, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        string failure;
        try
        {
            // WaitAsync bounds a driver that ignores its token, as a hung socket may.
            await driver.StatAsync("/", timeoutSource.Token).WaitAsync(timeout, cancellationToken);
            return null;
        }
        catch (PathNotFoundException)
        {
            return null;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            failure = $"storage driver '{driver.Name}' did not respond within {timeout.TotalSeconds:0.###} seconds: {target}";
            LogUnreachable(logger, driver.Name, failure, exception);
            return failure;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Drivers raise their SDK's exceptions as well as StorageDriverException; whatever the
            // type, start-up stops. Drivers name the endpoint in their messages.
            // Wrong credentials and a missing bucket end here too, so the message does not blame the network.
            failure = $"storage driver '{driver.Name}' failed to read the root of {target}: {exception.Message}";
            LogUnreachable(logger, driver.Name, failure, exception);
            return failure;
        }
    }

    /// <summary>
    /// Describes the configured backend and its endpoint without secrets, such as
    /// <c>swift container 'c' at https://auth.example/v3</c>. <paramref name="gcsEmulatorHost"/> is the
    /// value of <c>STORAGE_EMULATOR_HOST</c>, which sends the gcs driver to an emulator.
    /// </summary>
    public static string DescribeTarget(StorageSection storage, string? gcsEmulatorHost = null) => storage.Driver switch
    {
        "s3" when storage.S3 is { } s3 => $"s3 bucket '{s3.Bucket}' at {(s3.RegionEndpoint.Length > 0 ? s3.RegionEndpoint : $"region {s3.Region}")}",
        "azure" when storage.Azure is { } azure => $"azure container '{azure.Container}' of account '{azure.AccountName}'{AzureEndpoint(azure)}",
        "gcs" when storage.Gcs is { } gcs => $"gcs bucket '{gcs.Bucket}' at {(string.IsNullOrWhiteSpace(gcsEmulatorHost) ? "https://storage.googleapis.com" : gcsEmulatorHost)}",
        "swift" when storage.Swift is { } swift => $"swift container '{swift.Container}' at {swift.AuthUrl}",
        _ => $"{storage.Driver} storage",
    };

    /// <summary>
    /// Returns " at" and the Blob service endpoint, without its query string because a service URL
    /// may carry a SAS token, or "" when only the connection string, which contains the key, names it.
    /// </summary>
    private static string AzureEndpoint(AzureStorageSection azure)
    {
        if (azure.ServiceUrl.Length > 0)
        {
            var queryStart = azure.ServiceUrl.IndexOf('?', StringComparison.Ordinal);
            return " at " + (queryStart < 0 ? azure.ServiceUrl : azure.ServiceUrl[..queryStart]);
        }

        if (azure.AccountName.Length == 0)
        {
            return "";
        }

        var realm = azure.Realm.Length > 0 ? azure.Realm : "core.windows.net";
        return $" at https://{azure.AccountName}.blob.{realm}";
    }

    [LoggerMessage(EventId = HostEventIds.StorageUnreachable, Level = LogLevel.Error, Message = "Start-up stopped by the check of storage driver {Driver}: {Failure}")]
    private static partial void LogUnreachable(ILogger logger, string driver, string failure, Exception exception);
}
