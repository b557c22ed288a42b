namespace Registry.Storage.Drivers.Gcs;

/// <summary>A read-only stream over a download response that disposes the response with it.</summary>
internal sealed class GcsResponseStream(HttpResponseMessage response, Stream content) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public static async Task<GcsResponseStream> OpenAsync(HttpResponseMessage response, long skip, CancellationToken cancellationToken)
    {
        var content = await response.Content.ReadAsStreamAsync(cancellationToken);
        var stream = new GcsResponseStream(response, content);
        if (skip > 0)
        {
            // Reached only when the store ignored the Range header and sent the whole object.
            var buffer = new byte[Math.Min(skip, 81920)];
            for (var left = skip; left > 0;)
            {
                var read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(left, buffer.Length)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                left -= read;
            }
        }

        return stream;
    }

    public override int Read(byte[] buffer, int offset, int count) => content.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => content.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        content.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        content.ReadAsync(buffer, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            content.Dispose();
            response.Dispose();
        }

        base.Dispose(disposing);
    }
}
