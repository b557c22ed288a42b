using System.Text.RegularExpressions;

namespace Registry.Storage.Drivers.FileSystem;

/// <summary>
/// A driver that stores the path <c>/a/b</c> as the file <c>&lt;root&gt;/a/b</c>, the mapping that
/// distribution's filesystem driver uses, so a tree written by registry:2 is read as it is.
/// </summary>
/// <remarks>
/// Whole-file writes (<see cref="PutContentAsync"/> and writers opened at offset 0) go to a temporary
/// file <c>.&lt;name&gt;.&lt;32 hex digits&gt;.tmp</c> beside the target, which is then renamed over the
/// target. <see cref="ListAsync"/> leaves such names out, which hides nothing of the registry layout
/// because none of its names starts with a dot.
/// The file is fsynced before the rename and its directory after it.
/// NOTE: a process killed between the write and the rename leaves its temporary file on disk, and
/// parent directories that a write creates are not fsynced.
/// </remarks>
public sealed partial class FileSystemDriver : IStorageDriver
{
    public const string DriverName = "filesystem";

    // FileStream passes a write of at least its buffer size straight to the file, so callers that
    // copy in 64 KiB buffers or larger have their bytes copied only once.
    internal const int BufferSize = 64 * 1024;

    // 255 bytes (NAME_MAX of ext4, XFS, btrfs and APFS) less the 38 characters that
    // TemporaryPathFor adds: two dots, 32 hex digits and ".tmp".
    private const int MaxTemporaryNameStemLength = 255 - 38;

    private readonly string _root;
    private readonly string _rootPrefix;

