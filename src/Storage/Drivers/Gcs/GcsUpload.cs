using System.Buffers;

namespace Registry.Storage.Drivers.Gcs;

/// <summary>
/// The upload of one object, buffered one chunk (<see cref="GcsDriverOptions.ChunkSize"/>) at a time.
/// </summary>
/// <remarks>
/// An upload that never fills its buffer is one simple upload on <see cref="FinishAsync"/>. A larger
/// one opens a resumable upload when the buffer overflows, sends each full buffer as one chunk (a
/// multiple of 256 KiB), and sends the rest as the last chunk on <see cref="FinishAsync"/>, which
/// publishes the object whole.
/// </remarks>
internal sealed class GcsUpload(GcsDriver driver, string path, string name) : IDisposable
{
    private readonly int _capacity = driver.Options.ChunkSize;
    private byte[]? _buffer;
    private int _buffered;
    private Uri? _session;
    private long _sent;

    /// <summary>The object that the upload publishes.</summary>
    public string Name => name;

    /// <summary>Bytes appended so far.</summary>
    public long Length => _sent + _buffered;

    public async Task AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var buffer = RentBuffer();
        while (!data.IsEmpty)
        {
            // A full buffer is sent only when more bytes follow, so an object of exactly one chunk is one simple upload.
            if (_buffered == _capacity)
            {
                await SendChunkAsync(last: false, cancellationToken);
            }

            var count = Math.Min(data.Length, _capacity - _buffered);
            data[..count].CopyTo(buffer.AsMemory(_buffered));
            _buffered += count;
            data = data[count..];
        }
    }

    /// <summary>Appends exactly <paramref name="count"/> bytes read from <paramref name="source"/>.</summary>
    /// <exception cref="EndOfStreamException">The source ends first.</exception>
    public async Task AppendFromAsync(Stream source, long count, CancellationToken cancellationToken)
    {
        var buffer = RentBuffer();
        for (var left = count; left > 0;)
        {
            if (_buffered == _capacity)
            {
                await SendChunkAsync(last: false, cancellationToken);
            }

            var read = await source.ReadAsync(buffer.AsMemory(_buffered, (int)Math.Min(left, _capacity - _buffered)), cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException($"the source ended {left} bytes before the {count} bytes to copy");
            }

            _buffered += read;
            left -= read;
        }
    }

    /// <summary>Publishes the object with everything appended: one simple upload, or the last chunk of the resumable upload.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_session is not null)
        {
            await SendChunkAsync(last: true, cancellationToken);
            return;
        }

        var content = _buffer.AsMemory(0, _buffered);
        await driver.Retry.RunAsync("upload", path, name, token => driver.Media.UploadAsync(name, content, token), cancellationToken);
    }

    /// <summary>Cancels the resumable upload, if one was opened. A failure is logged, because GCS expires the upload anyway.</summary>
    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        if (_session is null)
        {
            return;
        }

        try
        {
            await driver.Media.CancelSessionAsync(_session, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or Google.GoogleApiException)
        {
            GcsDriverLog.SessionCancelFailed(driver.Logger, driver.Options.Bucket, name, exception);
        }
    }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    /// <summary>
    /// Sends the buffer to the resumable upload, opening it first if needed: as a middle chunk (the
    /// whole buffer, a multiple of 256 KiB), or as the last chunk, which publishes the object.
    /// </summary>
    private async Task SendChunkAsync(bool last, CancellationToken cancellationToken)
    {
        var media = driver.Media;
        if (_session is null)
        {
            _session = await driver.Retry.RunAsync(
                "resumable upload start", path, name, token => media.StartSessionAsync(name, token), cancellationToken);
            GcsDriverLog.UploadSessionStarted(driver.Logger, driver.Options.Bucket, name);
        }

        var session = _session;
        long? total = last ? _sent + _buffered : null;
        var uncertain = false;
        var persisted = await driver.Retry.RunAsync("resumable upload chunk", path, name, async token =>
        {
            // After a failed attempt the store may have persisted part of the chunk, so query it and send the rest.
            var from = uncertain ? await media.QuerySessionAsync(session, token) : _sent;
            uncertain = true;
            var chunk = _buffer.AsMemory((int)(from - _sent), (int)(_sent + _buffered - from));
            return await media.PutChunkAsync(session, from, chunk, total, token);
        }, cancellationToken);

        var consumed = (int)(persisted - _sent);
        _buffer.AsSpan(consumed, _buffered - consumed).CopyTo(_buffer);
        _buffered -= consumed;
        _sent = persisted;
    }

    // The pool may return a longer array; only the first chunk's worth of it is used.
    private byte[] RentBuffer() => _buffer ??= ArrayPool<byte>.Shared.Rent(_capacity);
}
