namespace Registry.Storage.Drivers.InMemory;

/// <summary>
/// A driver that keeps every file as a byte array in process memory, for tests and small single-process use.
/// Directories exist only as the prefixes of stored file paths, and operations on a directory scan
/// every stored path.
/// </summary>
/// <remarks>
/// A stored array never changes after it is published, because every write replaces it with a new
/// one, so readers hold a consistent snapshot without a lock.
/// </remarks>
public sealed class InMemoryDriver : IStorageDriver
{
    public const string DriverName = "inmemory";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    public InMemoryDriver(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string Name => DriverName;

    public Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = GetFile(path, cancellationToken);
        return Task.FromResult(file.Content.ToArray());
    }

    public Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(DriverName, path);
        cancellationToken.ThrowIfCancellationRequested();
        Publish(path, content.ToArray());
        return Task.CompletedTask;
    }

    public Task<Stream> ReaderAsync(string path, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var file = GetFile(path, cancellationToken);
        if (offset > file.Content.Length)
        {
            throw new InvalidOffsetException(DriverName, path, offset);
        }

        Stream stream = new MemoryStream(file.Content, writable: false) { Position = offset };
        return Task.FromResult(stream);
    }

    public Task<IStorageWriter> WriterAsync(string path, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        StoragePath.Validate(DriverName, path);
        cancellationToken.ThrowIfCancellationRequested();

        byte[] committed;
        lock (_lock)
        {
            committed = _files.TryGetValue(path, out var file) ? file.Content : [];
        }

        if (offset > committed.Length)
        {
            throw new InvalidOffsetException(DriverName, path, offset);
        }

        IStorageWriter writer = new InMemoryWriter(this, path, committed, offset);
        return Task.FromResult(writer);
    }

    public Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(DriverName, path);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            if (_files.TryGetValue(path, out var file))
            {
                return Task.FromResult(new StorageFileInfo(path, file.Content.Length, file.ModifiedAt, IsDirectory: false));
            }

            // A directory was last modified when the newest file under it was.
            var prefix = DirectoryPrefix(path);
            DateTimeOffset? modifiedAt = null;
            foreach (var (key, stored) in _files)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal) && (modifiedAt is null || stored.ModifiedAt > modifiedAt))
                {
                    modifiedAt = stored.ModifiedAt;
                }
            }

            return modifiedAt is { } directoryModifiedAt
                ? Task.FromResult(new StorageFileInfo(path, 0, directoryModifiedAt, IsDirectory: true))
                : throw new PathNotFoundException(DriverName, path);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(DriverName, path);
        cancellationToken.ThrowIfCancellationRequested();

        var prefix = DirectoryPrefix(path);
        var children = new HashSet<string>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var key in _files.Keys)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var end = key.IndexOf('/', prefix.Length);
                    children.Add(end < 0 ? key : key[..end]);
                }
            }
        }

        if (children.Count == 0)
        {
            throw new PathNotFoundException(DriverName, path);
        }

        var sorted = children.ToList();
        sorted.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(sorted);
    }

    public IAsyncEnumerable<StorageFileInfo> WalkAsync(string path, CancellationToken cancellationToken = default) =>
        StorageWalk.ByListingAsync(this, path, cancellationToken);

    public Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(DriverName, sourcePath);
        StoragePath.Validate(DriverName, destinationPath);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            if (!_files.TryGetValue(sourcePath, out var file))
            {
                throw new PathNotFoundException(DriverName, sourcePath);
            }

            if (sourcePath == destinationPath)
            {
                return Task.CompletedTask;
            }

            ThrowIfConflicting(destinationPath);
            _files[destinationPath] = file;
            _files.Remove(sourcePath);
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(DriverName, path);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            if (_files.Remove(path))
            {
                return Task.CompletedTask;
            }

            var prefix = DirectoryPrefix(path);
            var removed = _files.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (removed.Count == 0)
            {
                throw new PathNotFoundException(DriverName, path);
            }

            foreach (var key in removed)
            {
                _files.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task<Uri?> RedirectUrlAsync(string path, string method, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(DriverName, path);
        return Task.FromResult<Uri?>(null);
    }

    /// <summary>Stores <paramref name="content"/> as the whole file, replacing any earlier one. The array must not change afterwards.</summary>
    internal void Publish(string path, byte[] content)
    {
        lock (_lock)
        {
            ThrowIfConflicting(path);
            _files[path] = new StoredFile(content, _timeProvider.GetUtcNow());
        }
    }

    /// <summary>Removes the file if it exists.</summary>
    internal void Remove(string path)
    {
        lock (_lock)
        {
            _files.Remove(path);
        }
    }

    private StoredFile GetFile(string path, CancellationToken cancellationToken)
    {
        StoragePath.Validate(DriverName, path);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return _files.TryGetValue(path, out var file) ? file : throw new PathNotFoundException(DriverName, path);
        }
    }

    /// <summary>
    /// Raises <see cref="IOException"/> when a file cannot be stored at <paramref name="path"/>
    /// because the path is a directory or one of its parents is a file, as a filesystem would.
    /// </summary>
    private void ThrowIfConflicting(string path)
    {
        if (path == "/")
        {
            throw new IOException($"{DriverName}: cannot write a file at / because it is the root directory");
        }

        for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            var parent = path[..slash];
            if (_files.ContainsKey(parent))
            {
                throw new IOException($"{DriverName}: cannot write a file at {path} because {parent} is a file");
            }
        }

        var prefix = DirectoryPrefix(path);
        foreach (var key in _files.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new IOException($"{DriverName}: cannot write a file at {path} because it is a directory");
            }
        }
    }

    private static string DirectoryPrefix(string path) => path == "/" ? "/" : path + "/";

    private sealed record StoredFile(byte[] Content, DateTimeOffset ModifiedAt);
}
