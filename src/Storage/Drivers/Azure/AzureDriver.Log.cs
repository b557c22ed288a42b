using Microsoft.Extensions.Logging;

namespace Registry.Storage.Drivers.Azure;

/// <summary>Log events of the <c>azure</c> driver, ids 4200-4299.</summary>
internal static partial class AzureLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information,
        Message = "Azure driver started: account {Account}, container {Container}, endpoint {Endpoint}, credential {CredentialType}, root {RootDirectory}")]
    public static partial void DriverStarted(ILogger logger, string account, string container, string endpoint, AzureCredentialType credentialType, string rootDirectory);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Created the missing container {Container} at {Endpoint}")]
    public static partial void ContainerCreated(ILogger logger, string container, string endpoint);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning,
        Message = "Could not check or create container {Container} at {Endpoint} (status {Status}, error code {ErrorCode}); requests go on as if it exists")]
    public static partial void ContainerCheckFailed(ILogger logger, string container, string endpoint, int status, string? errorCode, Exception exception);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Retrying Azure request {Method} {Path}: attempt {Attempt} after {Reason}")]
    public static partial void RequestRetry(ILogger logger, string method, string path, int attempt, string reason);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning,
        Message = "Redirect URLs are off for container {Container}: {Reason}; blobs are served by the registry")]
    public static partial void RedirectUnavailable(ILogger logger, string container, string reason, Exception? exception);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Information,
        Message = "Replacing blob {BlobName} of type {BlobType}, written by an older registry, with a block blob")]
    public static partial void LegacyBlobReplaced(ILogger logger, string blobName, string blobType);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Debug, Message = "Copy {CopyId} to {BlobName} is pending; poll {Poll} in {Delay}")]
    public static partial void CopyPending(ILogger logger, string copyId, string blobName, int poll, TimeSpan delay);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Warning, Message = "Aborted copy {CopyId} to {BlobName} after {Polls} polls")]
    public static partial void CopyAborted(ILogger logger, string copyId, string blobName, int polls);

    [LoggerMessage(EventId = 4208, Level = LogLevel.Debug,
        Message = "Writer of {BlobName} disposed without commit; committing {Size} bytes so that another writer can continue")]
    public static partial void WriterDisposedWithoutCommit(ILogger logger, string blobName, long size);

    [LoggerMessage(EventId = 4209, Level = LogLevel.Error, Message = "Writer of {BlobName} failed to keep its {Size} bytes on dispose")]
    public static partial void WriterDisposeFailed(ILogger logger, string blobName, long size, Exception exception);

    [LoggerMessage(EventId = 4210, Level = LogLevel.Debug, Message = "Fetched a user delegation key valid until {ExpiresAt}")]
    public static partial void UserDelegationKeyFetched(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 4211, Level = LogLevel.Debug, Message = "Blob {BlobName} was gone before its delete (status {Status})")]
    public static partial void BlobAlreadyDeleted(ILogger logger, string blobName, int status);

    [LoggerMessage(EventId = 4212, Level = LogLevel.Debug,
        Message = "Writer of {BlobName} continues at offset {Offset}: keeps {KeptBlocks} blocks and reloads {ReloadedBytes} bytes")]
    public static partial void WriterContinued(ILogger logger, string blobName, long offset, int keptBlocks, long reloadedBytes);

    [LoggerMessage(EventId = 4213, Level = LogLevel.Debug, Message = "Discarded the uncommitted blocks of {BlobName}")]
    public static partial void UncommittedBlocksDiscarded(ILogger logger, string blobName);

    [LoggerMessage(EventId = 4214, Level = LogLevel.Information,
        Message = "Another writer replaced {BlobName} while this one staged {Blocks} blocks; its content is kept and this writer's blocks were discarded")]
    public static partial void WriterSuperseded(ILogger logger, string blobName, int blocks);
}
