using Microsoft.Extensions.Logging;
using Registry.Grains.Logging;
using Registry.Storage.Layout;

namespace Registry.Grains.Maintenance;

internal sealed partial class UploadPurgeGrain
{
    [LoggerMessage(EventId = GrainEventIds.UploadPurgeScheduled, Level = LogLevel.Information, Message = "Upload purging runs every {Interval}, first in {FirstRunDelay}; it deletes sessions older than {Age} (dry run: {DryRun})")]
    private static partial void LogScheduled(ILogger logger, TimeSpan interval, TimeSpan firstRunDelay, TimeSpan age, bool dryRun);

    [LoggerMessage(EventId = GrainEventIds.UploadPurgeStarted, Level = LogLevel.Information, Message = "Upload purge started: deleting sessions started before {Cutoff} (dry run: {DryRun})")]
    private static partial void LogStarted(ILogger logger, DateTimeOffset cutoff, bool dryRun);

    [LoggerMessage(EventId = GrainEventIds.UploadPurgeFinished, Level = LogLevel.Information, Message = "Upload purge finished in {ElapsedMilliseconds} ms: {Sessions} sessions, {Expired} expired, {Deleted} deleted, {Errors} errors (dry run: {DryRun})")]
    private static partial void LogFinished(ILogger logger, long elapsedMilliseconds, int sessions, int expired, int deleted, int errors, bool dryRun);

    [LoggerMessage(EventId = GrainEventIds.UploadPurgeDeleted, Level = LogLevel.Information, Message = "Deleted upload session {UploadId} in {Repository}, started at {StartedAt}")]
    private static partial void LogDeleted(ILogger logger, RepositoryName repository, string uploadId, DateTimeOffset startedAt);

    [LoggerMessage(EventId = GrainEventIds.UploadPurgeWouldDelete, Level = LogLevel.Information, Message = "Dry run: would delete upload session {UploadId} in {Repository}, started at {StartedAt}")]
    private static partial void LogWouldDelete(ILogger logger, RepositoryName repository, string uploadId, DateTimeOffset startedAt);

    [LoggerMessage(EventId = GrainEventIds.UploadPurgeSessionUnreadable, Level = LogLevel.Warning, Message = "Kept upload session {UploadId} in {Repository} because its start time could not be read: {Reason}")]
    private static partial void LogSessionUnreadable(ILogger logger, RepositoryName repository, string uploadId, string reason);

    [LoggerMessage(EventId = GrainEventIds.UploadPurgeDeleteFailed, Level = LogLevel.Warning, Message = "Failed to delete upload session {UploadId} in {Repository}; the next purge tries again")]
    private static partial void LogDeleteFailed(ILogger logger, RepositoryName repository, string uploadId, Exception exception);

    [LoggerMessage(EventId = GrainEventIds.UploadPurgeFailed, Level = LogLevel.Error, Message = "Upload purge failed. The next one starts in {Interval}")]
    private static partial void LogFailed(ILogger logger, TimeSpan interval, Exception exception);

    [LoggerMessage(EventId = GrainEventIds.UploadPurgeDirectorySkipped, Level = LogLevel.Warning, Message = "Skipped {Path} during upload purging: its path is not a valid repository name ({Reason})")]
    private static partial void LogDirectorySkipped(ILogger logger, string path, string reason);
}