    public FileSystemDriver(FileSystemDriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.RootDirectory))
        {
            throw new ArgumentException(
                "storage.filesystem.rootdirectory is missing or empty. Set it to the directory that contains the registry's files.",
                nameof(options));
        }

        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.RootDirectory));
        _rootPrefix = Path.EndsInDirectorySeparator(_root) ? _root : _root + Path.DirectorySeparatorChar;
    }

    public string Name => DriverName;

    /// <summary>The absolute directory that driver paths are mapped under.</summary>
    public string RootDirectory => _root;

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken = default)
    {
        var fullPath = Resolve(path);

        // Buffer size 1 turns FileStream buffering off, which is useless when one read fills the array.
        await using var stream = OpenRead(path, fullPath, bufferSize: 1, FileOptions.Asynchronous);
        var content = new byte[stream.Length];
        await stream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }

    public async Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var fullPath = ResolveFile(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temporaryPath = TemporaryPathFor(fullPath);
        try
        {
            await using (var stream = new FileStream(
                temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporaryPath);
            throw;
        }

        DirectorySync.Flush(Path.GetDirectoryName(fullPath)!);
    }

    public async Task<Stream> ReaderAsync(string path, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var fullPath = Resolve(path);
        cancellationToken.ThrowIfCancellationRequested();

        var stream = OpenRead(path, fullPath, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (offset > stream.Length)
        {
            await stream.DisposeAsync();
            throw new InvalidOffsetException(DriverName, path, offset);
        }

        stream.Position = offset;
        return stream;
    }

    public Task<IStorageWriter> WriterAsync(string path, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var fullPath = ResolveFile(path);
        cancellationToken.ThrowIfCancellationRequested();

        IStorageWriter writer = offset == 0
            ? FileSystemWriter.CreateNew(path, fullPath)
            : FileSystemWriter.Continue(path, fullPath, offset);
        return Task.FromResult(writer);
    }

    public Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken = default)
    {
        var fullPath = Resolve(path);
        cancellationToken.ThrowIfCancellationRequested();

        var file = new FileInfo(fullPath);
        if (file.Exists)
        {
            return Task.FromResult(new StorageFileInfo(path, file.Length, file.LastWriteTimeUtc, IsDirectory: false));
        }

        var directory = new DirectoryInfo(fullPath);
        if (directory.Exists)
        {
            return Task.FromResult(new StorageFileInfo(path, 0, directory.LastWriteTimeUtc, IsDirectory: true));
        }

        throw new PathNotFoundException(DriverName, path);
    }

    public Task<IReadOnlyList<string>> ListAsync(string path, CancellationToken cancellationToken = default)
    {
        var fullPath = Resolve(path);
        cancellationToken.ThrowIfCancellationRequested();

        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(fullPath);
        }
        catch (DirectoryNotFoundException)
        {
            // Also raised when the path is a file.
            throw new PathNotFoundException(DriverName, path);
        }

        var prefix = path == "/" ? "/" : path + "/";
        var children = new List<string>(entries.Length);
        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            if (!TemporaryName().IsMatch(name))
            {
                children.Add(prefix + name);
            }
        }

        children.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(children);
    }

    public IAsyncEnumerable<StorageFileInfo> WalkAsync(string path, CancellationToken cancellationToken = default) =>
        StorageWalk.ByListingAsync(this, path, cancellationToken);

    public Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken = default)
    {
        var sourceFullPath = Resolve(sourcePath);
        var destinationFullPath = ResolveFile(destinationPath);
        cancellationToken.ThrowIfCancellationRequested();

        if (!File.Exists(sourceFullPath))
        {
            throw new PathNotFoundException(DriverName, sourcePath);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destinationFullPath)!);
        try
        {
            File.Move(sourceFullPath, destinationFullPath, overwrite: true);
        }
        catch (FileNotFoundException)
        {
            // The source was deleted after the check above.
            throw new PathNotFoundException(DriverName, sourcePath);
        }

        DirectorySync.Flush(Path.GetDirectoryName(destinationFullPath)!);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var fullPath = Resolve(path);
        cancellationToken.ThrowIfCancellationRequested();

        if (File.Exists(fullPath))
        {
            File.Delete(fullPath);
            return Task.CompletedTask;
        }

        try
        {
            Directory.Delete(fullPath, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            throw new PathNotFoundException(DriverName, path);
        }

        return Task.CompletedTask;
    }

    public Task<Uri?> RedirectUrlAsync(string path, string method, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(DriverName, path);
        return Task.FromResult<Uri?>(null);
    }

    /// <summary>Returns the name of a new temporary file in the directory of <paramref name="fullPath"/>.</summary>
    /// <remarks>
    /// The temporary name is 38 characters longer than the target's, so a target name near the
    /// 255-byte name limit of common filesystems is cut to fit. The GUID alone keeps the name
    /// unique. Driver paths are ASCII, so characters and bytes count the same.
    /// </remarks>
    internal static string TemporaryPathFor(string fullPath)
    {
        var name = Path.GetFileName(fullPath.AsSpan());
        if (name.Length > MaxTemporaryNameStemLength)
        {
            name = name[..MaxTemporaryNameStemLength];
        }

        return Path.Join(Path.GetDirectoryName(fullPath), $".{name}.{Guid.NewGuid():N}.tmp");
    }

    [GeneratedRegex(@"^\..+\.[0-9a-f]{32}\.tmp\z")]
    private static partial Regex TemporaryName();

    /// <summary>Validates a driver path and maps it to a path under the root directory.</summary>
    private string Resolve(string path)
    {
        StoragePath.Validate(DriverName, path);

        // StoragePath already rejects "." and "..", and this check keeps the root a hard limit even if
        // that validation changes.
        var fullPath = Path.GetFullPath(Path.Join(_root, path.AsSpan(1)));
        if (fullPath != _root && !fullPath.StartsWith(_rootPrefix, StringComparison.Ordinal))
        {
            throw new InvalidPathException(DriverName, path);
        }

        return fullPath;
    }

    /// <summary>Resolves a path that a file is written to, which the root directory cannot be.</summary>
    private string ResolveFile(string path)
    {
        var fullPath = Resolve(path);
        return fullPath == _root
            ? throw new IOException($"{DriverName}: cannot write a file at / because it is the root directory")
            : fullPath;
    }

    private static FileStream OpenRead(string path, string fullPath, int bufferSize, FileOptions options)
    {
        try
        {
            // Sharing write and delete access keeps an open reader from making a writer, a move or a
            // delete fail with a sharing violation on Windows.
            return new FileStream(
                fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize, options);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PathNotFoundException(DriverName, path);
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(fullPath))
        {
            // A directory is not a file that can be read.
            throw new PathNotFoundException(DriverName, path);
        }
    }
}
