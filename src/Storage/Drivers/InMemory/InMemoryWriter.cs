namespace Registry.Storage.Drivers.InMemory;

/// <summary>
/// A writer of <see cref="InMemoryDriver"/>. It collects written bytes in its own chunks and
/// publishes the committed prefix plus those chunks as one new array on commit or dispose, so
/// readers never see a partial write.
/// </summary>
internal sealed class InMemoryWriter : IStorageWriter
{
    private readonly InMemoryDriver _driver;
    private readonly string _path;
    private readonly byte[] _committed;
    private readonly long _offset;
    private readonly List<byte[]> _chunks = [];
    private bool _closed;

    /// <param name="committed">The file's content when the writer was opened; its first <paramref name="offset"/> bytes are kept.</param>
    public InMemoryWriter(InMemoryDriver driver, string path, byte[] committed, long offset)
    {
        _driver = driver;
        _path = path;
        _committed = committed;
        _offset = offset;
        Size = offset;
    }

    public long Size { get; private set; }

    public Task WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        cancellationToken.ThrowIfCancellationRequested();
        _chunks.Add(buffer.ToArray());
        Size += buffer.Length;
        return Task.CompletedTask;
    }

    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        cancellationToken.ThrowIfCancellationRequested();
        Publish();
        return Task.CompletedTask;
    }

    public Task CancelAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        _closed = true;
        _driver.Remove(_path);
        return Task.CompletedTask;
    }

    /// <summary>Publishes what was written, as <see cref="CommitAsync"/> does, unless the writer is already closed.</summary>
    public ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            Publish();
        }

        return ValueTask.CompletedTask;
    }

    private void Publish()
    {
        _closed = true;
        var content = new byte[Size];
        _committed.AsSpan(0, (int)_offset).CopyTo(content);
        var position = (int)_offset;
        foreach (var chunk in _chunks)
        {
            chunk.CopyTo(content, position);
            position += chunk.Length;
        }

        _driver.Publish(_path, content);
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new InvalidOperationException($"The writer of {_path} is already committed, cancelled or disposed.");
        }
    }
}
