namespace Registry.Storage.Drivers;

/// <summary>
/// An append-only writer for one file. Nothing written is visible to readers until
/// <see cref="CommitAsync"/> returns; after <see cref="CancelAsync"/> the file is gone.
/// Disposing without either keeps what was written so far, so another writer can continue it.
/// </summary>
public interface IStorageWriter : IAsyncDisposable
{
    /// <summary>Bytes in the file so far, including those written by earlier writers.</summary>
    long Size { get; }

    Task WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>Flushes every written byte durably and makes the file visible at <see cref="Size"/>.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>Discards the file.</summary>
    Task CancelAsync(CancellationToken cancellationToken = default);
}
