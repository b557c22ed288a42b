using Microsoft.Extensions.Logging;

namespace Registry.Storage.Drivers.S3;

/// <summary>Log messages of the S3 driver, event ids 4100-4199.</summary>
internal static partial class S3DriverLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "S3 driver created for bucket {Bucket} at {Endpoint} with root directory '{RootDirectory}'")]
    public static partial void DriverCreated(ILogger logger, string bucket, string endpoint, string rootDirectory);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "S3 request {Method} {Host}{Path} returned {Status}")]
    public static partial void RequestSent(ILogger logger, string method, string host, string path, int status);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "S3 request {Method} {Host}{Path} returned {Status}; the SDK retries it while attempts remain")]
    public static partial void RequestRejected(ILogger logger, string method, string host, string path, int status);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "S3 request {Method} {Host}{Path} failed before a response; the SDK retries it while attempts remain")]
    public static partial void RequestFailed(ILogger logger, string method, string host, string path, Exception exception);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning,
        Message = "storage.s3.v4auth is false, but the S3 client signs only with AWS Signature Version 4; requests are signed with version 4")]
    public static partial void V4AuthIgnored(ILogger logger);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "S3 {Operation} failed on {Path}")]
    public static partial void OperationFailed(ILogger logger, string operation, string path, Exception exception);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Debug,
        Message = "Writer on {Path} continues multipart upload {UploadId} with {Parts} parts, {Size} bytes")]
    public static partial void UploadResumed(ILogger logger, string path, string uploadId, int parts, long size);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Debug,
        Message = "Writer on {Path} completed pending multipart upload {UploadId} to continue from the object")]
    public static partial void PendingUploadCompleted(ILogger logger, string path, string uploadId);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Debug, Message = "Aborted multipart upload {UploadId} of key {Key}")]
    public static partial void UploadAborted(ILogger logger, string key, string uploadId);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Warning,
        Message = "The S3 service does not list multipart uploads ({ErrorCode}), so this driver aborts no pending uploads, starting with those under {Path}")]
    public static partial void UploadListingUnsupported(ILogger logger, string path, string errorCode);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning,
        Message = "S3 multi-object delete under {Path} could not delete key {Key}: {ErrorCode}")]
    public static partial void KeyNotDeleted(ILogger logger, string path, string key, string errorCode);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Writer on {Path} could not abort multipart upload {UploadId}")]
    public static partial void AbortFailed(ILogger logger, string path, string uploadId, Exception exception);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning,
        Message = "Writer on {Path} disposed without commit could not publish its {Size} bytes; uploaded parts stay pending for the next writer")]
    public static partial void PublishOnDisposeFailed(ILogger logger, string path, long size, Exception exception);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Debug,
        Message = "Multipart upload {UploadId} of key {Key} was already completed or aborted")]
    public static partial void UploadAlreadyGone(ILogger logger, string key, string uploadId);
}
