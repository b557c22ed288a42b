namespace Registry.Storage.Drivers.FileSystem;

/// <summary>
/// A writer of <see cref="FileSystemDriver"/>. Opened at offset 0 it writes a temporary file and
/// renames it over the target on commit or dispose, so the file appears whole. Opened at a later
/// offset it truncates the target there and appends in place, as distribution's driver does.
/// </summary>
internal sealed class FileSystemWriter : IStorageWriter
{
    private readonly string _path;
    private readonly string _fullPath;
    private readonly string? _temporaryPath;
    private readonly FileStream _stream;
    private bool _closed;

    /// <summary>Offset of the first byte not yet passed to <see cref="Writeback"/>, or -1 once the kernel rejected a request.</summary>
    private long _writebackFrom;

    private FileSystemWriter(string path, string fullPath, string? temporaryPath, FileStream stream, long size)
    {
        _path = path;
        _fullPath = fullPath;
        _temporaryPath = temporaryPath;
        _stream = stream;
        Size = size;
        _writebackFrom = size;
    }

    public long Size { get; private set; }

    /// <summary>Opens a writer that replaces the file at <paramref name="fullPath"/> when it is published.</summary>
    public static FileSystemWriter CreateNew(string path, string fullPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temporaryPath = FileSystemDriver.TemporaryPathFor(fullPath);
        var stream = new FileStream(
            temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, FileSystemDriver.BufferSize, FileOptions.Asynchronous);
        return new FileSystemWriter(path, fullPath, temporaryPath, stream, size: 0);
    }

    /// <summary>Opens the existing file, drops its bytes past <paramref name="offset"/> and appends from there.</summary>
    public static FileSystemWriter Continue(string path, string fullPath, long offset)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(
                fullPath, FileMode.Open, FileAccess.Write, FileShare.Read | FileShare.Delete, FileSystemDriver.BufferSize, FileOptions.Asynchronous);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            // A missing file has size 0, so every offset above 0 lies past its end.
            throw new InvalidOffsetException(FileSystemDriver.DriverName, path, offset);
        }

        if (offset > stream.Length)
        {
            stream.Dispose();
            throw new InvalidOffsetException(FileSystemDriver.DriverName, path, offset);
        }

        stream.SetLength(offset);
        stream.Position = offset;
        return new FileSystemWriter(path, fullPath, temporaryPath: null, stream, offset);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        await _stream.WriteAsync(buffer, cancellationToken);
        Size += buffer.Length;
        if (_writebackFrom >= 0 && Size - _writebackFrom >= Writeback.IntervalBytes)
        {
            // FileStream buffers only writes smaller than its buffer. Flushing first makes sure
            // that the kernel has every byte of the range.
            await _stream.FlushAsync(cancellationToken);
            _writebackFrom = Writeback.Start(_stream.SafeFileHandle, _writebackFrom, Size - _writebackFrom) ? Size : -1;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        await _stream.FlushAsync(cancellationToken);
        _stream.Flush(flushToDisk: true);
        await CloseAndPublishAsync();
        if (_temporaryPath is not null)
        {
            DirectorySync.Flush(Path.GetDirectoryName(_fullPath)!);
        }
    }

    public async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        _closed = true;
        await _stream.DisposeAsync();
        try
        {
            if (_temporaryPath is not null)
            {
                File.Delete(_temporaryPath);
            }

            File.Delete(_fullPath);
        }
        catch (DirectoryNotFoundException)
        {
            // The directory was deleted meanwhile, so the file is already gone.
        }
    }

    /// <summary>Closes the file and keeps what was written. A new file is published as on commit, but without fsync.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return;
        }

        await CloseAndPublishAsync();
    }

    private async Task CloseAndPublishAsync()
    {
        _closed = true;
        await _stream.DisposeAsync();
        if (_temporaryPath is null)
        {
            return;
        }

        try
        {
            File.Move(_temporaryPath, _fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(_temporaryPath);
            throw;
        }
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new InvalidOperationException($"The writer of {_path} is already committed, cancelled or disposed.");
        }
    }
}
