using System.Buffers;
using System.Buffers.Binary;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Registry.Storage.Drivers.Azure;

/// <summary>
/// A writer of <see cref="AzureDriver"/>. It buffers up to one block, stages each full block, and
/// on commit or dispose commits the block list, or stores a file smaller than one block with one
/// Put Blob. Opened at a later offset it keeps the committed blocks below that offset and reloads
/// the bytes between the last kept block and the offset. So a file from a Put Blob, or a
/// truncation inside a block, continues as staged blocks too.
/// </summary>
/// <remarks>
/// Staged blocks stay invisible until the block list is committed, so a file replaced from offset
/// 0 keeps its old content until then. Every block ID has the same length (20 bytes: a per-writer
/// GUID and a block index), as the service requires within one blob, and no two writers share one.
/// A blob that distribution wrote as an append blob is continued by <see cref="AzureAppendWriter"/>.
/// </remarks>
internal sealed class AzureWriter : IStorageWriter
{
    private const int BlockIdLength = 20;

    // Base64 of a 20-byte ID; kept blocks with IDs of another length are reloaded instead.
    private const int EncodedBlockIdLength = 28;

    private readonly AzureDriver _driver;
    private readonly BlockBlobClient _blob;
    private readonly string _path;
    private readonly Guid _writerId = Guid.NewGuid();
    private readonly int _blockSize;
    private readonly List<string> _blockIds;
    private readonly bool _replacesWholeFile;
    private byte[]? _buffer;
    private int _buffered;
    private long _blockBytes;
    private int _stagedBlocks;
    private bool _closed;

    private AzureWriter(AzureDriver driver, BlockBlobClient blob, string path, List<string> keptBlockIds, long keptBytes, bool replacesWholeFile = false)
    {
        _driver = driver;
        _blob = blob;
        _path = path;
        _blockIds = keptBlockIds;
        _blockBytes = keptBytes;
        _replacesWholeFile = replacesWholeFile;
        _blockSize = driver.Options.BlockSize;
        _buffer = ArrayPool<byte>.Shared.Rent(_blockSize);
    }

    public long Size => _blockBytes + _buffered;

