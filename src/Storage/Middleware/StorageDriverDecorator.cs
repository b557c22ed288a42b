using Registry.Storage.Drivers;

namespace Registry.Storage.Middleware;

/// <summary>
/// A storage driver that passes every call to <see cref="Inner"/>: the base of storage middleware,
/// which overrides only the calls it changes, as distribution's storage middleware embeds the driver
/// it wraps.
/// </summary>
public abstract class StorageDriverDecorator(IStorageDriver inner) : IStorageDriver
{
    /// <summary>The driver this middleware wraps.</summary>
    public IStorageDriver Inner { get; } = inner;

    /// <summary>The wrapped driver's name, so that errors and logs name the backend.</summary>
    public virtual string Name => Inner.Name;

    public virtual Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken = default) =>
        Inner.GetContentAsync(path, cancellationToken);

    public virtual Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        Inner.PutContentAsync(path, content, cancellationToken);

    public virtual Task<Stream> ReaderAsync(string path, long offset, CancellationToken cancellationToken = default) =>
        Inner.ReaderAsync(path, offset, cancellationToken);

    public virtual Task<IStorageWriter> WriterAsync(string path, long offset, CancellationToken cancellationToken = default) =>
        Inner.WriterAsync(path, offset, cancellationToken);

    public virtual Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken = default) =>
        Inner.StatAsync(path, cancellationToken);

    public virtual Task<IReadOnlyList<string>> ListAsync(string path, CancellationToken cancellationToken = default) =>
        Inner.ListAsync(path, cancellationToken);

    public virtual IAsyncEnumerable<StorageFileInfo> WalkAsync(string path, CancellationToken cancellationToken = default) =>
        Inner.WalkAsync(path, cancellationToken);

    public virtual Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken = default) =>
        Inner.MoveAsync(sourcePath, destinationPath, cancellationToken);

    public virtual Task DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        Inner.DeleteAsync(path, cancellationToken);

    public virtual Task<Uri?> RedirectUrlAsync(string path, string method, CancellationToken cancellationToken = default) =>
        Inner.RedirectUrlAsync(path, method, cancellationToken);
}
