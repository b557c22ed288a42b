using System.Buffers;
using Amazon.S3.Model;

namespace Registry.Storage.Drivers.S3;

/// <summary>
/// A writer that buffers up to <see cref="S3DriverOptions.ChunkSize"/> bytes and sends each full
/// buffer as a part of a multipart upload. A file that never fills one buffer is stored with a
/// single PutObject on commit.
/// </summary>
/// <remarks>
/// Commit and dispose both publish the file: PutObject, or the last part and
/// CompleteMultipartUpload. So the next writer, in any process, finds a completed object to
/// continue (see <see cref="S3WriterOpening"/>). A dispose that cannot publish logs the failure and
/// keeps the uploaded parts pending, where a later writer resumes them.
/// </remarks>
internal sealed class S3Writer : IStorageWriter
{
    private readonly S3Driver _driver;
    private readonly string _path;
    private readonly string _key;
    private readonly List<PartETag> _parts = [];

    private byte[]? _buffer;
    private int _buffered;
    private string? _uploadId;

    // Bytes [0, _copyLength) of the stored object become the first parts once an upload starts.
    private long _copyLength;

    // Whether publishing would change the stored file. It is false only for a writer that continues
    // a stored file at its end and has not written yet.
    private bool _changed;
    private bool _finished;

    private S3Writer(S3Driver driver, string path, long size, bool changed)
    {
        _driver = driver;
        _path = path;
        _key = driver.Keys.KeyOf(path);
        Size = size;
        _changed = changed;
    }

    public long Size { get; private set; }

    private long ChunkSize => _driver.Options.ChunkSize;

    /// <summary>Creates a writer of a new file, which replaces any stored one on commit.</summary>
    public static S3Writer CreateNew(S3Driver driver, string path) => new(driver, path, 0, changed: true);

    /// <summary>Creates a writer whose upload starts with copies of the stored object's first <paramref name="offset"/> bytes.</summary>
    public static S3Writer ContinueByCopy(S3Driver driver, string path, long offset, bool truncates) =>
        new(driver, path, offset, truncates) { _copyLength = offset };

    /// <summary>Creates a writer whose buffer starts with <paramref name="head"/>, the stored file's first bytes.</summary>
    public static S3Writer ContinueFromBytes(S3Driver driver, string path, byte[] head, bool truncates)
    {
        var writer = new S3Writer(driver, path, head.Length, truncates);
        writer.EnsureBuffer();
        head.CopyTo(writer._buffer!, 0);
        writer._buffered = head.Length;
        return writer;
    }

    /// <summary>Creates a writer that continues a pending multipart upload whose parts hold <paramref name="size"/> bytes.</summary>
    public static S3Writer ContinueUpload(S3Driver driver, string path, string uploadId, List<PartETag> parts, long size)
    {
        // Changed even before a write: the pending upload must be completed to make the file visible.
        var writer = new S3Writer(driver, path, size, changed: true) { _uploadId = uploadId };
        writer._parts.AddRange(parts);
        return writer;
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureNotFinished();
        _changed = true;
        while (!buffer.IsEmpty)
        {
            EnsureBuffer();
            var count = (int)Math.Min(buffer.Length, ChunkSize - _buffered);
            buffer[..count].CopyTo(_buffer.AsMemory(_buffered));
            _buffered += count;
            Size += count;
            buffer = buffer[count..];
            if (_buffered == ChunkSize)
            {
                await UploadBufferAsync(cancellationToken);
            }
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureNotFinished();
        await PublishAsync(cancellationToken);
        _finished = true;
        ReturnBuffer();
    }

    public async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        EnsureNotFinished();
        _finished = true;
        ReturnBuffer();
        if (_uploadId is not null)
        {
            await _driver.AbortUploadAsync(_path, _key, _uploadId, cancellationToken);
        }

        var request = new DeleteObjectRequest { BucketName = _driver.Options.Bucket, Key = _key };
        await _driver.CallAsync("DeleteObject", _path, () => _driver.Client.DeleteObjectAsync(request, cancellationToken), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            _finished = true;
            try
            {
                // Dispose runs after a client disconnect too, so it must not take the request's token.
                await PublishAsync(CancellationToken.None);
            }
            catch (StorageDriverException exception)
            {
                S3DriverLog.PublishOnDisposeFailed(_driver.Logger, _path, Size, exception);
            }
        }

        ReturnBuffer();
    }

    /// <summary>Makes the file visible at <see cref="Size"/>: PutObject, or the last part and CompleteMultipartUpload.</summary>
    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        if (!_changed)
        {
            return;
        }

        if (_uploadId is null && _copyLength == 0)
        {
            await _driver.PutObjectAsync(_path, _buffer.AsMemory(0, _buffered), cancellationToken);
            _buffered = 0;
            return;
        }

        await EnsureUploadAsync(cancellationToken);
        if (_buffered > 0)
        {
            await UploadBufferAsync(cancellationToken);
        }

        await _driver.CompleteUploadAsync(_path, _key, _uploadId!, _parts, cancellationToken);
    }

    private async Task EnsureUploadAsync(CancellationToken cancellationToken)
    {
        if (_uploadId is not null)
        {
            return;
        }

        _uploadId = await _driver.CreateUploadAsync(_path, _key, cancellationToken);
        if (_copyLength > 0)
        {
            _parts.AddRange(await _driver.CopyPartsAsync(_path, _key, _key, _uploadId, _copyLength, firstPartNumber: 1, cancellationToken));
            _copyLength = 0;
        }
    }

    private async Task UploadBufferAsync(CancellationToken cancellationToken)
    {
        await EnsureUploadAsync(cancellationToken);
        var partNumber = _parts.Count == 0 ? 1 : _parts.Max(part => part.PartNumber ?? 0) + 1;
        await using var body = new MemoryStream(_buffer!, 0, _buffered, writable: false);
        var request = new UploadPartRequest
        {
            BucketName = _driver.Options.Bucket,
            Key = _key,
            UploadId = _uploadId,
            PartNumber = partNumber,
            PartSize = _buffered,
            InputStream = body,

            // Swift's s3api rejects aws-chunked bodies with 501, and s3rver corrupts them.
            UseChunkEncoding = false,
        };
        var response = await _driver.CallAsync("UploadPart", _path, () => _driver.Client.UploadPartAsync(request, cancellationToken), cancellationToken);
        _parts.Add(new PartETag(partNumber, response.ETag));
        _buffered = 0;
    }

    private void EnsureBuffer() => _buffer ??= ArrayPool<byte>.Shared.Rent((int)ChunkSize);

    private void ReturnBuffer()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    private void EnsureNotFinished()
    {
        if (_finished)
        {
            throw new InvalidOperationException($"The writer of {_path} is already committed, cancelled or disposed.");
        }
    }
}
