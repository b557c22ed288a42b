using Microsoft.Extensions.Logging;
using Registry.Grains.Logging;
using Registry.Storage.Layout;

namespace Registry.Grains.Repositories;

internal sealed partial class RepositoryGrain
{
    [LoggerMessage(EventId = GrainEventIds.RepositoryLoaded, Level = LogLevel.Debug, Message = "Loaded repository {Repository}: {TagCount} tags, {RevisionCount} manifests, {LayerCount} layer links")]
    private static partial void LogLoaded(ILogger logger, RepositoryName repository, int tagCount, int revisionCount, int layerCount);

    [LoggerMessage(EventId = GrainEventIds.ManifestStored, Level = LogLevel.Debug, Message = "Stored manifest {Digest} in {Repository} (tag {Tag})")]
    private static partial void LogManifestStored(ILogger logger, RepositoryName repository, Digest digest, string? tag);

    [LoggerMessage(EventId = GrainEventIds.ManifestDeleted, Level = LogLevel.Debug, Message = "Deleted manifest {Digest} and {TagCount} tags from {Repository}")]
    private static partial void LogManifestDeleted(ILogger logger, RepositoryName repository, Digest digest, int tagCount);

    [LoggerMessage(EventId = GrainEventIds.TagDeleted, Level = LogLevel.Debug, Message = "Deleted tag {Tag} from {Repository}")]
    private static partial void LogTagDeleted(ILogger logger, RepositoryName repository, Tag tag);

    [LoggerMessage(EventId = GrainEventIds.BlobLinked, Level = LogLevel.Debug, Message = "Linked blob {Digest} into {Repository}")]
    private static partial void LogBlobLinked(ILogger logger, RepositoryName repository, Digest digest);

    [LoggerMessage(EventId = GrainEventIds.BlobUnlinked, Level = LogLevel.Debug, Message = "Unlinked blob {Digest} from {Repository}")]
    private static partial void LogBlobUnlinked(ILogger logger, RepositoryName repository, Digest digest);

    [LoggerMessage(EventId = GrainEventIds.LinkUnreadable, Level = LogLevel.Warning, Message = "Ignored link file {Path}: its content is not a digest")]
    private static partial void LogLinkUnreadable(ILogger logger, string path);

    [LoggerMessage(EventId = GrainEventIds.ManifestUnreadable, Level = LogLevel.Warning, Message = "Manifest {Digest} in {Repository} is linked but its content is missing or invalid")]
    private static partial void LogManifestUnreadable(ILogger logger, RepositoryName repository, Digest digest, Exception? exception);
}