    /// <summary>
    /// Opens a writer at <paramref name="offset"/>. Steps: read the blob's properties, check the
    /// offset, keep the committed blocks that end at or below it, reload the bytes from there to
    /// the offset.
    /// </summary>
    public static async Task<IStorageWriter> OpenAsync(AzureDriver driver, string path, string blobName, long offset, CancellationToken cancellationToken)
    {
        var blob = driver.Container.GetBlockBlobClient(blobName);
        if (offset == 0)
        {
            return new AzureWriter(driver, blob, path, [], 0, replacesWholeFile: true);
        }

        // Step 1: properties.
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (AzureErrors.IsNotFound(exception))
        {
            // A missing file has size 0, so every offset above 0 lies past its end.
            throw new InvalidOffsetException(AzureDriver.DriverName, path, offset);
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(driver.Clients, path, exception);
        }

        // Step 2: offset.
        if (offset > properties.ContentLength)
        {
            throw new InvalidOffsetException(AzureDriver.DriverName, path, offset);
        }

        if (properties.BlobType == BlobType.Append)
        {
            return AzureAppendWriter.Continue(driver, path, blobName, offset, properties.ContentLength);
        }

        // Step 3: kept blocks.
        var writer = new AzureWriter(driver, blob, path, [], 0);
        try
        {
            var blockList = (await blob.GetBlockListAsync(BlockListTypes.Committed, cancellationToken: cancellationToken)).Value;
            foreach (var block in blockList.CommittedBlocks)
            {
                if (writer._blockBytes + block.SizeLong > offset || block.Name.Length != EncodedBlockIdLength)
                {
                    break;
                }

                writer._blockIds.Add(block.Name);
                writer._blockBytes += block.SizeLong;
            }

            // Step 4: reload.
            var reloaded = offset - writer._blockBytes;
            AzureLog.WriterContinued(driver.Logger, blobName, offset, writer._blockIds.Count, reloaded);
            if (reloaded > 0)
            {
                var range = new BlobDownloadOptions
                {
                    Range = new HttpRange(writer._blockBytes, reloaded),
                    Conditions = new BlobRequestConditions { IfMatch = properties.ETag },
                };
                var download = await blob.DownloadStreamingAsync(range, cancellationToken);
                await using var content = download.Value.Content;
                await writer.CopyFromAsync(content, cancellationToken);
            }

            return writer;
        }
        catch (RequestFailedException exception)
        {
            writer.Release();
            throw AzureErrors.Translate(driver.Clients, path, exception);
        }
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        while (!buffer.IsEmpty)
        {
            var count = Math.Min(buffer.Length, _blockSize - _buffered);
            buffer.Span[..count].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += count;
            buffer = buffer[count..];
            if (_buffered == _blockSize)
            {
                await StageBufferAsync(cancellationToken);
            }
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        try
        {
            await PublishAsync(cancellationToken);
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
            if (_stagedBlocks > 0)
            {
                // Delete Blob finds no blob that has only uncommitted blocks. Committing an empty block
                // list discards those blocks and leaves an empty blob, which the delete removes.
                await _blob.CommitBlockListAsync([], cancellationToken: cancellationToken);
                AzureLog.UncommittedBlocksDiscarded(_driver.Logger, _blob.Name);
            }

            await _blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_driver.Clients, _path, exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            Release();
            return;
        }

        // Disposing without commit keeps the bytes, so that another writer, perhaps in another process, continues them.
        AzureLog.WriterDisposedWithoutCommit(_driver.Logger, _blob.Name, Size);
        try
        {
            await PublishAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is StorageDriverException or RequestFailedException or AggregateException)
        {
            // Throwing here would hide the exception that ended the caller's write; the next writer finds the stored size.
            AzureLog.WriterDisposeFailed(_driver.Logger, _blob.Name, Size, exception);
        }
        finally
        {
            Release();
        }
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        _closed = true;
        try
        {
            if (_blockIds.Count == 0)
            {
                // Fast path: the whole file fits one block, so one Put Blob stores it.
                await _driver.UploadReplacingLegacyAsync(_blob, _buffer.AsMemory(0, _buffered), cancellationToken);
                return;
            }

            if (_buffered > 0)
            {
                await StageBufferAsync(cancellationToken);
            }

            await _blob.CommitBlockListAsync(_blockIds, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.InvalidBlockList && _replacesWholeFile)
        {
            // NOTE: the service discards a blob's uncommitted blocks when any block list or Put Blob
            // commits on it. So another writer replaced the file after this one began. This commit
            // is treated as ordered before that one, whose whole content is now the file.
            AzureLog.WriterSuperseded(_driver.Logger, _blob.Name, _stagedBlocks);
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_driver.Clients, _path, exception);
        }
    }

    private async Task StageBufferAsync(CancellationToken cancellationToken)
    {
        var blockId = NextBlockId();
        using var content = AzureDriver.StreamOf(_buffer.AsMemory(0, _buffered));
        try
        {
            await StageAsync(blockId, content, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.InvalidBlobType && _blockBytes == 0)
        {
            // Distribution's append blob at this name takes no blocks; a writer from offset 0 replaces it.
            await _driver.DeleteLegacyBlobAsync(_blob, cancellationToken);
            content.Position = 0;
            await StageAsync(blockId, content, cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_driver.Clients, _path, exception);
        }

        _blockIds.Add(blockId);
        _blockBytes += _buffered;
        _buffered = 0;
        _stagedBlocks++;
    }

    private async Task StageAsync(string blockId, Stream content, CancellationToken cancellationToken)
    {
        try
        {
            await _blob.StageBlockAsync(blockId, content, new BlockBlobStageBlockOptions(), cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode != BlobErrorCode.InvalidBlobType)
        {
            throw AzureErrors.Translate(_driver.Clients, _path, exception);
        }
    }

    private async Task CopyFromAsync(Stream content, CancellationToken cancellationToken)
    {
        int read;
        while ((read = await content.ReadAsync(_buffer.AsMemory(_buffered, _blockSize - _buffered), cancellationToken)) > 0)
        {
            _buffered += read;
            if (_buffered == _blockSize)
            {
                await StageBufferAsync(cancellationToken);
            }
        }
    }

    private string NextBlockId()
    {
        Span<byte> id = stackalloc byte[BlockIdLength];
        _writerId.TryWriteBytes(id);
        BinaryPrimitives.WriteInt32BigEndian(id[16..], _stagedBlocks);
        return Convert.ToBase64String(id);
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
