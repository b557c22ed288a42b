namespace Registry.Storage.Drivers;

/// <summary>An append-only writer for one file, used by one caller at a time.</summary>
/// <remarks>
/// Visibility:
/// <list type="bullet">
/// <item>A writer opened at offset 0 publishes the file whole when <see cref="CommitAsync"/> or
/// <see cref="IAsyncDisposable.DisposeAsync"/> returns. Until then readers see the previous content,
/// or no file.</item>
/// <item>A writer opened at a later offset may expose the truncation and the bytes it appends before
/// commit, because the filesystem driver writes them in place as distribution's does. Readers must
/// read only up to a size that a committed writer reported.</item>
/// </list>
/// Disposing without commit or cancel keeps what was written, so another writer can continue it.
/// After a commit or cancel, <see cref="WriteAsync"/>, <see cref="CommitAsync"/> and
/// <see cref="CancelAsync"/> raise <see cref="InvalidOperationException"/>.
/// </remarks>
public interface IStorageWriter : IAsyncDisposable
{
    /// <summary>Bytes in the file so far, including those written by earlier writers.</summary>
    long Size { get; }

    /// <summary>Appends <paramref name="buffer"/> at <see cref="Size"/>.</summary>
    Task WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>Flushes every written byte durably and makes the file visible at <see cref="Size"/>.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the file, including the bytes that earlier writers committed.</summary>
    Task CancelAsync(CancellationToken cancellationToken = default);
}
