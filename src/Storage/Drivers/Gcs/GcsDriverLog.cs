using Microsoft.Extensions.Logging;

namespace Registry.Storage.Drivers.Gcs;

/// <summary>Event ids of the <c>gcs</c> driver, from its range 4300-4399.</summary>
internal static class GcsEventIds
{
    public const int DriverCreated = 4300;
    public const int RequestRetrying = 4301;
    public const int RedirectUnavailable = 4302;
    public const int SourceDeleteFailed = 4303;
    public const int TemporaryDeleteFailed = 4304;
    public const int UploadSessionStarted = 4305;
    public const int PartComposed = 4306;
    public const int DisposeCommitFailed = 4307;
    public const int SessionCancelFailed = 4308;
    public const int RedirectSigningFailed = 4309;
}

/// <summary>Log messages of the <c>gcs</c> driver. None of them carries a key, token, session URI or signature.</summary>
internal static partial class GcsDriverLog
{
    [LoggerMessage(EventId = GcsEventIds.DriverCreated, Level = LogLevel.Information,
        Message = "GCS driver uses bucket {Bucket} at {Endpoint} with root directory '{RootDirectory}', chunk size {ChunkSize} bytes and {CredentialKind} credentials")]
    public static partial void DriverCreated(ILogger logger, string bucket, string endpoint, string rootDirectory, int chunkSize, string credentialKind);

    [LoggerMessage(EventId = GcsEventIds.RequestRetrying, Level = LogLevel.Warning,
        Message = "GCS {Operation} on {Bucket}/{ObjectName} failed ({Status}); retry {Attempt} of {MaxRetries} in {DelayMs} ms")]
    public static partial void RequestRetrying(
        ILogger logger, string operation, string bucket, string objectName, string status, int attempt, int maxRetries, long delayMs, Exception exception);

    [LoggerMessage(EventId = GcsEventIds.RedirectUnavailable, Level = LogLevel.Information,
        Message = "GCS redirects are off: {Reason}. Blobs are streamed through the registry")]
    public static partial void RedirectUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = GcsEventIds.SourceDeleteFailed, Level = LogLevel.Warning,
        Message = "GCS move copied {Source} to {Destination} but failed to delete the source; it stays until its directory is deleted")]
    public static partial void SourceDeleteFailed(ILogger logger, string source, string destination, Exception exception);

    [LoggerMessage(EventId = GcsEventIds.TemporaryDeleteFailed, Level = LogLevel.Warning,
        Message = "GCS failed to delete the temporary object {Bucket}/{ObjectName}; it stays until its directory is deleted")]
    public static partial void TemporaryDeleteFailed(ILogger logger, string bucket, string objectName, Exception exception);

    [LoggerMessage(EventId = GcsEventIds.UploadSessionStarted, Level = LogLevel.Debug,
        Message = "GCS resumable upload started for {Bucket}/{ObjectName}")]
    public static partial void UploadSessionStarted(ILogger logger, string bucket, string objectName);

    [LoggerMessage(EventId = GcsEventIds.PartComposed, Level = LogLevel.Debug,
        Message = "GCS appended {PartSize} bytes to {Bucket}/{ObjectName} by compose; the object has {Size} bytes")]
    public static partial void PartComposed(ILogger logger, string bucket, string objectName, long partSize, long size);

    [LoggerMessage(EventId = GcsEventIds.DisposeCommitFailed, Level = LogLevel.Error,
        Message = "GCS writer of {Path} was disposed without commit and failed to publish its {Size} bytes; the next writer continues from the last committed size")]
    public static partial void DisposeCommitFailed(ILogger logger, string path, long size, Exception exception);

    [LoggerMessage(EventId = GcsEventIds.SessionCancelFailed, Level = LogLevel.Warning,
        Message = "GCS failed to cancel the resumable upload of {Bucket}/{ObjectName}; the store expires it within a week")]
    public static partial void SessionCancelFailed(ILogger logger, string bucket, string objectName, Exception exception);

    [LoggerMessage(EventId = GcsEventIds.RedirectSigningFailed, Level = LogLevel.Warning,
        Message = "GCS failed to sign a redirect URL for {Path}; the blob is streamed through the registry")]
    public static partial void RedirectSigningFailed(ILogger logger, string path, Exception exception);
}
