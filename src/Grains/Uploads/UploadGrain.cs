using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Registry.Grains.Blobs;
using Registry.Grains.Errors;
using Registry.Grains.Repositories;
using Registry.Storage.Drivers;
using Registry.Storage.Hashing;
using Registry.Storage.Layout;

namespace Registry.Grains.Uploads;

/// <summary>
/// One upload session. Its durable state is distribution's: <c>startedat</c>, the <c>data</c> file
/// and one hash state per committed offset, so a new activation on any silo resumes where the last
/// acknowledged write ended.
/// </summary>
// An idle session reloads from storage on the next request, so it leaves memory early.
[CollectionAgeLimit(Minutes = 5)]
internal sealed partial class UploadGrain(IStorageDriver driver, ILogger<UploadGrain> logger) : Grain, IUploadGrain
{
    /// <summary>How long a writer may go silent before its lease can be taken over.</summary>
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);

    private RepositoryName _repository;
    private string _uploadId = "";
    private DateTimeOffset? _startedAt;
    private long _offset;
    private byte[] _hashState = [];
    private Guid? _leaseId;
    private DateTimeOffset _leaseExpiresAt;

    private string DataPath => RegistryLayout.UploadData(_repository, _uploadId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_repository, _uploadId) = UploadKey.Parse(this.GetPrimaryKeyString());
        _startedAt = await ReadStartedAtAsync(cancellationToken);
        if (_startedAt is not null)
        {
            (_offset, _hashState) = await ReadLatestHashStateAsync(cancellationToken);
            LogRestored(logger, _repository, _uploadId, _offset);
        }
    }

    public async Task<UploadStatus> StartAsync()
    {
        if (_startedAt is not null)
        {
            return Status();
        }

        var startedAt = DateTimeOffset.UtcNow;
        await driver.PutContentAsync(DataPath, ReadOnlyMemory<byte>.Empty);
        await driver.PutContentAsync(
            RegistryLayout.UploadStartedAt(_repository, _uploadId),
            Encoding.ASCII.GetBytes(startedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)));
        using var hasher = ResumableSha256.Create();
        _hashState = hasher.ExportState();
        _offset = 0;
        _startedAt = startedAt;
        LogStarted(logger, _repository, _uploadId);
        return Status();
    }

    public Task<UploadStatus> GetStatusAsync()
    {
        EnsureExists();
        return Task.FromResult(Status());
    }

    public Task<UploadLease> BeginWriteAsync(long? expectedOffset)
    {
        EnsureExists();
        EnsureNoActiveLease();
        if (expectedOffset is { } expected && expected != _offset)
        {
            throw new RegistryException(
                RegistryErrorCode.RangeInvalid,
                $"the chunk starts at byte {expected}, but the upload has {_offset} bytes; send the next chunk from byte {_offset}",
                _offset.ToString(CultureInfo.InvariantCulture));
        }

        _leaseId = Guid.NewGuid();
        _leaseExpiresAt = DateTimeOffset.UtcNow + LeaseDuration;
        return Task.FromResult(new UploadLease(_leaseId.Value, DataPath, _offset, _hashState));
    }

    public Task RenewLeaseAsync(Guid leaseId)
    {
        EnsureLease(leaseId);
        _leaseExpiresAt = DateTimeOffset.UtcNow + LeaseDuration;
        return Task.CompletedTask;
    }

    public async Task<UploadStatus> EndWriteAsync(Guid leaseId, long offset, byte[] hashState)
    {
        await DeleteOrphanedWriteAsync();
        EnsureLease(leaseId);
        if (offset < _offset)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"the upload already has {_offset} bytes");
        }

        if (offset > _offset)
        {
            var previous = _offset;
            await driver.PutContentAsync(RegistryLayout.UploadHashState(_repository, _uploadId, Digest.Sha256, offset), hashState);
            _offset = offset;
            _hashState = hashState;
            await driver.DeleteIfExistsAsync(RegistryLayout.UploadHashState(_repository, _uploadId, Digest.Sha256, previous));
        }

        _leaseId = null;
        return Status();
    }

    public async Task AbortWriteAsync(Guid leaseId)
    {
        await DeleteOrphanedWriteAsync();
        if (_leaseId == leaseId)
        {
            _leaseId = null;
        }
    }

    /// <summary>
    /// Deletes the session's directory when the session was cancelled or completed while a write
    /// held its lease: the bytes that write committed belong to no session, and the upload purger
    /// keeps a directory without <c>startedat</c>, so nothing else would ever delete them.
    /// </summary>
    private async Task DeleteOrphanedWriteAsync()
    {
        if (_startedAt is null)
        {
            await driver.DeleteIfExistsAsync(RegistryLayout.Upload(_repository, _uploadId));
        }
    }

    public async Task<long> CompleteAsync(Digest expected)
    {
        EnsureExists();
        EnsureNoActiveLease();

        // A writer that died before recording its offset may have left bytes past the committed
        // offset. The hash state does not cover them, so they are cut off.
        var info = await driver.StatAsync(DataPath);
        if (info.Size != _offset)
        {
            await using var writer = await driver.WriterAsync(DataPath, _offset);
            await writer.CommitAsync();
        }

        var actual = await ComputeDigestAsync(expected.Algorithm);
        if (actual != expected)
        {
            LogDigestMismatch(logger, _repository, _uploadId, expected, actual);
            await CancelAsync();
            throw new RegistryException(
                RegistryErrorCode.DigestInvalid,
                $"the uploaded content has digest {actual}, not {expected}",
                expected.ToString());
        }

        var size = await GrainFactory.GetGrain<IBlobGrain>(expected.ToString()).CommitAsync(DataPath, _offset);
        await GrainFactory.GetGrain<IRepositoryGrain>(_repository.Value).LinkBlobAsync(expected);
        await driver.DeleteIfExistsAsync(RegistryLayout.Upload(_repository, _uploadId));
        LogCompleted(logger, _repository, _uploadId, expected, size);
        Forget();
        return size;
    }

    public async Task CancelAsync()
    {
        EnsureExists();
        await driver.DeleteIfExistsAsync(RegistryLayout.Upload(_repository, _uploadId));
        LogCancelled(logger, _repository, _uploadId);
        Forget();
    }

    private void Forget()
    {
        _startedAt = null;
        _leaseId = null;
        DeactivateOnIdle();
    }

    private async Task<Digest> ComputeDigestAsync(string algorithm)
    {
        if (algorithm == Digest.Sha256)
        {
            using var hasher = ResumableSha256.Restore(_hashState);
            return Digest.FromHash(Digest.Sha256, hasher.GetCurrentHash());
        }

        // Clients push with sha256; another algorithm costs one read of the data.
        await using var stream = await driver.ReaderAsync(DataPath, 0);
        var hash = await SHA512.HashDataAsync(stream);
        return Digest.FromHash(Digest.Sha512, hash);
    }

    private UploadStatus Status() => new(_uploadId, _offset, _startedAt!.Value);

    private void EnsureExists()
    {
        if (_startedAt is null)
        {
            throw new RegistryException(RegistryErrorCode.BlobUploadUnknown, $"upload {_uploadId} is not known in repository {_repository}");
        }
    }

    private void EnsureNoActiveLease()
    {
        if (_leaseId is null)
        {
            return;
        }

        if (DateTimeOffset.UtcNow < _leaseExpiresAt)
        {
            throw new RegistryException(
                RegistryErrorCode.BlobUploadInvalid,
                $"another request is writing to upload {_uploadId}; retry when it has finished");
        }

        LogLeaseExpired(logger, _repository, _uploadId);
        _leaseId = null;
    }

    private void EnsureLease(Guid leaseId)
    {
        EnsureExists();
        if (_leaseId != leaseId)
        {
            throw new RegistryException(
                RegistryErrorCode.BlobUploadInvalid,
                $"the write to upload {_uploadId} lost its lease because it was idle for more than {LeaseDuration.TotalSeconds} seconds");
        }
    }

    private async Task<DateTimeOffset?> ReadStartedAtAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await driver.GetContentAsync(RegistryLayout.UploadStartedAt(_repository, _uploadId), cancellationToken);
            return DateTimeOffset.TryParse(Encoding.ASCII.GetString(content).Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var startedAt)
                ? startedAt
                : DateTimeOffset.UnixEpoch;
        }
        catch (PathNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Finds the highest offset with a readable hash state; a session with none restarts at 0.</summary>
    private async Task<(long Offset, byte[] State)> ReadLatestHashStateAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> paths;
        try
        {
            paths = await driver.ListAsync(RegistryLayout.UploadHashStates(_repository, _uploadId, Digest.Sha256), cancellationToken);
        }
        catch (PathNotFoundException)
        {
            paths = [];
        }

        var offsets = paths
            .Select(path => long.TryParse(path[(path.LastIndexOf('/') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : -1)
            .Where(offset => offset > 0)
            .OrderDescending();
        foreach (var offset in offsets)
        {
            var state = await driver.GetContentAsync(RegistryLayout.UploadHashState(_repository, _uploadId, Digest.Sha256, offset), cancellationToken);
            try
            {
                using var hasher = ResumableSha256.Restore(state);
                if (hasher.BytesHashed == offset)
                {
                    return (offset, state);
                }
            }
            catch (FormatException)
            {
                // Try the next older state.
            }
        }

        using var initial = ResumableSha256.Create();
        return (0, initial.ExportState());
    }

    [LoggerMessage(EventId = Logging.GrainEventIds.UploadStarted, Level = LogLevel.Debug, Message = "Started upload {UploadId} in {Repository}")]
    private static partial void LogStarted(ILogger logger, RepositoryName repository, string uploadId);

    [LoggerMessage(EventId = Logging.GrainEventIds.UploadRestored, Level = LogLevel.Debug, Message = "Restored upload {UploadId} in {Repository} at offset {Offset}")]
    private static partial void LogRestored(ILogger logger, RepositoryName repository, string uploadId, long offset);

    [LoggerMessage(EventId = Logging.GrainEventIds.UploadCompleted, Level = LogLevel.Debug, Message = "Completed upload {UploadId} in {Repository} as {Digest} ({Size} bytes)")]
    private static partial void LogCompleted(ILogger logger, RepositoryName repository, string uploadId, Digest digest, long size);

    [LoggerMessage(EventId = Logging.GrainEventIds.UploadCancelled, Level = LogLevel.Debug, Message = "Cancelled upload {UploadId} in {Repository}")]
    private static partial void LogCancelled(ILogger logger, RepositoryName repository, string uploadId);

    [LoggerMessage(EventId = Logging.GrainEventIds.UploadDigestMismatch, Level = LogLevel.Information, Message = "Upload {UploadId} in {Repository} was declared as {Expected} but has digest {Actual}")]
    private static partial void LogDigestMismatch(ILogger logger, RepositoryName repository, string uploadId, Digest expected, Digest actual);

    [LoggerMessage(EventId = Logging.GrainEventIds.UploadLeaseExpired, Level = LogLevel.Warning, Message = "The writer of upload {UploadId} in {Repository} went silent; its lease expired")]
    private static partial void LogLeaseExpired(ILogger logger, RepositoryName repository, string uploadId);
}
