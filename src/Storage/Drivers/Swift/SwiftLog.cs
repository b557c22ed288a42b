using Microsoft.Extensions.Logging;

namespace Registry.Storage.Drivers.Swift;

/// <summary>Log messages of the Swift driver, event ids 4400-4499.</summary>
internal static partial class SwiftLog
{
    [LoggerMessage(EventId = 4400, Level = LogLevel.Information, Message = "Swift driver started: container {Container}, storage URL {StorageUrl}, bulk delete {BulkDelete}, TempURL {TempUrl}")]
    public static partial void Started(ILogger logger, string container, Uri storageUrl, bool bulkDelete, bool tempUrl);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "Authenticated with identity API v{Version} at {AuthUrl}; storage URL {StorageUrl}")]
    public static partial void Authenticated(ILogger logger, int version, Uri authUrl, Uri storageUrl);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Warning, Message = "Swift rejected the token for {Method} {Url}; authenticating again")]
    public static partial void TokenRejected(ILogger logger, string method, string url);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Warning, Message = "Retrying {Method} {Url} in {Delay} (retry {Retry} of {MaxRetries}) after status {Status}")]
    public static partial void RetryAfterStatus(ILogger logger, string method, string url, TimeSpan delay, int retry, int maxRetries, int status);

    [LoggerMessage(EventId = 4404, Level = LogLevel.Warning, Message = "Retrying {Method} {Url} in {Delay} (retry {Retry} of {MaxRetries}) after a connection error")]
    public static partial void RetryAfterError(ILogger logger, string method, string url, TimeSpan delay, int retry, int maxRetries, Exception exception);

    [LoggerMessage(EventId = 4405, Level = LogLevel.Information, Message = "Created container {Container}")]
    public static partial void ContainerCreated(ILogger logger, string container);

    [LoggerMessage(EventId = 4406, Level = LogLevel.Information, Message = "Set the TempURL key on the {Scope}")]
    public static partial void TempUrlKeySet(ILogger logger, string scope);

    [LoggerMessage(EventId = 4407, Level = LogLevel.Warning, Message = "Swift /info at {Url} is unavailable with status {Status}; using the configured TempURL settings and single deletes")]
    public static partial void InfoUnavailable(ILogger logger, string url, int status);

    [LoggerMessage(EventId = 4408, Level = LogLevel.Warning, Message = "Failed to delete {Count} unreferenced segments of {Path}; they stay in the container")]
    public static partial void SegmentCleanupFailed(ILogger logger, int count, string path, Exception exception);

    [LoggerMessage(EventId = 4409, Level = LogLevel.Debug, Message = "Bulk delete of {Count} objects: {Deleted} deleted, {NotFound} not found")]
    public static partial void BulkDeleted(ILogger logger, int count, int deleted, int notFound);

    [LoggerMessage(EventId = 4410, Level = LogLevel.Warning, Message = "Swift TempURL does not allow {Method}; no redirect for {Path}")]
    public static partial void TempUrlMethodNotAllowed(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 4411, Level = LogLevel.Error, Message = "Authentication at {AuthUrl} failed")]
    public static partial void AuthenticationFailed(ILogger logger, Uri authUrl, Exception exception);
}
