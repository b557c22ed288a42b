using Microsoft.Extensions.Logging;
using Registry.Storage.Drivers;
using Registry.Storage.Layout;

namespace Registry.Grains.Blobs;

/// <summary>
/// Owns the existence of one blob. Calls run one at a time, so a commit, a reference and (later) a
/// deletion of the same digest never interleave.
/// </summary>
// An idle blob reloads its size with one stat, so it leaves memory early.
[CollectionAgeLimit(Minutes = 2)]
internal sealed partial class BlobGrain(IStorageDriver driver, ILogger<BlobGrain> logger) : Grain, IBlobGrain
{
    private Digest _digest;
    private long? _size;

    // NOTE: reference times are kept in memory only. Online garbage collection must make them
    // durable before it may delete anything through this grain.
    private DateTimeOffset? _lastReferencedAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _digest = Digest.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<long?> StatAsync()
    {
        // Only a found size is cached, because a missing blob may arrive through another path (a
        // registry:2 process on the same store) and a stat is cheap.
        _size ??= await LoadSizeAsync();
        return _size;
    }

    public async Task<long?> ReferenceAsync()
    {
        var size = await StatAsync();
        if (size is not null)
        {
            _lastReferencedAt = DateTimeOffset.UtcNow;
        }

        return size;
    }

    public async Task<long> CommitAsync(string sourcePath, long size)
    {
        var existing = await LoadSizeAsync();
        if (existing is not null)
        {
            // The same content is already stored: the upload is a duplicate and its data can go.
            await driver.DeleteIfExistsAsync(sourcePath);
            LogDeduplicated(logger, _digest);
        }
        else
        {
            await driver.MoveAsync(sourcePath, RegistryLayout.BlobData(_digest));
            existing = size;
            LogCommitted(logger, _digest, size);
        }

        _size = existing;
        _lastReferencedAt = DateTimeOffset.UtcNow;
        return existing.Value;
    }

    public async Task StoreContentAsync(byte[] content)
    {
        if (await LoadSizeAsync() is null)
        {
            await driver.PutContentAsync(RegistryLayout.BlobData(_digest), content);
            LogCommitted(logger, _digest, content.Length);
        }

        _size = content.Length;
        _lastReferencedAt = DateTimeOffset.UtcNow;
    }

    private async Task<long?> LoadSizeAsync()
    {
        try
        {
            var info = await driver.StatAsync(RegistryLayout.BlobData(_digest));
            return info.IsDirectory ? null : info.Size;
        }
        catch (PathNotFoundException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = Logging.GrainEventIds.BlobCommitted, Level = LogLevel.Debug, Message = "Stored blob {Digest} ({Size} bytes)")]
    private static partial void LogCommitted(ILogger logger, Digest digest, long size);

    [LoggerMessage(EventId = Logging.GrainEventIds.BlobDeduplicated, Level = LogLevel.Debug, Message = "Blob {Digest} already stored; dropped the duplicate upload")]
    private static partial void LogDeduplicated(ILogger logger, Digest digest);
}
