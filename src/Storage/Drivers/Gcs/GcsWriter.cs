using System.Net;
using Google.Apis.Storage.v1.Data;
using GcsObject = Google.Apis.Storage.v1.Data.Object;

namespace Registry.Storage.Drivers.Gcs;

/// <summary>A writer that publishes its file on commit through a <see cref="GcsUpload"/>.</summary>
/// <remarks>
/// Continuing a file: GCS objects cannot be appended to, and the upload flow commits after every
/// request, so each writer opened at a later offset starts from a published object. Two ways:
/// <list type="bullet">
/// <item>Compose, when the writer continues at the stored size and that is at least one chunk: the
/// new bytes go to a part object <c>&lt;object&gt;~part-&lt;id&gt;</c>, and commit composes the stored
/// object (matched by generation) and the part into the object, then deletes the part. Each append
/// then costs the new bytes only, not the whole file again.</item>
/// <item>Rewrite, for a smaller stored file or an offset inside the file: the writer sends the stored
/// bytes before the offset again, read from the store, ahead of its own. Below one chunk that is one
/// download and one upload, fewer requests than a compose.</item>
/// </list>
/// No state lives only in this process between writers: the next writer, in any replica, reads the
/// published object. Disposing without commit publishes what was written, as commit does, because
/// the contract keeps those bytes readable and resumable. So a resumable upload never outlives its
/// writer, and no session URI needs to be stored. NOTE: a process that dies mid-write leaves at most a
/// part object (removed with its directory, or by <see cref="CancelAsync"/>) and an unfinished
/// resumable upload, which GCS expires after a week.
/// </remarks>
internal sealed class GcsWriter : IStorageWriter
{
    private readonly GcsDriver _driver;
    private readonly string _path;
    private readonly string _key;
    private readonly long _offset;
    private readonly long _storedSize;
    private readonly long? _storedGeneration;
    private readonly bool _compose;

    // Uploads the file itself, or the part to compose.
    private readonly GcsUpload _upload;

    // Rewrite only: whether the stored bytes before the offset are already in the upload.
    private bool _leadingCopied;
    private bool _closed;

    private GcsWriter(GcsDriver driver, string path, long offset, GcsObject? stored)
    {
        _driver = driver;
        _path = path;
        _key = driver.Names.KeyOf(path);
        _offset = offset;
        _storedSize = (long)(stored?.Size ?? 0);
        _storedGeneration = stored?.Generation;
        Size = offset;
        _compose = offset > 0 && offset == _storedSize && _storedSize >= driver.Options.ChunkSize;
        _upload = new GcsUpload(driver, path, _compose ? GcsObjectNames.PartOf(_key) : _key);
        _leadingCopied = offset == 0;
    }

    public long Size { get; private set; }

    public static async Task<IStorageWriter> OpenAsync(GcsDriver driver, string path, long offset, CancellationToken cancellationToken)
    {
        GcsObject? stored = null;
        try
        {
            stored = await driver.GetObjectAsync(path, driver.Names.KeyOf(path), cancellationToken);
        }
        catch (PathNotFoundException)
        {
            // A missing file has size 0.
        }

        if (offset > (long)(stored?.Size ?? 0))
        {
            throw new InvalidOffsetException(driver.Name, path, offset);
        }

        return new GcsWriter(driver, path, offset, stored);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        if (buffer.IsEmpty)
        {
            return;
        }

        await CopyLeadingBytesAsync(cancellationToken);
        await _upload.AppendAsync(buffer, cancellationToken);
        Size += buffer.Length;
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        _closed = true;
        using (_upload)
        {
            await PublishAsync(cancellationToken);
        }
    }

    public async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        _closed = true;
        using (_upload)
        {
            await _upload.CancelAsync(cancellationToken);
        }

        // The file, its part objects (key~...) and anything left under it.
        await _driver.DeleteIfExistsAsync(_path, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return;
        }

        try
        {
            await CommitAsync();
        }
        catch (Exception exception) when (exception is StorageDriverException or NotSupportedException or OperationCanceledException)
        {
            // Dispose runs while another failure propagates, which this one must not hide.
            GcsDriverLog.DisposeCommitFailed(_driver.Logger, _path, Size, exception);
        }
    }

    /// <summary>Publishes the written bytes: 1. finish the upload; 2. compose the part onto the file.</summary>
    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        var unchanged = Size == _storedSize && _offset == _storedSize && _storedGeneration is not null;
        if (unchanged)
        {
            // A writer at the stored size that wrote nothing leaves the file as it is.
            return;
        }

        // 1. upload
        await CopyLeadingBytesAsync(cancellationToken);
        await _upload.FinishAsync(cancellationToken);
        if (!_compose)
        {
            return;
        }

        // 2. compose
        await ComposeAsync(cancellationToken);
        GcsDriverLog.PartComposed(_driver.Logger, _driver.Options.Bucket, _key, _upload.Length, Size);
        try
        {
            await _driver.DeleteObjectAsync(_path, _upload.Name, cancellationToken);
        }
        catch (StorageDriverException exception)
        {
            GcsDriverLog.TemporaryDeleteFailed(_driver.Logger, _driver.Options.Bucket, _upload.Name, exception);
        }
    }

    private async Task ComposeAsync(CancellationToken cancellationToken)
    {
        var bucket = _driver.Options.Bucket;
        try
        {
            await _driver.Retry.RunAsync("compose", _path, _key, token =>
            {
                var request = _driver.Storage.Service.Objects.Compose(
                    new ComposeRequest
                    {
                        SourceObjects =
                        [
                            new ComposeRequest.SourceObjectsData { Name = _key, Generation = _storedGeneration },
                            new ComposeRequest.SourceObjectsData { Name = _upload.Name },
                        ],
                        Destination = new GcsObject { ContentType = GcsMediaClient.BlobContentType },
                    },
                    bucket,
                    _key);

                // The precondition makes a repeated compose fail instead of appending the part twice.
                request.IfGenerationMatch = _storedGeneration;
                return request.ExecuteAsync(token);
            }, cancellationToken);
        }
        catch (StorageDriverException exception) when (GcsRetryPolicy.HttpStatusOf(exception.InnerException!) == HttpStatusCode.PreconditionFailed)
        {
            // Either an earlier attempt of this compose succeeded and its response was lost, or another writer changed the file.
            var current = await _driver.GetObjectAsync(_path, _key, cancellationToken);
            if ((long)(current.Size ?? 0) != Size)
            {
                throw new StorageDriverException(
                    _driver.Name, _path, $"the file changed while this writer was open (generation {_storedGeneration} is gone)", exception);
            }
        }
    }

    /// <summary>Rewrite only: queues the stored bytes before the offset ahead of this writer's bytes, once.</summary>
    private async Task CopyLeadingBytesAsync(CancellationToken cancellationToken)
    {
        if (_leadingCopied || _compose)
        {
            return;
        }

        _leadingCopied = true;
        await using var stored = await _driver.ReaderAsync(_path, 0, cancellationToken);
        try
        {
            await _upload.AppendFromAsync(stored, _offset, cancellationToken);
        }
        catch (EndOfStreamException exception)
        {
            throw new StorageDriverException(_driver.Name, _path, $"the file became shorter than offset {_offset} while this writer was open", exception);
        }
    }

    private void EnsureOpen()
    {
        if (_closed)
        {
            throw new InvalidOperationException($"the writer of {_path} is already committed or cancelled");
        }
    }
}
