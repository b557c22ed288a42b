using System.Buffers;
using System.Net;

namespace Registry.Storage.Drivers.Swift;

/// <summary>
/// A writer that buffers one segment (<see cref="SwiftDriverOptions.ChunkSize"/>) in memory and uploads each full
/// buffer as a numbered segment under a segments path of its own. Commit writes a file that never filled a segment
/// as one PUT, and anything larger as an SLO manifest over the kept and new segments.
/// </summary>
/// <remarks>
/// A writer opened at an offset rebuilds its state from the store alone. It references the stored segments that end at
/// or before the offset, and reads the other bytes before the offset back into its buffer: a plain object, the segment
/// that spans the offset, or a last segment shorter than a chunk, which SLO allows only at the end. That read happens
/// on the first write or at commit, so opening costs one HEAD (and a manifest GET for a large object). The stored
/// object stays as it was until commit; segments it no longer references are deleted after the commit.
/// </remarks>
internal sealed class SwiftWriter : IStorageWriter
{
    private readonly SwiftDriver _driver;
    private readonly string _path;
    private readonly string _objectName;
    private readonly string _segmentsPath;
    private readonly long _chunkSize;
    private readonly SwiftStoredObject? _existing;
    private readonly long _offset;
    private readonly List<SwiftSegment> _segments = [];
    private readonly List<SwiftSegment> _uploaded = [];
    private byte[]? _buffer;
    private int _buffered;
    private int _nextNumber = 1;
    private bool _prepared;
    private bool _finished;

    private SwiftWriter(SwiftDriver driver, string path, long offset, SwiftStoredObject? existing)
    {
        _driver = driver;
        _path = path;
        _objectName = driver.Names.ObjectName(path);
        _segmentsPath = driver.Names.NewSegmentsPath(path);
        _chunkSize = driver.Options.ChunkSize;
        _offset = offset;
        _existing = existing;
        _prepared = offset == 0;
        Size = offset;
    }

    public long Size { get; private set; }

    public static async Task<SwiftWriter> OpenAsync(SwiftDriver driver, string path, long offset, CancellationToken cancellationToken)
    {
        if (offset == 0)
        {
            return new SwiftWriter(driver, path, 0, existing: null);
        }

        var existing = await SwiftLargeObjects.DescribeAsync(driver.Client, driver.Names.ObjectName(path), path, cancellationToken);
        if (existing is null || offset > existing.Info.Size)
        {
            throw new InvalidOffsetException(driver.Name, path, offset);
        }

        return new SwiftWriter(driver, path, offset, existing);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        if (buffer.IsEmpty)
        {
            return;
        }

        await PrepareAsync(cancellationToken);
        await AppendAsync(buffer, cancellationToken);
        Size += buffer.Length;
    }

    /// <summary>
    /// Publishes the file: one PUT when no segment was uploaded, else the last segment and an SLO manifest. Then
    /// deletes the segments of the replaced object that the new one does not reference.
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();

        // Fast path: a writer that continued a file at its end and wrote nothing leaves it as it is.
        if (!_prepared && _existing is not null && _offset == _existing.Info.Size)
        {
            Finish();
            return;
        }

        await PrepareAsync(cancellationToken);
        var replaced = _existing ?? await SwiftLargeObjects.DescribeAsync(_driver.Client, _objectName, _path, cancellationToken);
        if (_segments.Count == 0)
        {
            await _driver.Client.PutAsync(_objectName, _buffer.AsMemory(0, _buffered), "", _path, cancellationToken);
        }
        else
        {
            if (_buffered > 0)
            {
                await UploadSegmentAsync(cancellationToken);
            }

            var manifest = SwiftLargeObjects.StaticManifestBody(_segments);
            await _driver.Client.PutAsync(_objectName, manifest, SwiftLargeObjects.PutManifestQuery, _path, cancellationToken);
        }

