using System.Buffers;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Registry.Storage.Drivers.Azure;

/// <summary>
/// A writer that continues an append blob, the type that distribution's azure driver writes for
/// uploads, so that an upload started by registry:2 resumes here. It appends with Append Block,
/// each call conditioned on the append position, and so never rewrites stored bytes.
/// </summary>
internal sealed class AzureAppendWriter : IStorageWriter
{
    // Append Block takes at most 4 MiB per call in service versions before 2022-11-02.
    private const int AppendBlockSize = 4 * 1024 * 1024;

    private readonly AzureDriver _driver;
    private readonly AppendBlobClient _blob;
    private readonly string _path;
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(AppendBlockSize);
    private int _buffered;
    private long _appended;
    private bool _closed;

    private AzureAppendWriter(AzureDriver driver, AppendBlobClient blob, string path, long size)
    {
        _driver = driver;
        _blob = blob;
        _path = path;
        _appended = size;
    }

    public long Size => _appended + _buffered;

    /// <summary>Opens a writer at the end of the append blob <paramref name="blobName"/>.</summary>
    public static IStorageWriter Continue(AzureDriver driver, string path, string blobName, long offset, long size)
    {
        if (offset != size)
        {
            // NOTE: truncating an append blob means rewriting it as a block blob, which is not done. A registry:2
            // upload needs it only when a PATCH failed after storing part of its body.
            throw AzureErrors.Failure(
                driver.Clients, path, $"cannot truncate the append blob that an older registry wrote at offset {offset} of {size} bytes; restart the upload");
        }

        return new AzureAppendWriter(driver, driver.Container.GetAppendBlobClient(blobName), path, size);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        while (!buffer.IsEmpty)
        {
            var count = Math.Min(buffer.Length, AppendBlockSize - _buffered);
            buffer.Span[..count].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += count;
            buffer = buffer[count..];
            if (_buffered == AppendBlockSize)
            {
                await AppendBufferAsync(cancellationToken);
            }
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        _closed = true;
        try
        {
            await AppendBufferAsync(cancellationToken);
        }
        finally
        {
            Release();
        }
    }

    public async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        _closed = true;
        Release();
        try
        {
            await _blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_driver.Clients, _path, exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            _closed = true;
            AzureLog.WriterDisposedWithoutCommit(_driver.Logger, _blob.Name, Size);
            try
            {
                await AppendBufferAsync(CancellationToken.None);
            }
            catch (Exception exception) when (exception is StorageDriverException or AggregateException)
            {
                // Throwing here would hide the exception that ended the caller's write; the next writer finds the stored size.
                AzureLog.WriterDisposeFailed(_driver.Logger, _blob.Name, Size, exception);
            }
        }

        Release();
    }

    private async Task AppendBufferAsync(CancellationToken cancellationToken)
    {
        if (_buffered == 0)
        {
            return;
        }

        using var content = AzureDriver.StreamOf(_buffer.AsMemory(0, _buffered));
        var options = new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = _appended } };
        try
        {
            await _blob.AppendBlockAsync(content, options, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.AppendPositionConditionNotMet)
        {
            // A retried Append Block whose first attempt landed leaves the blob ending with these bytes.
            // NOTE: the length is checked but the bytes are not compared, as distribution compares their MD5.
            if (await StoredSizeAsync(cancellationToken) != _appended + _buffered)
            {
                throw AzureErrors.Translate(_driver.Clients, _path, exception);
            }
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_driver.Clients, _path, exception);
        }

        _appended += _buffered;
        _buffered = 0;
    }

    private async Task<long> StoredSizeAsync(CancellationToken cancellationToken)
    {
        var properties = await _blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        return properties.Value.ContentLength;
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new InvalidOperationException($"the writer of {_path} is already committed or cancelled");
        }
    }

    private void Release()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
