namespace Registry.Storage.Drivers;

/// <summary>
/// A path-keyed store of byte files. Paths are absolute, slash-separated and made of the
/// characters <see cref="StoragePath"/> accepts; the driver maps them onto its backend.
/// </summary>
/// <remarks>
/// Contracts every driver keeps:
/// <list type="bullet">
/// <item>A file written with <see cref="PutContentAsync"/> or a committed writer becomes visible
/// whole: a reader never sees part of it.</item>
/// <item>A file created by a writer opened at offset 0 becomes visible whole on
/// <see cref="IStorageWriter.CommitAsync"/>. Bytes appended by a writer opened at a later offset
/// may be visible before commit (see <see cref="IStorageWriter"/>). A writer opened again at the
/// committed size continues the same file, from any process.</item>
/// <item>Missing paths raise <see cref="PathNotFoundException"/>; an offset past the end raises
/// <see cref="InvalidOffsetException"/>.</item>
/// </list>
/// </remarks>
public interface IStorageDriver
{
    /// <summary>The driver's name as configured (<c>filesystem</c>, <c>inmemory</c>).</summary>
    string Name { get; }

    /// <summary>Reads a whole small file.</summary>
    Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Writes a whole small file atomically, replacing any previous content.</summary>
    Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Opens a read stream positioned at <paramref name="offset"/>.</summary>
    Task<Stream> ReaderAsync(string path, long offset, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a writer that continues the file at <paramref name="offset"/>: bytes already stored past
    /// that offset are discarded, and an offset past the stored size raises
    /// <see cref="InvalidOffsetException"/> (a missing file has size 0). Offset 0 creates or replaces the file.
    /// </summary>
    Task<IStorageWriter> WriterAsync(string path, long offset, CancellationToken cancellationToken = default);

    /// <summary>Returns the size and kind of a file or directory.</summary>
    Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the full paths of the direct children of a directory, sorted ordinally. A missing
    /// directory, or a file, raises <see cref="PathNotFoundException"/>.
    /// </summary>
    Task<IReadOnlyList<string>> ListAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns every file below a directory, at any depth, in no particular order; directories
    /// themselves are not returned. A missing directory, or a file, raises
    /// <see cref="PathNotFoundException"/> before the first item. Object stores implement it with
    /// flat listings, without one request per directory.
    /// </summary>
    IAsyncEnumerable<StorageFileInfo> WalkAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Moves a file atomically, creating the target's parent directories and replacing the target if it exists.</summary>
    Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken = default);

    /// <summary>Deletes a file or a whole directory tree.</summary>
    Task DeleteAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns a URL that serves the file directly, or <c>null</c> when the driver has none and the
    /// caller must stream the bytes itself.
    /// </summary>
    Task<Uri?> RedirectUrlAsync(string path, string method, CancellationToken cancellationToken = default);
}