        Finish();
        await _driver.DeleteUnreferencedSegmentsAsync(replaced, _segments, _path, cancellationToken);
    }

    /// <summary>Deletes the stored object, its segments and the segments this writer uploaded.</summary>
    public async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        Finish();
        var stored = await SwiftLargeObjects.DescribeAsync(_driver.Client, _objectName, _path, cancellationToken);
        var doomed = new List<(string Container, string Name)>();
        if (stored is not null)
        {
            doomed.Add((_driver.Client.Container, _objectName));
            doomed.AddRange(stored.Segments.Select(segment => (segment.Container, segment.Name)));
        }

        doomed.AddRange(_uploaded.Select(segment => (segment.Container, segment.Name)));
        await _driver.DeleteObjectsAsync(doomed, _path, cancellationToken);
    }

    /// <summary>Commits unless the writer was committed or cancelled, so that what was written stays resumable.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_finished)
            {
                await CommitAsync();
            }
        }
        finally
        {
            Finish();
        }
    }

    /// <summary>Rebuilds the kept bytes of a continued file: stored segments kept by reference, the rest read into the buffer.</summary>
    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_prepared)
        {
            return;
        }

        _prepared = true;
        var existing = _existing!;
        var container = _driver.Client.Container;
        if (existing.Segments.Count == 0)
        {
            if (_offset > _chunkSize && _offset == existing.Info.Size)
            {
                // A plain object larger than a segment becomes the first segment by a server-side copy.
                var name = SwiftNames.SegmentName(_segmentsPath, _nextNumber++);
                var etag = await _driver.Client.CopyAsync(container, _objectName, name, _path, cancellationToken)
                    ?? throw new PathNotFoundException(_driver.Name, _path);
                var copied = new SwiftSegment(container, name, etag, _offset);
                _segments.Add(copied);
                _uploaded.Add(copied);
                return;
            }

            await ReadBackAsync(container, _objectName, _offset, cancellationToken);
            return;
        }

        var reused = new List<SwiftSegment>();
        long keptSize = 0;
        SwiftSegment? spanning = null;
        foreach (var segment in existing.Segments)
        {
            if (keptSize + segment.Size > _offset)
            {
                spanning = segment;
                break;
            }

            reused.Add(segment);
            keptSize += segment.Size;
        }

        // A short last segment would sit between full ones after the append, which SLO forbids; read it back instead.
        SwiftSegment? shortTail = null;
        if (reused.Count > 0 && reused[^1].Size < _chunkSize)
        {
            shortTail = reused[^1];
            reused.RemoveAt(reused.Count - 1);
        }

        _segments.AddRange(reused);
        if (shortTail is not null)
        {
            await ReadBackAsync(shortTail.Container, shortTail.Name, shortTail.Size, cancellationToken);
        }

        var keptOfSpanning = _offset - keptSize;
        if (spanning is not null && keptOfSpanning > 0)
        {
            await ReadBackAsync(spanning.Container, spanning.Name, keptOfSpanning, cancellationToken);
        }
    }

    /// <summary>Appends the first <paramref name="length"/> bytes of a stored object, uploading segments as the buffer fills.</summary>
    private async Task ReadBackAsync(string container, string name, long length, CancellationToken cancellationToken)
    {
        if (length == 0)
        {
            return;
        }

        using var response = await _driver.Client.OpenAsync(container, name, 0, length - 1, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StorageDriverException(_driver.Name, _path, $"the stored object {name} that the file continues is missing");
        }

        _driver.Client.EnsureSuccess(response, _path);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        long remaining = length;
        while (remaining > 0)
        {
            var buffer = Buffer();
            var read = await stream.ReadAsync(buffer.AsMemory(_buffered, (int)Math.Min(_chunkSize - _buffered, remaining)), cancellationToken);
            if (read == 0)
            {
                throw new StorageDriverException(_driver.Name, _path, $"the stored object {name} ended {remaining} bytes early");
            }

            _buffered += read;
            remaining -= read;
            if (_buffered == _chunkSize)
            {
                await UploadSegmentAsync(cancellationToken);
            }
        }
    }

    private async Task AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var buffer = Buffer();
            var count = (int)Math.Min(_chunkSize - _buffered, data.Length);
            data.Span[..count].CopyTo(buffer.AsSpan(_buffered));
            _buffered += count;
            data = data[count..];
            if (_buffered == _chunkSize)
            {
                await UploadSegmentAsync(cancellationToken);
            }
        }
    }

    private async Task UploadSegmentAsync(CancellationToken cancellationToken)
    {
        var name = SwiftNames.SegmentName(_segmentsPath, _nextNumber++);
        var etag = await _driver.Client.PutAsync(name, _buffer.AsMemory(0, _buffered), "", _path, cancellationToken);
        var segment = new SwiftSegment(_driver.Client.Container, name, etag, _buffered);
        _segments.Add(segment);
        _uploaded.Add(segment);
        _buffered = 0;
    }

    // The pool may return a larger array; only the first _chunkSize bytes are used.
    private byte[] Buffer() => _buffer ??= ArrayPool<byte>.Shared.Rent((int)_chunkSize);

    private void EnsureOpen()
    {
        if (_finished)
        {
            throw new InvalidOperationException($"the writer of {_path} was already committed or cancelled");
        }
    }

    private void Finish()
    {
        _finished = true;
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
